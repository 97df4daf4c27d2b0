import { and, asc, eq, inArray } from "drizzle-orm";
import { type Briefing, type BriefingArea, type BriefingContact, type BriefingLanguage, type ContactRole, briefingEmail, contactRoles } from "../../../../core/travel/briefing.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { clock, todayIso } from "../../../platform/clock.ts";
import type { Database, Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { areaNameIn, placeNameIn } from "../../../platform/language/place-names.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import { enqueueEmailInEachLanguage } from "../../../platform/notify/email-outbox.ts";
import { activeAccounts, appointments, coversArea, inForceOn } from "../../appointments/index.ts";
import { type IncidentCount, criticalIncidentCounts } from "../../incidents/index.ts";
import { dependants, persons } from "../../personnel/index.ts";
import { type LevelInForce, securityLevelInForce, travelConditions } from "../../risk/index.ts";
import { pathIds, places } from "../../structure/index.ts";
import { travellerAccounts } from "./clearance.service.ts";
import { travelLegs, travelRequests, travelTravellers } from "./requests.tables.ts";

/**
 * The security briefing of a trip (issue 13 §4): per destination area, the levels in force, the
 * clearance's conditions, the critical incidents of the last 30 days as counts, the area's
 * security contacts and the SRM measures that bind travellers. Read through the given `db`, so
 * that the e-mail sent on clearance is built inside the clearance's own transaction (and sees
 * the trip it has just written). Words come from core/travel/briefing.ts.
 */
export const briefingIncidentDays = 30;

type PlaceRow = { id: string; kind: string; name: string; countryCode: string | null; path: string };

/**
 * The risk module reads the level in force through `database.db`. On PGlite (one connection) a
 * statement outside a transaction waits for it to end, so inside the clearance's transaction the
 * read must go through the transaction itself.
 */
const through = (database: Database, db: Db): Database => ({ ...database, db });

/** The area a place lies in: the place itself unless it is a duty station, else the area above it. */
function areaOf(path: string, byId: Map<string, PlaceRow>): PlaceRow | undefined {
  return pathIds(path)
    .reverse()
    .map((id) => byId.get(id))
    .find((place) => place && place.kind !== "duty_station");
}

async function contactsOf(db: Db, areaPath: string) {
  const rows = await db
    .selectDistinct({ role: appointments.role, givenName: persons.givenName, familyName: persons.familyName, email: users.email })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .leftJoin(users, and(eq(users.id, persons.userId), eq(users.isActive, true)))
    .where(and(inArray(appointments.role, [...contactRoles]), inForceOn(todayIso()), coversArea(areaPath)));
  const rank = (role: string) => contactRoles.indexOf(role as ContactRole);
  return rows
    .map((row) => ({ name: `${row.givenName} ${row.familyName}`, role: row.role as ContactRole, email: row.email }))
    .sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name));
}

/** The briefing's facts, read once; worded in any language by the function returned. */
export async function loadBriefing(database: Database, db: Db, requestId: string, now: Date): Promise<(language: BriefingLanguage) => Briefing> {
  const [request] = await db.select().from(travelRequests).where(eq(travelRequests.id, requestId));
  if (!request) throw new NotFoundError("Travel request");
  // One statement after another: `db` may be a transaction, whose one connection takes them in turn anyway.
  const travellers = await db
    .select({ given: persons.givenName, family: persons.familyName, kinGiven: dependants.givenName, kinFamily: dependants.familyName })
    .from(travelTravellers)
    .innerJoin(persons, eq(persons.id, travelTravellers.personId))
    .leftJoin(dependants, eq(dependants.id, travelTravellers.dependantId))
    .where(eq(travelTravellers.requestId, requestId))
    .orderBy(asc(travelTravellers.position));
  const legs = await db.select().from(travelLegs).where(eq(travelLegs.requestId, requestId)).orderBy(asc(travelLegs.position));
  const lineage = [...new Set(legs.flatMap((leg) => [...pathIds(leg.fromPath), ...pathIds(leg.toPath)]))];
  const placeRows = await db.select({ id: places.id, kind: places.kind, name: places.name, countryCode: places.countryCode, path: places.path }).from(places).where(inArray(places.id, lineage));
  const byId = new Map(placeRows.map((row) => [row.id, row]));

  // The areas the trip goes to, less the one it sets out from (a round trip's home), unless it never leaves it.
  const origin = legs.length ? areaOf(legs[0].fromPath, byId) : undefined;
  const reached = [...new Map(legs.flatMap((leg) => areaOf(leg.toPath, byId) ?? []).map((area) => [area.id, area])).values()];
  const areas = reached.filter((area) => area.id !== origin?.id).length ? reached.filter((area) => area.id !== origin?.id) : reached;

  const { flashAlert } = appConfigOf(database);
  const since = new Date(now.getTime() - briefingIncidentDays * 86_400_000);
  type AreaFacts = { area: PlaceRow; level: LevelInForce | null; incidents: IncidentCount[]; contacts: BriefingContact[]; measures: string[]; conditions: string[] };
  const facts: AreaFacts[] = [];
  for (const area of areas) {
    const level = await securityLevelInForce(through(database, db), area.id);
    const incidents = await criticalIncidentCounts(db, flashAlert, area.path, since, now);
    const contacts = await contactsOf(db, area.path);
    const measures = await travelConditions(db, area.path, request.organisationIds);
    const conditions = [...new Set(legs.filter((leg) => areaOf(leg.toPath, byId)?.id === area.id).flatMap((leg) => leg.conditions))];
    facts.push({ area, level, incidents, contacts, measures, conditions });
  }

  const nameOf = (id: string, language: BriefingLanguage) => {
    const place = byId.get(id);
    return place ? placeNameIn(place, language) : "";
  };
  return (language) => ({
    number: request.number,
    purpose: request.purpose,
    travellers: travellers.map((row) => (row.kinGiven ? `${row.kinGiven} ${row.kinFamily}` : `${row.given} ${row.family}`)),
    legs: legs.map((leg) => ({ from: nameOf(leg.fromPlaceId, language), to: nameOf(leg.toPlaceId, language), departureLocal: leg.departureLocal, arrivalLocal: leg.arrivalLocal })),
    incidentDays: briefingIncidentDays,
    generatedAt: now.toISOString(),
    areas: facts.map(
      ({ area, level, incidents, contacts, measures, conditions }): BriefingArea => ({
        placeId: area.id,
        name: placeNameIn(area, language),
        level: level ? { areaName: areaNameIn(level.areaName, language), overall: level.overall, levels: level.levels } : null,
        conditions,
        incidents,
        contacts,
        measures,
      }),
    ),
  });
}

/** The addresses of the trip's page and its two PDFs, on the public address (BASE_URL). */
export function briefingLinks(database: Database, requestId: string) {
  const base = appConfigOf(database).baseUrl.replace(/\/+$/, "");
  return {
    trip: `${base}/travel/requests/${requestId}`,
    clearancePdf: `${base}/api/travel/requests/${requestId}/clearance.pdf`,
    briefingPdf: `${base}/api/travel/requests/${requestId}/briefing.pdf`,
  };
}

/**
 * On clearance, in its transaction: the briefing by e-mail (through the outbox) to the travellers'
 * accounts and whoever filed the trip, each in their own language. The in-app "cleared" notice,
 * written beside it, links to the trip, whose page holds the briefing. Everyone is written to,
 * the one who cleared it included: a traveller filing a trip cleared at once needs it too.
 */
export async function sendBriefing(tx: Db, context: ServiceContext, requestId: string): Promise<void> {
  const [request] = await tx.select({ filedByUserId: travelRequests.filedByUserId }).from(travelRequests).where(eq(travelRequests.id, requestId));
  const travellers = await tx.select({ personId: travelTravellers.personId }).from(travelTravellers).where(eq(travelTravellers.requestId, requestId));
  const recipients = await activeAccounts(tx, await travellerAccounts(tx, travellers, request?.filedByUserId ?? null));
  if (recipients.length === 0) return;
  const briefing = await loadBriefing(context.database, tx, requestId, clock.now());
  const links = briefingLinks(context.database, requestId);
  await enqueueEmailInEachLanguage(tx, recipients, (language) => briefingEmail(briefing(language), language, links), {
    kind: "travel_briefing",
    entityType: "travel_request",
    entityId: requestId,
  });
}
