import { randomUUID } from "node:crypto";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { effectiveTimeZone } from "../../../../core/incidents/place-time-zone.ts";
import { localToIso } from "../../../../core/incidents/incident-import-time.ts";
import { type TimedLeg, type TravelRequestInput, itineraryProblems } from "../../../../core/travel/itinerary.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { withAuditEntry } from "../../../platform/audit/audit.service.ts";
import { notificationsInsert } from "../../../platform/notify/notifications.ts";
import { clock } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { AppError, ConflictError } from "../../../platform/http/errors.ts";
import { callerLanguage } from "../../../platform/language/caller-language.ts";
import { dependants, persons } from "../../personnel/index.ts";
import { findPlaceFor, organisations, pathIds } from "../../structure/index.ts";
import { legOperatorProblems } from "../air/air-facts.service.ts";
import { type TravellerRow, certificatesOf } from "./clearance-facts.ts";
import { type TripEvaluation, evaluateTrip, evaluationNotices, legReviewers } from "./clearance.service.ts";
import { sendBriefing } from "./briefing.service.ts";
import { presentTrip } from "./requests-read.service.ts";
import { requestPolicy } from "./requests.policy.ts";
import { activeStatuses, travelLegs, travelRequestSteps, travelRequests, travelTravellers } from "./requests.tables.ts";
import { newVerificationToken } from "./verification.service.ts";

/**
 * Filing a trip (issue 13 §3): the travellers and places must exist and be the filer's to name,
 * the itinerary must hold together, and no traveller may be on another active trip at the same
 * time. Then the clearance rules decide each leg, and the trip, its legs, its first steps and its
 * audit entry are written in one transaction.
 */

const refuse = (field: string, message: string) => new AppError(422, "rule_violation", `${field} ${message}`, [{ field, message }]);

type PersonRow = { id: string; placePath: string; organisationId: string; organisationCode: string; givenName: string; familyName: string; recruitmentType: string; userId: string | null };

/** The travellers, their home stations, and the accounts told of the outcome (`travellerAccounts`, read here instead). */
async function loadTravellers(context: ServiceContext, input: TravelRequestInput): Promise<{ rows: TravellerRow[]; homePaths: string[]; accounts: string[] }> {
  const { db } = context.database;
  const personIds = input.travellers.flatMap((one) => ("personId" in one ? [one.personId] : []));
  const dependantIds = input.travellers.flatMap((one) => ("dependantId" in one ? [one.dependantId] : []));
  const personColumns = {
    id: persons.id,
    placePath: persons.placePath,
    organisationId: persons.organisationId,
    organisationCode: organisations.code,
    givenName: persons.givenName,
    familyName: persons.familyName,
    recruitmentType: persons.recruitmentType,
    userId: persons.userId,
  };
  const [people, kin] = await Promise.all([
    personIds.length
      ? db.select(personColumns).from(persons).innerJoin(organisations, eq(organisations.id, persons.organisationId)).where(inArray(persons.id, personIds))
      : Promise.resolve([] as PersonRow[]),
    dependantIds.length
      ? db
          .select({ dependantId: dependants.id, givenName: dependants.givenName, familyName: dependants.familyName, person: personColumns })
          .from(dependants)
          .innerJoin(persons, eq(persons.id, dependants.personId))
          .innerJoin(organisations, eq(organisations.id, persons.organisationId))
          .where(inArray(dependants.id, dependantIds))
      : Promise.resolve([]),
  ]);
  const rows: TravellerRow[] = [];
  const homePaths: string[] = [];
  const accounts = new Set<string>();
  const seen = new Set<string>();
  input.travellers.forEach((one, index) => {
    const key = "personId" in one ? one.personId : one.dependantId;
    if (seen.has(key)) throw refuse(`travellers.${index}`, "names the same traveller twice");
    seen.add(key);
    // One answer for "does not exist" and "not yours to name": the filer learns nothing of others' staff.
    if ("personId" in one) {
      const person = people.find((row) => row.id === one.personId);
      if (!person || !requestPolicy.canFileFor(context.actor, person)) throw refuse(`travellers.${index}.personId`, "names no person you may file a trip for");
      rows.push({ personId: person.id, dependantId: null, name: `${person.givenName} ${person.familyName}`, organisationId: person.organisationId, organisationCode: person.organisationCode, recruitmentType: person.recruitmentType });
      homePaths.push(person.placePath);
      if (person.userId) accounts.add(person.userId);
    } else {
      const found = kin.find((row) => row.dependantId === one.dependantId);
      if (!found || !requestPolicy.canFileFor(context.actor, found.person)) throw refuse(`travellers.${index}.dependantId`, "names no dependant you may file a trip for");
      const { person } = found;
      rows.push({ personId: person.id, dependantId: found.dependantId, name: `${found.givenName} ${found.familyName}`, organisationId: person.organisationId, organisationCode: person.organisationCode, recruitmentType: "dependant" });
      homePaths.push(person.placePath);
      if (person.userId) accounts.add(person.userId);
    }
  });
  if (context.audit.actor.userId) accounts.add(context.audit.actor.userId);
  return { rows, homePaths, accounts: [...accounts] };
}

type PlaceInfo = { id: string; path: string; name: string; timeZone: string };

/** The legs' places with their time zones, through the place cache (reference stamp): no statement once warm. */
async function loadPlaces(context: ServiceContext, input: TravelRequestInput): Promise<Map<string, PlaceInfo>> {
  const ids = [...new Set(input.legs.flatMap((leg) => [leg.fromPlaceId, leg.toPlaceId]))];
  const found = (await Promise.all(ids.map((id) => findPlaceFor(context, id)))).filter((place) => place !== undefined);
  const lineage = [...new Set(found.flatMap((place) => pathIds(place.path)))];
  const zones = new Map((await Promise.all(lineage.map((id) => findPlaceFor(context, id)))).flatMap((row) => (row ? [[row.id, row.timeZone] as const] : [])));
  const byId = new Map<string, PlaceInfo>();
  for (const place of found) {
    const chain = pathIds(place.path)
      .reverse()
      .map((id) => ({ timeZone: zones.get(id) }));
    byId.set(place.id, { id: place.id, path: place.path, name: place.name, timeZone: effectiveTimeZone(chain).timeZone });
  }
  input.legs.forEach((leg, index) => {
    if (!byId.has(leg.fromPlaceId)) throw refuse(`legs.${index}.fromPlaceId`, "names a place that does not exist");
    if (!byId.has(leg.toPlaceId)) throw refuse(`legs.${index}.toPlaceId`, "names a place that does not exist");
  });
  return byId;
}

function instant(local: string, timeZone: string): Date {
  const [date, time] = local.split("T");
  const [year, month, day] = date.split("-").map(Number);
  const [hour, minute] = time.split(":").map(Number);
  const text = localToIso({ year, month, day, hour, minute, second: 0 }, timeZone);
  return new Date(text ?? Number.NaN);
}

/**
 * The other active trip of a traveller that overlaps these dates, if any (409 names it). Run in the
 * writing transaction after `lockTravellers`: two filings for the same person at once cannot both
 * pass (the second waits for the first's commit, then sees its trip).
 */
async function assertNoOverlap(tx: Db, rows: readonly TravellerRow[], from: Date, to: Date) {
  const personIds = rows.flatMap((row) => (row.dependantId ? [] : [row.personId as string]));
  const dependantIds = rows.flatMap((row) => (row.dependantId ? [row.dependantId] : []));
  const clashes = await tx
    .select({ personId: travelTravellers.personId, dependantId: travelTravellers.dependantId, number: travelRequests.number, departsAt: travelRequests.departsAt, returnsAt: travelRequests.returnsAt })
    .from(travelTravellers)
    .innerJoin(travelRequests, eq(travelRequests.id, travelTravellers.requestId))
    .where(
      and(
        or(
          personIds.length ? and(inArray(travelTravellers.personId, personIds), sql`${travelTravellers.dependantId} is null`) : undefined,
          dependantIds.length ? inArray(travelTravellers.dependantId, dependantIds) : undefined,
        ),
        inArray(travelRequests.status, [...activeStatuses]),
        sql`${travelRequests.departsAt} < ${to.toISOString()} and ${travelRequests.returnsAt} > ${from.toISOString()}`,
      ),
    );
  for (const [index, row] of rows.entries()) {
    const clash = clashes.find((one) => (row.dependantId ? one.dependantId === row.dependantId : one.personId === row.personId && one.dependantId === null));
    if (clash) {
      const span = `${clash.departsAt.toISOString().slice(0, 16).replace("T", " ")} – ${clash.returnsAt.toISOString().slice(0, 16).replace("T", " ")} UTC`;
      throw new ConflictError(`travellers.${index}`, `${row.name} is already on trip ${clash.number} (${span})`);
    }
  }
}

/**
 * One transaction-scoped advisory lock per traveller, taken in a fixed order (no deadlock between
 * two filings), and the trip's number (TR-year-000123) drawn in the same statement. A number drawn
 * for a filing that then fails (an overlap) is not reused: numbers may skip, never repeat.
 */
async function lockTravellersAndNumber(tx: Db, rows: readonly TravellerRow[], year: number): Promise<string> {
  const keys = [...new Set(rows.map((row) => `travel-traveller:${row.dependantId ?? row.personId}`))].sort();
  const list = sql.join(
    keys.map((key) => sql`${key}`),
    sql`, `,
  );
  // The locks' subquery stays in the plan: a volatile function's output is never pruned.
  const result = await tx.execute(sql`
    select ${`TR-${year}-`} || lpad(nextval('travel_request_number_seq')::text, 6, '0') as number
      from (select count(*) from (select pg_advisory_xact_lock(hashtextextended(key, 0)) from unnest(array[${list}]::text[]) as key order by key) as locks) as locked`);
  return (result as unknown as { rows: { number: string }[] }).rows[0].number;
}

type TimedInput = TravelRequestInput["legs"][number] & { fromPath: string; toPath: string; departure: Date; arrival: Date };

/** The legs' rows: what was filed, and each leg's decision (none for a notification). */
function legValues(requestId: string, timed: readonly TimedInput[], decisions: TripEvaluation | null, now: Date) {
  return timed.map((leg, position) => {
    const decision = decisions?.legs[position];
    return {
      id: randomUUID(),
      requestId,
      position,
      fromPlaceId: leg.fromPlaceId,
      fromPath: leg.fromPath,
      fromLocality: leg.fromLocality ?? null,
      toPlaceId: leg.toPlaceId,
      toPath: leg.toPath,
      toLocality: leg.toLocality ?? null,
      toLatitude: leg.toLatitude ?? null,
      toLongitude: leg.toLongitude ?? null,
      departureLocal: leg.departureLocal,
      arrivalLocal: leg.arrivalLocal,
      departureAt: leg.departure,
      arrivalAt: leg.arrival,
      transport: leg.transport,
      operatorId: leg.operatorId ?? null,
      vehicleArrangement: leg.vehicleArrangement ?? null,
      accommodation: leg.accommodation ?? null,
      contact: leg.contact ?? null,
      status: decision ? decision.outcome : ("notified" as const),
      reviewer: decision?.reviewer ?? "none",
      reasons: decision?.reasons ?? [],
      conditions: decision?.conditions ?? [],
      ruleSetId: decision?.ruleSetId ?? null,
      levelChangeId: decision?.levelChangeId ?? null,
      evaluatedAt: decision ? now : null,
      decidedAt: decision?.outcome === "cleared" ? now : null,
      decidedByUserId: null,
      decisionNote: null,
    };
  });
}

export async function fileRequest(context: ServiceContext, input: TravelRequestInput) {
  const now = clock.now();
  // The certificates are read beside the travellers (the same people): one round trip fewer.
  const personIds = input.travellers.flatMap((one) => ("personId" in one ? [one.personId] : []));
  const [{ rows: travellers, homePaths, accounts }, placeInfo, certificates] = await Promise.all([
    loadTravellers(context, input),
    loadPlaces(context, input),
    input.kind === "notification" ? undefined : certificatesOf(context.database.db, personIds),
  ]);
  const timed = input.legs.map((leg) => {
    const from = placeInfo.get(leg.fromPlaceId) as PlaceInfo;
    const to = placeInfo.get(leg.toPlaceId) as PlaceInfo;
    return { ...leg, fromPath: from.path, toPath: to.path, departure: instant(leg.departureLocal, from.timeZone), arrival: instant(leg.arrivalLocal, to.timeZone) };
  });
  const checked: TimedLeg[] = timed.map((leg) => ({ ...leg, departureAt: leg.departure.getTime(), arrivalAt: leg.arrival.getTime() }));
  const problems = itineraryProblems(checked, now.getTime(), input.isLateNotification, "en");
  if (problems.length) {
    const language = await callerLanguage(context);
    const shown = language === "en" ? problems : itineraryProblems(checked, now.getTime(), input.isLateNotification, language);
    throw new AppError(422, "rule_violation", shown.map((problem) => `${problem.field} ${problem.message}`).join("; "), shown);
  }
  // An air leg's operator: in the register, of a kind its transport allows (issue 13 §5).
  if (input.legs.some((leg) => leg.operatorId)) {
    const language = await callerLanguage(context);
    const operatorProblems = await legOperatorProblems(context.database.db, input.legs, language);
    if (operatorProblems.length) throw new AppError(422, "rule_violation", operatorProblems.map((problem) => `${problem.field} ${problem.message}`).join("; "), operatorProblems);
  }
  const departsAt = timed[0].departure;
  const returnsAt = timed[timed.length - 1].arrival;

  const organisationIds = [...new Set(travellers.map((row) => row.organisationId))];
  const scopePaths = [...new Set([...homePaths, ...timed.flatMap((leg) => [leg.fromPath, leg.toPath])])];
  const trip = { activityKey: input.activityKey ?? null, isLateNotification: input.isLateNotification, filedAt: now, returnsAt, organisationIds };
  const decisions =
    input.kind === "notification"
      ? null
      : await evaluateTrip(
          context,
          trip,
          travellers,
          timed.map((leg) => ({ fromPath: leg.fromPath, toPlaceId: leg.toPlaceId, toPath: leg.toPath, departureLocal: leg.departureLocal, departureAt: leg.departure, arrivalAt: leg.arrival, operatorId: leg.operatorId ?? null, transport: leg.transport })),
          { certificates, reuseFacts: true },
        );

  // The reviewers to tell are read outside the transaction: beside its first statements on
  // PostgreSQL (awaited inside it), before it on PGlite, whose one connection it then holds.
  const noticeLegs = decisions ? timed.map((leg, position) => ({ toPlaceId: leg.toPlaceId, toPath: leg.toPath, ...decisions.legs[position] })) : [];
  const reviewersRead = legReviewers(context.database.db, noticeLegs);
  reviewersRead.catch(() => {}); // A failure surfaces where it is awaited, inside the transaction.
  if (context.database.kind === "pglite") await reviewersRead;
  const written = await context.database.db.transaction(async (tx) => {
    const number = await lockTravellersAndNumber(tx, travellers, now.getUTCFullYear());
    await assertNoOverlap(tx, travellers, departsAt, returnsAt);
    const id = randomUUID();
    const status = decisions ? decisions.status : "notified";
    const values = {
      number,
      kind: input.kind,
      status,
      purpose: input.purpose,
      activityKey: input.activityKey ?? null,
      isLateNotification: input.isLateNotification,
      scopePaths,
      organisationIds,
      departsAt,
      returnsAt,
      filedByUserId: context.audit.actor.userId,
      clearedAt: status === "cleared" ? now : null,
      verificationToken: status === "cleared" ? newVerificationToken() : null,
      conditionsAcknowledgedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    const request = { id, ...values };
    const legs = legValues(id, timed, decisions, now);
    const steps = [
      { id: randomUUID(), requestId: id, legId: null, action: "filed" as const, actorUserId: context.audit.actor.userId, note: null, at: now },
      ...(decisions ? [{ id: randomUUID(), requestId: id, legId: null, action: "evaluated" as const, actorUserId: null, note: status, at: now }] : []),
    ];
    // The trip, its travellers, legs and first steps and its audit entry: one statement (each
    // write a CTE; the id is drawn here, so no write waits for another's result).
    const placeNames = new Map([...placeInfo.values()].map((place) => [place.id, place.name]));
    const notices = decisions ? evaluationNotices(context, request, noticeLegs, travellers, { placeNames, accounts, reviewers: await reviewersRead }) : [];
    const writes = [
      tx.insert(travelRequests).values(request).getSQL(),
      tx
        .insert(travelTravellers)
        .values(travellers.map((row, position) => ({ requestId: id, personId: row.personId, dependantId: row.dependantId, position })))
        .getSQL(),
      tx.insert(travelLegs).values(legs).getSQL(),
      tx.insert(travelRequestSteps).values(steps).getSQL(),
      ...notices.flatMap((notice) => notificationsInsert(tx, notice.userIds, notice.input) ?? []),
    ];
    const { conditionsAcknowledgedAt: _, createdAt: __, updatedAt: ___, ...filed } = values;
    const changes = diffRecords(null, { ...filed, travellers: travellers.map((row) => row.personId ?? row.dependantId), legs: timed.length });
    await withAuditEntry(tx, context.audit, { action: "create", entityType: "travel_request", entityId: id, changes }, writes);
    if (status === "cleared") await sendBriefing(tx, context, request.id);
    return { request, legs, steps };
  });
  // The answer comes from the rows just written, as a read of the trip would present them: the
  // filer may always read their trip, and nothing needs reading back.
  const names = (placeId: string) => (placeInfo.get(placeId) as PlaceInfo).name;
  return presentTrip(context, await callerLanguage(context), {
    request: written.request,
    scope: { ...written.request, travellerPersonIds: travellers.map((row) => row.personId as string) },
    travellers: travellers.map((row) => ({ personId: row.personId, dependantId: row.dependantId, name: row.name, organisationCode: row.organisationCode })),
    legs: written.legs.map((leg) => ({ leg, fromName: names(leg.fromPlaceId), toName: names(leg.toPlaceId) })),
    steps: written.steps.map((step) => ({ step, actorName: step.actorUserId ? context.audit.actor.displayName : null })),
  });
}
