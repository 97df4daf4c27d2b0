import { type SQL, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { incidentProblems } from "../../../core/incidents/incident-rules.ts";
import { findCategory, taxonomyVersion } from "../../../core/incidents/incident-taxonomy.data.ts";
import type { IncidentInput, IncidentPatch } from "../../../core/incidents/incident.schemas.ts";
import type { PersonOutcome } from "../../../core/incidents/incident-taxonomy.types.ts";
import { cachedReference } from "../../platform/cache/reference-cache.ts";
import { clock } from "../../platform/clock.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { AppError, ForbiddenError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { canonicalJson } from "../../platform/audit/audit-hash.ts";
import { iso } from "../../platform/http/schemas.ts";
import { type IncidentFilter, incidentFilterConditions, incidentVisibility, namedOnIncident } from "./incident-filter.ts";
import { organisations, persons, places } from "./incident-deps.ts";
import { type AttachmentOut, attachmentsOf } from "./incident-attachment-list.ts";
import { callerLanguage } from "./incident-language.ts";
import { resolveIncidentPlace } from "./incident-place.ts";
import { restrictedIncident } from "./incident-restricted.service.ts";
import { incidentPolicy } from "./incidents.policy.ts";
import { incidentNeedToKnow, incidentPeople, incidents } from "./incidents.tables.ts";

export type IncidentRow = typeof incidents.$inferSelect;

/** The caller's access to one incident: whether it may be read and whether identities may be shown. */
export async function incidentAccess(context: ServiceContext, id: string) {
  const [row] = await context.database.db.select().from(incidents).where(eq(incidents.id, id));
  if (!row) throw new NotFoundError("Incident");
  const isNamed = await isOnNeedToKnow(context.database.db, id, context.actor.personId);
  if (!incidentPolicy.canRead(context.actor, row, isNamed)) throw new NotFoundError("Incident");
  return { row, isNamed, isNeedToKnow: incidentPolicy.isNeedToKnow(context.actor, row, isNamed) };
}

async function isOnNeedToKnow(db: Db, incidentId: string, personId: string | null) {
  if (!personId) return false;
  const [row] = await db
    .select({ personId: incidentNeedToKnow.personId })
    .from(incidentNeedToKnow)
    .where(and(eq(incidentNeedToKnow.incidentId, incidentId), eq(incidentNeedToKnow.personId, personId)));
  return Boolean(row);
}

/** The SSIRS rules; a refusal is worded in the caller's language (looked up only then: the happy path pays nothing). */
export async function assertRules(context: ServiceContext, input: IncidentInput) {
  const now = clock.now();
  const problems = incidentProblems(input, "en", now);
  if (problems.length === 0) return;
  const language = await callerLanguage(context);
  const shown = language === "en" ? problems : incidentProblems(input, language, now);
  throw new AppError(422, "rule_violation", shown.map((problem) => problem.message).join("; "), shown);
}

export async function assertReferences(context: ServiceContext, input: IncidentInput) {
  const { db } = context.database;
  const organisationIds = [...new Set([...input.organisationsAffected, ...input.peopleAffected.flatMap((line) => line.organisationId ?? [])])];
  if (organisationIds.length) {
    const known = await cachedReference(context.database, context.referenceStamp, "organisations", "ids", async () =>
      new Set((await db.select({ id: organisations.id }).from(organisations)).map((row) => row.id)),
    );
    if (!organisationIds.every((id) => known.has(id))) throw new AppError(422, "rule_violation", "An organisation does not exist", [{ field: "organisationsAffected", message: "names an organisation that does not exist" }]);
  }
  const personIds = [...new Set(input.peopleAffected.flatMap((line) => line.personId ?? []))];
  if (personIds.length) {
    const found = await db.select({ id: persons.id }).from(persons).where(inArray(persons.id, personIds));
    if (found.length !== personIds.length) throw new AppError(422, "rule_violation", "A person does not exist", [{ field: "peopleAffected", message: "names a person who does not exist" }]);
  }
}

export function columnsFrom(input: IncidentInput) {
  return {
    taxonomyVersion,
    categoryCode: input.categoryCode,
    occurredAt: new Date(input.occurredAt),
    timeZone: input.timeZone,
    description: input.description,
    source: input.source,
    sourceDetail: input.sourceDetail ?? null,
    reporterName: input.reporter.name,
    reporterPersonId: input.reporter.personId ?? null,
    reporterContact: input.reporter.contact ?? null,
    affectsUn: input.affectsUn,
    isNearMiss: input.isNearMiss,
    isSensitive: findCategory(input.categoryCode)?.isSexualAssault ?? false,
    organisationsAffected: input.organisationsAffected,
    premisesAffected: input.premisesAffected,
    assetsAffected: input.assetsAffected,
  };
}

export async function writePeople(tx: Db, incidentId: string, input: IncidentInput) {
  await tx.delete(incidentPeople).where(eq(incidentPeople.incidentId, incidentId));
  if (input.peopleAffected.length) {
    await tx.insert(incidentPeople).values(
      input.peopleAffected.map((line) => ({ ...line, incidentId, personId: line.personId ?? null, organisationId: line.organisationId ?? null })),
    );
  }
}

/** The stored incident in the shape of its input, so a PATCH can be merged and checked whole. */
async function asInput(db: Db, row: IncidentRow): Promise<IncidentInput> {
  const people = await db.select().from(incidentPeople).where(eq(incidentPeople.incidentId, row.id));
  return {
    occurredAt: row.occurredAt.toISOString(),
    timeZone: row.timeZone,
    place: row.dutyStationId ? { dutyStationId: row.dutyStationId } : { coordinates: { latitude: row.latitude as number, longitude: row.longitude as number } },
    categoryCode: row.categoryCode,
    description: row.description,
    source: row.source,
    sourceDetail: row.sourceDetail,
    reporter: { name: row.reporterName, personId: row.reporterPersonId, contact: row.reporterContact },
    affectsUn: row.affectsUn,
    isNearMiss: row.isNearMiss,
    involvesMilitaryOrFormedPolice: false,
    organisationsAffected: row.organisationsAffected,
    peopleAffected: people.map(({ outcome, recruitmentType, sex, count, personId, organisationId }) => ({ outcome, recruitmentType, sex, count, personId, organisationId })),
    premisesAffected: row.premisesAffected,
    assetsAffected: row.assetsAffected,
  };
}

/** Any field may be revised at any time (IASMN 2015): every revision is time-stamped in the audit trail. */
export async function updateIncident(context: ServiceContext, id: string, patch: IncidentPatch) {
  const { row: before, isNamed, isNeedToKnow } = await incidentAccess(context, id);
  if (!incidentPolicy.canUpdate(context.actor, before, isNamed)) throw new ForbiddenError("You may not change this incident");
  const { db } = context.database;
  const previous = await asInput(db, before);
  const given = { ...patch };
  if (!isNeedToKnow) keepHiddenIdentities(previous, given);
  const merged = { ...previous, ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) } as IncidentInput;
  const peopleChanged = given.peopleAffected !== undefined && canonicalJson(previous.peopleAffected) !== canonicalJson(merged.peopleAffected);
  await assertRules(context, merged);
  const { placeName: _name, ...place } = patch.place ? await resolveIncidentPlace(context, merged.place) : {};
  await assertReferences(context, merged);
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(incidents)
      .set({ ...columnsFrom(merged), ...place, updatedAt: new Date() })
      .where(eq(incidents.id, id))
      .returning();
    const changes = diffRecords(before, after);
    if (peopleChanged) {
      await writePeople(tx, id, merged);
      changes.peopleAffected = { from: previous.peopleAffected, to: merged.peopleAffected };
    }
    await recordAudit(tx, context.audit, { action: "update", entityType: "incident", entityId: id, changes });
  });
  return getIncident(context, id);
}

/**
 * A caller off the need-to-know list was shown no identities (victims, reporter's details), so
 * what it sends back cannot say whether they were meant to go: the reporter's details are kept,
 * and people lines naming someone may be changed only by the need-to-know list.
 */
function keepHiddenIdentities(previous: IncidentInput, patch: IncidentPatch) {
  if (patch.reporter) {
    patch.reporter = {
      ...patch.reporter,
      personId: patch.reporter.personId ?? previous.reporter.personId,
      contact: patch.reporter.contact ?? previous.reporter.contact,
    };
  }
  if (patch.peopleAffected && previous.peopleAffected.some((line) => line.personId)) {
    throw new RuleError("peopleAffected", "name personnel only the need-to-know list may see: ask the area's P/C/SA to change them");
  }
}

/**
 * Narrative and victims of a sensitive incident, and every identity, are audited when shown.
 * Someone a flash alert reached who may not read the record gets its restricted view instead.
 */
export async function getIncident(context: ServiceContext, id: string) {
  let access: Awaited<ReturnType<typeof incidentAccess>>;
  try {
    access = await incidentAccess(context, id);
  } catch (error) {
    const restricted = error instanceof NotFoundError ? await restrictedIncident(context, id, localDateTime) : null;
    if (restricted) return restricted;
    throw error;
  }
  const { row, isNamed, isNeedToKnow } = access;
  const { db } = context.database;
  const [people, [place], attachments] = await Promise.all([
    db.select().from(incidentPeople).where(eq(incidentPeople.incidentId, id)),
    db.select({ name: places.name }).from(places).where(eq(places.id, row.placeId)),
    attachmentsOf(db, id),
  ]);
  const showsIdentities = isNeedToKnow && people.some((line) => line.personId);
  if (row.isSensitive || showsIdentities) {
    await db.transaction((tx) => recordAudit(tx, context.audit, { action: "read_sensitive", entityType: "incident", entityId: id }));
  }
  return presentIncidentDetail(context, { row, people, placeName: place?.name ?? "", attachments, isNamed, isNeedToKnow });
}

export type IncidentDetailParts = {
  row: IncidentRow;
  people: readonly Omit<typeof incidentPeople.$inferSelect, "id" | "incidentId">[];
  placeName: string;
  attachments: AttachmentOut[];
  isNamed: boolean;
  isNeedToKnow: boolean;
};

/** The full record as the API shows it; identities (victims, the reporter's details) only to the need-to-know list. */
export function presentIncidentDetail(context: ServiceContext, { row, people, placeName, attachments, isNamed, isNeedToKnow }: IncidentDetailParts) {
  return {
    ...presentIncident(context, row, placeName, isNamed),
    description: row.description,
    source: row.source,
    sourceDetail: row.sourceDetail,
    reporter: { name: row.reporterName, personId: isNeedToKnow ? row.reporterPersonId : null, contact: isNeedToKnow ? row.reporterContact : null },
    organisationsAffected: row.organisationsAffected,
    peopleAffected: people.map((line) => ({
      outcome: line.outcome,
      recruitmentType: line.recruitmentType,
      sex: line.sex,
      count: line.count,
      organisationId: line.organisationId,
      // Victim identities are need-to-know.
      personId: isNeedToKnow ? line.personId : null,
    })),
    premisesAffected: row.premisesAffected,
    assetsAffected: row.assetsAffected,
    latitude: row.latitude,
    longitude: row.longitude,
    dutyStationId: row.dutyStationId,
    submittedAt: iso(row.submittedAt),
    verifiedAt: iso(row.verifiedAt),
    verifiedByName: row.verifiedByName,
    closedAt: iso(row.closedAt),
    attachments,
  };
}

/** One local-time formatter per time zone: a list page shows few zones, over and over. */
const localFormats = new Map<string, Intl.DateTimeFormat>();
export function localDateTime(at: Date, timeZone: string): string {
  let format = localFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    localFormats.set(timeZone, format);
  }
  return format.format(at);
}

export function presentIncident(context: ServiceContext, row: IncidentRow, placeName: string, isNamed: boolean) {
  return {
    id: row.id,
    categoryCode: row.categoryCode,
    taxonomyVersion: row.taxonomyVersion,
    status: row.status,
    occurredAt: iso(row.occurredAt) as string,
    occurredAtLocal: localDateTime(row.occurredAt, row.timeZone),
    timeZone: row.timeZone,
    placeId: row.placeId,
    placeName,
    affectsUn: row.affectsUn,
    isNearMiss: row.isNearMiss,
    isSensitive: row.isSensitive,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    actions: incidentPolicy.actions(context.actor, row, isNamed),
  };
}

export const incidentSorts = ["occurredAt", "updatedAt"] as const;
export type IncidentSort = (typeof incidentSorts)[number];
export type IncidentListQuery = IncidentFilter & {
  pageSize: number;
  cursor?: string;
  sort: IncidentSort;
  order: "asc" | "desc";
  withTotal?: "true" | "false";
};

/** Where the next page starts: the sort key (exact, to the microsecond) and id of the last row shown. */
const cursorSchema = z.object({ s: z.enum(incidentSorts), o: z.enum(["asc", "desc"]), v: z.iso.datetime(), id: z.uuid() });
type Cursor = z.infer<typeof cursorSchema>;

const badCursor = () =>
  new AppError(400, "validation", "cursor: is not a cursor of this list: start again from the first page", [
    { field: "cursor", message: "is not a cursor of this list: start again from the first page" },
  ]);

function readCursor(text: string, sort: IncidentSort, order: "asc" | "desc"): Cursor {
  let parsed: Cursor;
  try {
    parsed = cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw badCursor();
  }
  // A cursor keeps its place only in the order it was made for.
  if (parsed.s !== sort || parsed.o !== order) throw badCursor();
  return parsed;
}

const writeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor)).toString("base64url");

/** Counting every match would read the whole table at a million rows: past this, "more than". */
export const totalCap = 10_000;

/**
 * Keyset pagination on (sort key, id), both in the same direction, so each page is a short walk
 * of the (occurred_at, id) index whatever the page: no OFFSET, no count(*) unless asked (and
 * then capped). Scope in SQL; sensitive incidents only for their need-to-know list (the area's
 * P/C/SA, the people named, whoever recorded them). Others see them only in counts.
 */
export async function listIncidents(context: ServiceContext, query: IncidentListQuery) {
  const { db } = context.database;
  const column = query.sort === "updatedAt" ? incidents.updatedAt : incidents.occurredAt;
  const cursor = query.cursor ? readCursor(query.cursor, query.sort, query.order) : null;
  const named = namedOnIncident(context.actor.personId);
  const where = and(incidentVisibility(context), await incidentFilterConditions(context, query, "incident.read"));
  const after = cursor
    ? query.order === "desc"
      ? sql`(${column}, ${incidents.id}) < (${cursor.v}::timestamptz, ${cursor.id}::uuid)`
      : sql`(${column}, ${incidents.id}) > (${cursor.v}::timestamptz, ${cursor.id}::uuid)`
    : undefined;
  const direction = query.order === "asc" ? asc : desc;
  const rows = await db
    .select({
      incident: incidents,
      placeName: places.name,
      isNamed: named.mapWith(Boolean),
      key: sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      // In the same statement (one round trip): PostgreSQL computes it after the LIMIT, for the page only.
      people: peopleByOutcome,
    })
    .from(incidents)
    .innerJoin(places, eq(places.id, incidents.placeId))
    .where(and(where, after))
    .orderBy(direction(column), direction(incidents.id))
    .limit(query.pageSize + 1);
  const page = rows.slice(0, query.pageSize);
  const last = page.at(-1);
  const hasMore = rows.length > query.pageSize;
  const total = query.withTotal === "true" ? await cappedCount(db, where) : null;
  return {
    items: page.map((row) => ({
      ...presentIncident(context, row.incident, row.placeName, Boolean(row.isNamed)),
      summary: summaryOf(row.incident.description),
      peopleByOutcome: row.people,
    })),
    nextCursor: hasMore && last ? writeCursor({ s: query.sort, o: query.order, v: last.key, id: last.incident.id }) : null,
    pageSize: query.pageSize,
    total: total === null ? null : Math.min(total, totalCap),
    isTotalCapped: total !== null && total > totalCap,
  };
}

async function cappedCount(db: Db, where: SQL | undefined): Promise<number> {
  const capped = db.select({ one: sql`1` }).from(incidents).where(where).limit(totalCap + 1).as("capped");
  const [row] = await db.select({ total: sql<number>`count(*)::int` }).from(capped);
  return Number(row?.total ?? 0);
}

function summaryOf(description: string): string {
  const text = description.replace(/\s+/g, " ").trim();
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** People affected on an incident, summed by outcome (counts only: no identities), as a JSON array per row. */
const peopleByOutcome = sql<{ outcome: PersonOutcome; count: number }[]>`(select coalesce(json_agg(json_build_object('outcome', p.outcome, 'count', p.count) order by p.outcome), '[]'::json)
  from (select ${incidentPeople.outcome} as outcome, sum(${incidentPeople.count})::int as count from ${incidentPeople}
    where ${incidentPeople.incidentId} = ${incidents.id} group by ${incidentPeople.outcome}) p)`;
