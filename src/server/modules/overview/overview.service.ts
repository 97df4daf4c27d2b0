import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { AppointmentRole } from "../../../core/access/roles.ts";
import { responsibilityKeysFor } from "../../../core/access/role-responsibilities.ts";
import { grantsFor } from "../../../core/access/scope.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { cachedReference } from "../../platform/cache/reference-cache.ts";
import { todayIso } from "../../platform/clock.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { continuityStatus, listAppointments } from "../appointments/index.ts";
import { appointments, inForceOn } from "../appointments/index.ts";
import { upcomingActionPoints } from "../meetings/index.ts";
import { getPerson, persons } from "../personnel/index.ts";
import { overdueReviews } from "../risk/index.ts";
import { responsibilitiesForKeys } from "../responsibilities/index.ts";
import { getPlace, organisations, places } from "../structure/index.ts";

/** The area page: the place, its children, who is in charge and the continuity gaps. */
export async function placeDetail(context: ServiceContext, id: string) {
  const place = await getPlace(context, id);
  const { path, ...rest } = place;
  const isArea = place.kind !== "duty_station";
  const [continuity] = isArea ? await continuityStatus(context, { days: 30, placeIds: [id], onlyGaps: false }) : [];
  return {
    ...rest,
    continuity: continuity
      ? { slot: continuity.slot, inCharge: continuity.inCharge, gaps: continuity.gaps }
      : { slot: null, inCharge: null, gaps: [] },
  };
}

/** A person's page: their record, current appointments and the responsibilities those carry. */
export async function personDetail(context: ServiceContext, id: string) {
  const person = await getPerson(context, id);
  const current = await listAppointments(context, {
    personId: id,
    activeOn: todayIso(),
    page: 1,
    pageSize: 50,
    sort: "startsOn",
    order: "asc",
  });
  const roles = current.items.map((appointment) => appointment.role as AppointmentRole);
  const responsibilities = await responsibilitiesForKeys(context.database, responsibilityKeysFor(roles));
  return { ...person, appointments: current.items, responsibilities };
}

/**
 * The home dashboard. Everything but the action points and the overdue reviews comes from
 * reference data (people, appointments, places, organisations), so that part is kept while the
 * reference stamp and the day hold, per set of grants (platform/cache): a dashboard costs the
 * session's statement and the two live ones.
 */
export async function dashboard(context: ServiceContext) {
  const { actor } = context;
  const canSeeMeetings = grantsFor(actor, "meeting.read").length > 0;
  const canSeeAssessments = grantsFor(actor, "srm.read").length > 0;
  const today = todayIso();
  // The grants in the key: system roles live outside the reference data, so two users with the same grants share the answer.
  const key = JSON.stringify([actor.personId, actor.grants, today]);
  const [reference, actionPoints, reviews] = await Promise.all([
    cachedReference(context.database, context.referenceStamp, "dashboard", key, () => dashboardReference(context, today)),
    canSeeMeetings ? upcomingActionPoints(context, 30, 20) : Promise.resolve([]),
    canSeeAssessments ? overdueReviews(context, 20) : Promise.resolve([]),
  ]);
  return { areas: reference.areas, continuity: reference.continuity, actionPoints, overdueReviews: reviews, dutyStations: reference.dutyStations, counts: reference.counts };
}

/** The dashboard's parts read from reference data only. */
async function dashboardReference(context: ServiceContext, today: string) {
  const { db } = context.database;
  const { actor } = context;
  const isGlobal = actor.grants.some((grant) => grant.placePath === null && grant.role !== "authenticated");
  const heldAreas = actor.personId
    ? await db
        .select({ id: places.id, name: places.name, kind: places.kind, countryCode: places.countryCode, role: appointments.role })
        .from(appointments)
        .innerJoin(places, eq(places.id, appointments.placeId))
        .where(and(eq(appointments.personId, actor.personId), inForceOn(today)))
    : [];
  const areas = new Map<string, { id: string; name: string; kind: (typeof heldAreas)[number]["kind"]; countryCode: string | null; roles: string[] }>();
  for (const row of heldAreas) {
    const area = areas.get(row.id) ?? { id: row.id, name: row.name, kind: row.kind, countryCode: row.countryCode, roles: [] };
    area.roles.push(row.role);
    areas.set(row.id, area);
  }
  if (isGlobal) {
    const designated = await db.select().from(places).where(eq(places.kind, "designated_area")).orderBy(asc(places.name));
    for (const row of designated) {
      if (!areas.has(row.id)) areas.set(row.id, { id: row.id, name: row.name, kind: row.kind, countryCode: row.countryCode, roles: [] });
    }
  }
  const canSeePlaces = grantsFor(actor, "place.read").length > 0;
  const canSeeAppointments = grantsFor(actor, "appointment.read").length > 0;
  const placeScope = scopeCondition(actor, "place.read", places.path, "ignore");
  const [continuity, stations, counts] = await Promise.all([
    canSeeAppointments ? continuityStatus(context, { days: 30, onlyGaps: true }) : Promise.resolve([]),
    canSeePlaces
      ? db
          .select({
            id: places.id,
            name: places.name,
            latitude: places.latitude,
            longitude: places.longitude,
            parentId: places.parentId,
            personnelCount: sql<number>`(select count(*)::int from ${persons} where ${persons.dutyStationId} = ${places.id})`,
          })
          .from(places)
          .where(and(eq(places.kind, "duty_station"), placeScope))
          .orderBy(asc(places.name))
      : Promise.resolve([]),
    Promise.all([
      db.select({ value: count() }).from(organisations),
      canSeePlaces ? db.select({ value: count() }).from(places).where(placeScope) : Promise.resolve([{ value: 0 }]),
      db.select({ value: count() }).from(persons).where(scopeCondition(actor, "personnel.read", persons.placePath, persons.organisationId)),
      canSeeAppointments
        ? db.select({ value: count() }).from(appointments).where(and(inForceOn(today), scopeCondition(actor, "appointment.read", appointments.placePath, "ignore")))
        : Promise.resolve([{ value: 0 }]),
    ]),
  ]);
  const parentIds = [...new Set(stations.map((station) => station.parentId).filter((id): id is string => Boolean(id)))];
  const parentNames = new Map(
    parentIds.length ? (await db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, parentIds))).map((row) => [row.id, row.name]) : [],
  );
  return {
    areas: [...areas.values()],
    continuity,
    dutyStations: stations
      .filter((station) => station.latitude !== null && station.longitude !== null)
      .map((station) => ({
        id: station.id,
        name: station.name,
        latitude: station.latitude as number,
        longitude: station.longitude as number,
        parentName: station.parentId ? (parentNames.get(station.parentId) ?? null) : null,
        personnelCount: Number(station.personnelCount),
      })),
    counts: {
      organisations: counts[0][0].value,
      places: counts[1][0].value,
      personnel: counts[2][0].value,
      appointments: counts[3][0].value,
    },
  };
}
