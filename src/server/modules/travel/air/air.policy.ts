import { type Actor, can, grantsFor, hasSystemRole, pathCovers } from "../../../../core/access/scope.ts";
import type { Permission } from "../../../../core/access/permissions.ts";
import type { RmtApproverKind } from "../../../../core/travel/air.ts";

/**
 * Who may do what in air travel (issue 13 §5). The register is everyone's to read and the aviation
 * role's (or the system administrator's) to keep. An RMT belongs to its route's two ends and one
 * organisation: a grant covers it when it covers either end and, for an organisation's grant, the
 * RMT's organisation. Its decision falls to the approver its level names: the DO (or DO a.i.) of
 * either end's area, or — at very high — the aviation role recording the USG UNDSS's decision.
 */
export type RmtScope = { scopePaths: readonly string[]; organisationId: string; createdByUserId: string | null };

function covers(actor: Actor, permission: Permission, rmt: Pick<RmtScope, "scopePaths" | "organisationId">, roles?: readonly string[]): boolean {
  return grantsFor(actor, permission).some(
    (grant) =>
      (!roles || roles.includes(grant.role)) &&
      rmt.scopePaths.some((path) => pathCovers(grant.placePath, path)) &&
      (grant.organisationId === null || grant.organisationId === rmt.organisationId),
  );
}

export const airPolicy = {
  canManageOperators: (actor: Actor) => can(actor, "air.operators.manage"),
  canManageRmtPolicy: (actor: Actor) => can(actor, "air.rmt_policy.manage"),
  /** Whoever filed it, or a reader of the route's areas and organisation. */
  canReadRmt: (actor: Actor, rmt: RmtScope) => rmt.createdByUserId === actor.userId || covers(actor, "air.rmt.read", rmt),
  canFileRmt: (actor: Actor, rmt: Pick<RmtScope, "scopePaths" | "organisationId">) => covers(actor, "air.rmt.file", rmt),
  /** Whether the caller files RMTs anywhere near these places, whatever the organisation (to tell a wrong place from a wrong organisation). */
  filesAt: (actor: Actor, paths: readonly string[]) => grantsFor(actor, "air.rmt.file").some((grant) => paths.some((path) => pathCovers(grant.placePath, path))),
  canDecideRmt: (actor: Actor, rmt: RmtScope, approver: RmtApproverKind | null): boolean => {
    if (approver === "do") return covers(actor, "air.rmt.approve", rmt, ["do", "do_ai"]);
    if (approver === "usg_undss") return hasSystemRole(actor, "aviation_risk");
    // An unacceptable risk: no one approves it; those who decide either kind may reject it.
    return covers(actor, "air.rmt.approve", rmt, ["do", "do_ai"]) || hasSystemRole(actor, "aviation_risk");
  },
};
