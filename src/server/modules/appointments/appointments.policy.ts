import type { Permission } from "../../../core/access/permissions.ts";
import type { AppointmentRole } from "../../../core/access/roles.ts";
import { type Actor, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";

type AppointmentRecord = { role: AppointmentRole; placePath: string };

/**
 * DOs and DOs a.i. are appointed by the Secretary-General through the USG, and P/C/SAs by
 * the USG (Framework of Accountability): in Vigil only a global grant (UNDSS headquarters,
 * the system administrator acting for it) records them, and the UNDSS desk officers it assigns. Other roles are appointed in the
 * area by its DO, ASC or P/C/SA.
 */
const headquartersAppointed: readonly AppointmentRole[] = ["do", "do_ai", "pcsa", "desk_officer"];

function mayManage(actor: Actor, permission: Permission, record: AppointmentRecord): boolean {
  const grants = grantsFor(actor, permission);
  if (headquartersAppointed.includes(record.role)) return grants.some((grant) => grant.placePath === null);
  // Appointments are not organisation data: an area grant covers them by place alone.
  return grants.some((grant) => grant.organisationId === null && pathCovers(grant.placePath, record.placePath));
}

export const appointmentPolicy = {
  canRead: (actor: Actor, record: { placePath: string }) =>
    grantsFor(actor, "appointment.read").some((grant) => pathCovers(grant.placePath, record.placePath)),
  canCreate: (actor: Actor, record: AppointmentRecord) => mayManage(actor, "appointment.create", record),
  canUpdate: (actor: Actor, record: AppointmentRecord) => mayManage(actor, "appointment.update", record),
  canDelete: (actor: Actor, record: AppointmentRecord) => mayManage(actor, "appointment.delete", record),
  actions: (actor: Actor, record: AppointmentRecord) =>
    allowedActions({
      update: appointmentPolicy.canUpdate(actor, record),
      delete: appointmentPolicy.canDelete(actor, record),
    }),
};
