import { and, eq, inArray, sql } from "drizzle-orm";
import type { AppointmentRole } from "../../../core/access/roles.ts";
import { users } from "../../platform/auth/auth.tables.ts";
import { todayIso } from "../../platform/clock.ts";
import type { Db } from "../../platform/db/database.ts";
import { persons } from "../personnel/index.ts";
import { appointments } from "./appointments.tables.ts";
import { inForceOn } from "./appointments.service.ts";

/** An account to tell of something: in-app by id, by e-mail in its locale. */
export type Recipient = { id: string; email: string; locale: string };

/** The active accounts among `userIds` (a deactivated account is told nothing). */
export async function activeAccounts(tx: Db, userIds: (string | null)[]): Promise<Recipient[]> {
  const ids = [...new Set(userIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return [];
  return tx
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.isActive, true)));
}

/** Appointment in force whose place covers the area (the area itself or a place above it). */
export const coversArea = (areaPath: string) => sql`left(${areaPath}, length(${appointments.placePath})) = ${appointments.placePath}`;

/**
 * Accounts of the people holding, today, one of `roles` on the area or a place above it: the
 * people a decision about the area waits for (the DO, the ASC, the area's security professionals).
 */
export async function holdersOf(tx: Db, roles: readonly AppointmentRole[], areaPath: string): Promise<Recipient[]> {
  // One statement: the holders' active accounts (a deactivated account is told nothing).
  return tx
    .selectDistinct({ id: users.id, email: users.email, locale: users.locale })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .innerJoin(users, eq(users.id, persons.userId))
    .where(and(inArray(appointments.role, [...roles]), inForceOn(todayIso()), coversArea(areaPath), eq(users.isActive, true)));
}
