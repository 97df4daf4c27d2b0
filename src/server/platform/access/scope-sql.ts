import { type AnyColumn, type SQL, and, eq, or, sql } from "drizzle-orm";
import type { Permission } from "../../../core/access/permissions.ts";
import { type Actor, grantsFor } from "../../../core/access/scope.ts";

/**
 * SQL condition limiting a list to the records the actor may see with `permission`:
 * a place-path prefix per grant, and the grant's organisation where it has one.
 * Returns undefined when the actor holds the permission everywhere.
 *
 * `organisationColumn: "ignore"` is for records that belong to no organisation (places,
 * meetings): an organisation-restricted grant then covers them by place alone.
 */
export function scopeCondition(
  actor: Actor,
  permission: Permission,
  pathColumn: AnyColumn | SQL,
  organisationColumn: AnyColumn | "ignore",
): SQL | undefined {
  const grants = grantsFor(actor, permission);
  const isOrganisationIgnored = organisationColumn === "ignore";
  const isUnrestricted = grants.some(
    (grant) => grant.placePath === null && (grant.organisationId === null || isOrganisationIgnored),
  );
  if (isUnrestricted) return undefined;
  if (grants.length === 0) return sql`false`;
  const parts = grants.map((grant) => {
    const conditions: SQL[] = [];
    if (grant.placePath !== null) conditions.push(sql`${pathColumn} like ${`${grant.placePath}%`}`);
    if (grant.organisationId !== null && !isOrganisationIgnored) {
      conditions.push(eq(organisationColumn as AnyColumn, grant.organisationId));
    }
    return and(...conditions) ?? sql`true`;
  });
  return or(...parts);
}

/** Actions from `candidates` the actor may take on a record, by a per-record check. */
export function allowedActions<A extends string>(candidates: Record<A, boolean>): A[] {
  return (Object.keys(candidates) as A[]).filter((action) => candidates[action]);
}
