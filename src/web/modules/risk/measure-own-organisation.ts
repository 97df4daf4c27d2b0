import { type Permission, rolesGranting } from "../../../core/access/permissions.ts";
import { roleRules } from "../../app/domain.ts";
import { useMe } from "../../app/session.ts";

/**
 * A caller whose only right to `permission` comes from an organisation role (representative,
 * organisation focal point) writes only their own organisation's records: forms start there and
 * offer no other. The server decides; this spares the user a form that can only be refused.
 */
export function useOwnOrganisation(permission: Permission): { isOrganisationOnly: boolean; organisationId: string | null } {
  const me = useMe();
  const granting = new Set<string>(rolesGranting(permission));
  const writing = me.appointments.filter((appointment) => granting.has(appointment.role));
  const isOrganisationOnly = writing.length > 0 && writing.every((appointment) => roleRules[appointment.role].hasOrganisation);
  return { isOrganisationOnly, organisationId: writing.find((appointment) => appointment.organisationId)?.organisationId ?? null };
}
