import { and, eq, inArray, sql } from "drizzle-orm";
import { type ReportedGap, addDays, describeGaps, isInForce } from "../../../core/appointments/continuity.ts";
import { type AppointmentRole, continuousSlots, roleRules } from "../../../core/access/roles.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { todayIso } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { persons } from "../personnel/index.ts";
import { places } from "../structure/index.ts";
import { appointments } from "./appointments.tables.ts";

export type ContinuityItem = {
  placeId: string;
  placeName: string;
  placeKind: "designated_area" | "security_area";
  slot: "do" | "asc";
  isCoveredToday: boolean;
  inCharge: { appointmentId: string; personId: string; personName: string; role: AppointmentRole; endsOn: string | null } | null;
  gaps: ReportedGap[];
};

const slotRoles = (slot: string) => (Object.keys(roleRules) as AppointmentRole[]).filter((role) => roleRules[role].slot === slot);

/**
 * For each Designated Area (DO / DO a.i.) and Security Area (ASC / ASC a.i.) in scope:
 * who is in charge today and the uncovered days from today through `days` ahead.
 */
export async function continuityStatus(
  context: ServiceContext,
  options: { days: number; placeIds?: string[]; onlyGaps: boolean },
): Promise<ContinuityItem[]> {
  const { db } = context.database;
  const today = todayIso();
  const until = addDays(today, options.days);
  const areas = await db
    .select({ id: places.id, name: places.name, kind: places.kind })
    .from(places)
    .where(
      and(
        inArray(places.kind, ["designated_area", "security_area"]),
        scopeCondition(context.actor, "appointment.read", places.path, "ignore"),
        options.placeIds ? inArray(places.id, options.placeIds) : undefined,
      ),
    )
    .orderBy(places.name);
  if (areas.length === 0) return [];
  const holders = await db
    .select({
      id: appointments.id,
      placeId: appointments.placeId,
      role: appointments.role,
      startsOn: appointments.startsOn,
      endsOn: appointments.endsOn,
      personId: appointments.personId,
      personName: sql<string>`${persons.givenName} || ' ' || ${persons.familyName}`,
    })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .where(
      and(
        inArray(
          appointments.placeId,
          areas.map((area) => area.id),
        ),
        inArray(appointments.role, [...slotRoles("do"), ...slotRoles("asc")]),
      ),
    );
  const items: ContinuityItem[] = [];
  for (const area of areas) {
    const kind = area.kind as "designated_area" | "security_area";
    const slot = continuousSlots[kind];
    const tenures = holders.filter((holder) => holder.placeId === area.id && roleRules[holder.role].slot === slot);
    const current = tenures.find((tenure) => isInForce(tenure, today));
    const gaps = describeGaps(tenures, today, until);
    if (options.onlyGaps && gaps.length === 0) continue;
    items.push({
      placeId: area.id,
      placeName: area.name,
      placeKind: kind,
      slot,
      isCoveredToday: Boolean(current),
      inCharge: current
        ? {
            appointmentId: current.id,
            personId: current.personId,
            personName: current.personName,
            role: current.role,
            endsOn: current.endsOn,
          }
        : null,
      gaps,
    });
  }
  return items;
}
