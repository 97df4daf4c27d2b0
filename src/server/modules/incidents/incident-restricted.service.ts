import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { personOutcomes } from "../../../core/incidents/incident-taxonomy.types.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { users } from "../../platform/auth/auth.tables.ts";
import { todayIso } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { notifications } from "../../platform/notify/notify.tables.ts";
import { timestamp } from "../../platform/http/schemas.ts";
import { appointments, inForceOn } from "../appointments/index.ts";
import { persons, places } from "./incident-deps.ts";
import { incidentPeople, incidents } from "./incidents.tables.ts";
import { incidentStatuses } from "./incidents.tables.ts";

/**
 * The restricted view of an incident (issue 11, item 17). A flash alert tells the area's DO about
 * a critical incident, sexual assaults included, but the DO is not on a sensitive incident's
 * need-to-know list, so the full record is "not found" to them. Whoever an alert reached gets
 * what the alert itself told them, and whom to contact: category, place, time, status, people
 * affected as counts by outcome, and who holds the case. Never the narrative, the victims or any
 * identity, the reporter, exact coordinates, nor the attachments.
 *
 * "Reached" is what the alert recorded: a flash-alert notification to the caller's account for
 * this incident (written in the transaction that submitted it), not the caller's roles today.
 */
export const restrictedIncidentOut = z
  .object({
    restricted: z.literal(true).describe("Only the fields a flash alert may tell; the full record is need-to-know"),
    id: z.string(),
    categoryCode: z.string(),
    taxonomyVersion: z.number().int(),
    status: z.enum(incidentStatuses),
    occurredAt: timestamp,
    occurredAtLocal: z.string(),
    timeZone: z.string(),
    placeId: z.string(),
    placeName: z.string(),
    affectsUn: z.boolean(),
    isNearMiss: z.boolean(),
    isSensitive: z.boolean(),
    submittedAt: timestamp.nullable(),
    peopleByOutcome: z.array(z.object({ outcome: z.enum(personOutcomes), count: z.number().int() })).describe("People affected, summed by outcome"),
    holders: z
      .array(z.object({ role: z.enum(["pcsa", "author"]), name: z.string() }))
      .describe("Whom to contact: the P/C/SA of the area, and whoever recorded the incident"),
    actions: z.array(z.string()).describe("Always empty: nothing may be done from this view"),
  })
  .describe("Restricted view of an incident, for someone a flash alert reached who is not on its need-to-know list");
export type RestrictedIncident = z.infer<typeof restrictedIncidentOut>;

async function wasAlerted(context: ServiceContext, incidentId: string): Promise<boolean> {
  const [row] = await context.database.db
    .select({ id: notifications.id })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, context.actor.userId),
        eq(notifications.kind, "flash_alert"),
        eq(notifications.entityType, "incident"),
        eq(notifications.entityId, incidentId),
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The P/C/SA in force today on the incident's place or above it, and the author: whom to ask. */
async function holdersOf(context: ServiceContext, placePath: string, createdByUserId: string | null) {
  const { db } = context.database;
  const [pcsas, authors] = await Promise.all([
    db
      .selectDistinct({ given: persons.givenName, family: persons.familyName })
      .from(appointments)
      .innerJoin(persons, eq(persons.id, appointments.personId))
      .where(and(eq(appointments.role, "pcsa"), inForceOn(todayIso()), sql`left(${placePath}, length(${appointments.placePath})) = ${appointments.placePath}`))
      .orderBy(asc(persons.familyName), asc(persons.givenName)),
    createdByUserId ? db.select({ name: users.displayName }).from(users).where(eq(users.id, createdByUserId)) : Promise.resolve([]),
  ]);
  return [
    ...pcsas.map((person) => ({ role: "pcsa" as const, name: `${person.given} ${person.family}` })),
    ...authors.map((author) => ({ role: "author" as const, name: author.name })),
  ];
}

/**
 * The restricted view when a flash alert about this incident reached the caller; null otherwise
 * (the caller then gets the "not found" every other refusal gives). Audited as a sensitive read.
 */
export async function restrictedIncident(context: ServiceContext, id: string, localTime: (at: Date, timeZone: string) => string): Promise<RestrictedIncident | null> {
  const { db } = context.database;
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  if (!row || !(await wasAlerted(context, id))) return null;
  const [people, [place], holders] = await Promise.all([
    db
      .select({ outcome: incidentPeople.outcome, count: sql<number>`sum(${incidentPeople.count})::int` })
      .from(incidentPeople)
      .where(eq(incidentPeople.incidentId, id))
      .groupBy(incidentPeople.outcome)
      .orderBy(asc(incidentPeople.outcome)),
    db.select({ name: places.name }).from(places).where(eq(places.id, row.placeId)),
    holdersOf(context, row.placePath, row.createdByUserId),
  ]);
  await db.transaction((tx) =>
    recordAudit(tx, context.audit, { action: "read_sensitive", entityType: "incident", entityId: id, changes: { view: { from: null, to: "restricted" } } }),
  );
  return {
    restricted: true,
    id: row.id,
    categoryCode: row.categoryCode,
    taxonomyVersion: row.taxonomyVersion,
    status: row.status,
    occurredAt: row.occurredAt.toISOString(),
    occurredAtLocal: localTime(row.occurredAt, row.timeZone),
    timeZone: row.timeZone,
    placeId: row.placeId,
    placeName: place?.name ?? "",
    affectsUn: row.affectsUn,
    isNearMiss: row.isNearMiss,
    isSensitive: row.isSensitive,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    peopleByOutcome: people.map((line) => ({ outcome: line.outcome, count: Number(line.count) })),
    holders,
    actions: [],
  };
}
