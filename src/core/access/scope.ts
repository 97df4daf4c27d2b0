import { type Permission, rolesGranting } from "./permissions.ts";
import type { AppointmentRole, Role, SystemRole } from "./roles.ts";

/**
 * A grant held by a caller: an appointment role on a place path (materialised path of the
 * place, e.g. "/da/sa/"), optionally restricted to one organisation. System roles carry a
 * null path, meaning "everywhere".
 */
export type Grant = {
  role: AppointmentRole | SystemRole | "authenticated" | "personnel";
  placePath: string | null;
  organisationId: string | null;
};

export type Actor = {
  userId: string;
  personId: string | null;
  displayName: string;
  grants: Grant[];
};

/** Where a record sits: its place path and, when it belongs to one, its organisation. */
export type RecordScope = { placePath: string | null; organisationId: string | null };

/** A right granted on a place covers the place and everything below it. */
export function pathCovers(grantPath: string | null, recordPath: string | null): boolean {
  if (grantPath === null) return true;
  if (recordPath === null) return false;
  return recordPath.startsWith(grantPath);
}

export function grantsFor(actor: Actor, permission: Permission): Grant[] {
  const roles: readonly Role[] = rolesGranting(permission);
  return actor.grants.filter((grant) => roles.includes(grant.role));
}

export function grantCovers(grant: Grant, record: RecordScope): boolean {
  if (!pathCovers(grant.placePath, record.placePath)) return false;
  if (grant.organisationId === null) return true;
  return grant.organisationId === record.organisationId;
}

/** Whether the actor holds the permission at all (anywhere). */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return grantsFor(actor, permission).length > 0;
}

/** Whether the actor holds the permission over this record. */
export function can(actor: Actor, permission: Permission, record?: RecordScope): boolean {
  const grants = grantsFor(actor, permission);
  if (!record) return grants.length > 0;
  return grants.some((grant) => grantCovers(grant, record));
}

export function hasSystemRole(actor: Actor, role: SystemRole): boolean {
  return actor.grants.some((grant) => grant.role === role);
}
