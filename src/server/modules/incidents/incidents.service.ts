import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { incidentProblems } from "../../../core/incidents/incident-rules.ts";
import { findCategory, taxonomyVersion } from "../../../core/incidents/incident-taxonomy.data.ts";
import type { IncidentInput, IncidentPatch } from "../../../core/incidents/incident.schemas.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { AppError, ForbiddenError, NotFoundError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/schemas.ts";
import { type IncidentFilter, incidentFilterConditions, incidentVisibility, namedOnIncident } from "./incident-filter.ts";
import { organisations, persons, places } from "./incident-deps.ts";
import { resolveIncidentPlace } from "./incident-place.ts";
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

function assertRules(input: IncidentInput) {
  const problems = incidentProblems(input);
  if (problems.length) throw new AppError(422, "rule_violation", problems.map((problem) => problem.message).join("; "), problems);
}

async function assertReferences(db: Db, input: IncidentInput) {
  const organisationIds = [...new Set([...input.organisationsAffected, ...input.peopleAffected.flatMap((line) => line.organisationId ?? [])])];
  if (organisationIds.length) {
    const found = await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, organisationIds));
    if (found.length !== organisationIds.length) throw new AppError(422, "rule_violation", "An organisation does not exist", [{ field: "organisationsAffected", message: "names an organisation that does not exist" }]);
  }
  const personIds = [...new Set(input.peopleAffected.flatMap((line) => line.personId ?? []))];
  if (personIds.length) {
    const found = await db.select({ id: persons.id }).from(persons).where(inArray(persons.id, personIds));
    if (found.length !== personIds.length) throw new AppError(422, "rule_violation", "A person does not exist", [{ field: "peopleAffected", message: "names a person who does not exist" }]);
  }
}

function columnsFrom(input: IncidentInput) {
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

async function writePeople(tx: Db, incidentId: string, input: IncidentInput) {
  await tx.delete(incidentPeople).where(eq(incidentPeople.incidentId, incidentId));
  if (input.peopleAffected.length) {
    await tx.insert(incidentPeople).values(
      input.peopleAffected.map((line) => ({ ...line, incidentId, personId: line.personId ?? null, organisationId: line.organisationId ?? null })),
    );
  }
}

export async function createIncident(context: ServiceContext, input: IncidentInput) {
  assertRules(input);
  const { db } = context.database;
  const place = await resolveIncidentPlace(context, input.place);
  await assertReferences(db, input);
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incidents)
      .values({ ...columnsFrom(input), ...place, createdByUserId: context.actor.userId })
      .returning();
    await writePeople(tx, row.id, input);
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "incident",
      entityId: row.id,
      changes: { ...diffRecords(null, row), peopleAffected: { from: null, to: input.peopleAffected } },
    });
    return row;
  });
  return getIncident(context, created.id);
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
  const { row: before, isNamed } = await incidentAccess(context, id);
  if (!incidentPolicy.canUpdate(context.actor, before, isNamed)) throw new ForbiddenError("You may not change this incident");
  const { db } = context.database;
  const previous = await asInput(db, before);
  const merged = { ...previous, ...Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) } as IncidentInput;
  assertRules(merged);
  const place = patch.place ? await resolveIncidentPlace(context, merged.place) : undefined;
  await assertReferences(db, merged);
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(incidents)
      .set({ ...columnsFrom(merged), ...(place ?? {}), updatedAt: new Date() })
      .where(eq(incidents.id, id))
      .returning();
    const changes = diffRecords(before, after);
    if (patch.peopleAffected) {
      await writePeople(tx, id, merged);
      changes.peopleAffected = { from: previous.peopleAffected, to: merged.peopleAffected };
    }
    await recordAudit(tx, context.audit, { action: "update", entityType: "incident", entityId: id, changes });
  });
  return getIncident(context, id);
}

/** Narrative and victims of a sensitive incident, and every identity, are audited when shown. */
export async function getIncident(context: ServiceContext, id: string) {
  const { row, isNamed, isNeedToKnow } = await incidentAccess(context, id);
  const { db } = context.database;
  const [people, [place]] = await Promise.all([
    db.select().from(incidentPeople).where(eq(incidentPeople.incidentId, id)),
    db.select({ name: places.name }).from(places).where(eq(places.id, row.placeId)),
  ]);
  const showsIdentities = isNeedToKnow && people.some((line) => line.personId);
  if (row.isSensitive || showsIdentities) {
    await db.transaction((tx) => recordAudit(tx, context.audit, { action: "read_sensitive", entityType: "incident", entityId: id }));
  }
  return {
    ...presentIncident(context, row, place?.name ?? "", isNamed),
    occurredAtLocal: row.occurredAt.toLocaleString("sv-SE", { timeZone: row.timeZone }),
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
  };
}

export function presentIncident(context: ServiceContext, row: IncidentRow, placeName: string, isNamed: boolean) {
  return {
    id: row.id,
    categoryCode: row.categoryCode,
    taxonomyVersion: row.taxonomyVersion,
    status: row.status,
    occurredAt: iso(row.occurredAt) as string,
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

export type IncidentListQuery = IncidentFilter & { page: number; pageSize: number; order: "asc" | "desc" };

/**
 * Scope in SQL; sensitive incidents only for their need-to-know list (the area's P/C/SA,
 * the people named, whoever recorded them). Others see them only in counts.
 */
export async function listIncidents(context: ServiceContext, query: IncidentListQuery) {
  const { db } = context.database;
  const named = namedOnIncident(context.actor.personId);
  const where = and(incidentVisibility(context), await incidentFilterConditions(db, query));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ incident: incidents, placeName: places.name, isNamed: named.mapWith(Boolean) })
      .from(incidents)
      .innerJoin(places, eq(places.id, incidents.placeId))
      .where(where)
      .orderBy(query.order === "asc" ? asc(incidents.occurredAt) : desc(incidents.occurredAt), asc(incidents.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(incidents).where(where),
  ]);
  return {
    items: rows.map((row) => presentIncident(context, row.incident, row.placeName, Boolean(row.isNamed))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
