import { eq } from "drizzle-orm";
import type { Grant } from "../../../core/access/scope.ts";
import { todayIso } from "../../platform/clock.ts";
import type { GrantLoader } from "../../platform/http/grant-loader.ts";
import { persons } from "../personnel/index.ts";
import { inForceOn } from "./appointments.service.ts";
import { appointments } from "./appointments.tables.ts";
import { and } from "drizzle-orm";

/**
 * Roles come from appointments in force today, each scoped to its place (and organisation);
 * a person also holds "personnel" at their own duty station, appointed or not.
 */
export const loadAppointmentGrants: GrantLoader = async (database, userId) => {
  const [person] = await database.db.select({ id: persons.id, placePath: persons.placePath }).from(persons).where(eq(persons.userId, userId));
  if (!person) return { personId: null, grants: [] };
  const rows = await database.db
    .select({ role: appointments.role, placePath: appointments.placePath, organisationId: appointments.organisationId })
    .from(appointments)
    .where(and(eq(appointments.personId, person.id), inForceOn(todayIso())));
  const grants: Grant[] = rows.map((row) => ({ role: row.role, placePath: row.placePath, organisationId: row.organisationId }));
  grants.push({ role: "personnel", placePath: person.placePath, organisationId: null });
  return { personId: person.id, grants };
};
