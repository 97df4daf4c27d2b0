import { appointmentRoles, systemRoles } from "../../../core/access/roles.ts";
import type { Actor } from "../../../core/access/scope.ts";
import type { AuditContext } from "../audit/audit.service.ts";
import type { Database } from "../db/database.ts";

/** What a service function receives: the database, who is acting, and the audit context. */
export type ServiceContext = {
  database: Database;
  actor: Actor;
  audit: AuditContext;
  /** The reference stamp read with the session (platform/cache): lets services reuse places and organisations. */
  referenceStamp?: string | null;
  /** The caller's account locale, read with the session (same statement): saves a query per worded answer. */
  locale?: string;
};

export function serviceContext(database: Database, actor: Actor, requestId: string | null, referenceStamp: string | null = null, locale?: string): ServiceContext {
  return {
    database,
    actor,
    referenceStamp,
    locale,
    audit: { actor: { userId: actor.userId, displayName: actor.displayName }, requestId },
  };
}

/**
 * The system acting on its own (seeding, command line): every role everywhere, audited
 * under a fixed name so the trail shows that no person made the change.
 */
export function systemContext(database: Database, name = "system"): ServiceContext {
  const roles = [...appointmentRoles, ...systemRoles, "authenticated" as const];
  const actor: Actor = {
    userId: "00000000-0000-0000-0000-000000000000",
    personId: null,
    displayName: name,
    grants: roles.map((role) => ({ role, placePath: null, organisationId: null })),
  };
  return { database, actor, audit: { actor: { userId: null, displayName: name }, requestId: null } };
}
