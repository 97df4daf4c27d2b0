import type { Permission } from "../../../core/access/permissions.ts";
import { type Actor, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import type { VictimCaseStatus } from "../../../core/victims/victim-enums.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";

type VictimCaseRecord = { placePath: string; status: VictimCaseStatus };

// A case sits where its incident happened; the register belongs to no organisation.
const covers = (actor: Actor, permission: Permission, record: { placePath: string }) =>
  grantsFor(actor, permission).some((grant) => pathCovers(grant.placePath, record.placePath));

/**
 * The register is confidential: the P/C/SA (or the CSFP where there is none) of the area
 * only. A closed case is read-only until it is reopened.
 */
export const victimCasePolicy = {
  canRead: (actor: Actor, record: { placePath: string }) => covers(actor, "victim.read", record),
  canManage: (actor: Actor, record: { placePath: string }) => covers(actor, "victim.manage", record),
  actions: (actor: Actor, record: VictimCaseRecord) => {
    const canManage = victimCasePolicy.canManage(actor, record);
    return allowedActions({
      update: canManage && record.status === "open",
      manage_follow_ups: canManage && record.status === "open",
      close: canManage && record.status === "open",
      reopen: canManage && record.status === "closed",
    });
  },
};
