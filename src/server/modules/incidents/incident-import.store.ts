import { randomUUID } from "node:crypto";
import { taxonomyVersion, findCategory } from "../../../core/incidents/incident-taxonomy.data.ts";
import type { IncidentInput } from "../../../core/incidents/incident.schemas.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import type { AuditEntryInput } from "../../platform/audit/audit.service.ts";
import type { AuditChanges } from "../../platform/audit/audit.tables.ts";
import { sql } from "drizzle-orm";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import type { ResolvedPlace } from "./incident-place.ts";
import { recordAuditEntries } from "../../platform/audit/audit-batch.ts";
import type { IncidentStatus } from "./incidents.tables.ts";

/** One incident ready to store: checked, placed, with its import key. */
export type NewIncident = {
  input: IncidentInput;
  place: ResolvedPlace;
  status: IncidentStatus;
  importKey: string;
  /** Workflow time stamps; by default "now" for each step the status has passed. */
  stamps?: { submittedAt?: Date | null; verifiedAt?: Date | null; verifiedByName?: string | null; closedAt?: Date | null; createdAt?: Date };
  /** Added to the audit entry's changes (where the row came from). */
  auditNote?: AuditChanges;
};

/** "each": one `create` entry per incident (imports); "batch": one entry per call (bulk generation). */
export type AuditMode = "each" | "batch";

type IncidentValues = ReturnType<typeof valuesOf>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * One INSERT … SELECT FROM unnest(arrays) per batch: thirty parameters (one array per column)
 * instead of thirty per row, which PostgreSQL and PGlite parse and plan much faster.
 * Returns the ids stored (rows whose import key exists already are skipped).
 */
async function insertIncidents(tx: Db, values: IncidentValues[]): Promise<string[]> {
  // sql.param: the array goes as one parameter (a bare array would become a list of parameters).
  const column = <T>(pick: (value: IncidentValues) => T) => sql.param(values.map(pick));
  const result = await tx.execute(sql`
    insert into incidents (id, taxonomy_version, category_code, status, occurred_at, time_zone, place_id, place_path, duty_station_id,
      latitude, longitude, description, source, source_detail, reporter_name, reporter_person_id, reporter_contact, affects_un,
      is_near_miss, is_sensitive, organisations_affected, premises_affected, assets_affected, created_by_user_id, import_key,
      submitted_at, verified_at, verified_by_name, closed_at, created_at, updated_at)
    select id, taxonomy_version, category_code, status, occurred_at, time_zone, place_id, place_path, duty_station_id,
      latitude, longitude, description, source, source_detail, reporter_name, reporter_person_id, reporter_contact, affects_un,
      is_near_miss, is_sensitive, organisations::uuid[], premises::jsonb, assets::jsonb, created_by_user_id, import_key,
      submitted_at, verified_at, verified_by_name, closed_at, created_at, created_at
    from unnest(
      ${column((v) => v.id)}::uuid[], ${column((v) => v.taxonomyVersion)}::int[], ${column((v) => v.categoryCode)}::text[],
      ${column((v) => v.status)}::text[], ${column((v) => iso(v.occurredAt))}::timestamptz[], ${column((v) => v.timeZone)}::text[],
      ${column((v) => v.placeId)}::uuid[], ${column((v) => v.placePath)}::text[], ${column((v) => v.dutyStationId)}::uuid[],
      ${column((v) => v.latitude)}::float8[], ${column((v) => v.longitude)}::float8[], ${column((v) => v.description)}::text[],
      ${column((v) => v.source)}::text[], ${column((v) => v.sourceDetail)}::text[], ${column((v) => v.reporterName)}::text[],
      ${column((v) => v.reporterPersonId)}::uuid[], ${column((v) => v.reporterContact)}::text[], ${column((v) => v.affectsUn)}::bool[],
      ${column((v) => v.isNearMiss)}::bool[], ${column((v) => v.isSensitive)}::bool[], ${column((v) => `{${v.organisationsAffected.join(",")}}`)}::text[],
      ${column((v) => JSON.stringify(v.premisesAffected))}::text[], ${column((v) => JSON.stringify(v.assetsAffected))}::text[],
      ${column((v) => v.createdByUserId)}::uuid[], ${column((v) => v.importKey)}::text[], ${column((v) => iso(v.submittedAt))}::timestamptz[],
      ${column((v) => iso(v.verifiedAt))}::timestamptz[], ${column((v) => v.verifiedByName)}::text[], ${column((v) => iso(v.closedAt))}::timestamptz[],
      ${column((v) => iso(v.createdAt))}::timestamptz[]
    ) as t(id, taxonomy_version, category_code, status, occurred_at, time_zone, place_id, place_path, duty_station_id,
      latitude, longitude, description, source, source_detail, reporter_name, reporter_person_id, reporter_contact, affects_un,
      is_near_miss, is_sensitive, organisations, premises, assets, created_by_user_id, import_key,
      submitted_at, verified_at, verified_by_name, closed_at, created_at)
    on conflict (import_key) do nothing
    returning id`);
  return (result as unknown as { rows: { id: string }[] }).rows.map((row) => row.id);
}

type PeopleValues = IncidentInput["peopleAffected"][number] & { incidentId: string };

async function insertPeople(tx: Db, people: PeopleValues[]): Promise<void> {
  if (people.length === 0) return;
  const column = <T>(pick: (line: PeopleValues) => T) => sql.param(people.map(pick));
  await tx.execute(sql`
    insert into incident_people (incident_id, outcome, recruitment_type, sex, count, person_id, organisation_id)
    select * from unnest(${column((line) => line.incidentId)}::uuid[], ${column((line) => line.outcome)}::text[],
      ${column((line) => line.recruitmentType)}::text[], ${column((line) => line.sex)}::text[], ${column((line) => line.count)}::int[],
      ${column((line) => line.personId ?? null)}::uuid[], ${column((line) => line.organisationId ?? null)}::uuid[])`);
}

const workflow: readonly IncidentStatus[] = ["draft", "submitted", "verified", "closed"];

function stampsOf(row: NewIncident, context: ServiceContext, now: Date) {
  const hasReached = (step: IncidentStatus) => workflow.indexOf(row.status) >= workflow.indexOf(step);
  const stamps = row.stamps ?? {};
  return {
    submittedAt: stamps.submittedAt ?? (hasReached("submitted") ? now : null),
    verifiedAt: stamps.verifiedAt ?? (hasReached("verified") ? now : null),
    verifiedByName: stamps.verifiedByName ?? (hasReached("verified") ? context.actor.displayName : null),
    closedAt: stamps.closedAt ?? (hasReached("closed") ? now : null),
  };
}

function valuesOf(row: NewIncident, context: ServiceContext, now: Date) {
  const { input, place } = row;
  return {
    id: randomUUID(),
    taxonomyVersion,
    categoryCode: input.categoryCode,
    status: row.status,
    occurredAt: new Date(input.occurredAt),
    timeZone: input.timeZone,
    ...place,
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
    createdByUserId: context.actor.userId,
    importKey: row.importKey,
    ...stampsOf(row, context, now),
    createdAt: row.stamps?.createdAt ?? now,
    updatedAt: row.stamps?.createdAt ?? now,
  };
}

/**
 * Stores checked incidents with multi-row INSERTs in the caller's transaction, each audited.
 * A row whose import key is already stored is skipped (ON CONFLICT DO NOTHING), so a file
 * imported twice, even at the same moment, adds its incidents once. Returns the rows stored.
 * The monthly rollups stay exact: their triggers run on these INSERTs as on any other.
 */
export async function insertIncidentRows(tx: Db, context: ServiceContext, rows: readonly NewIncident[], auditMode: AuditMode = "each"): Promise<NewIncident[]> {
  if (rows.length === 0) return [];
  const now = new Date();
  const values = rows.map((row) => valuesOf(row, context, now));
  const inserted = await insertIncidents(tx, values);
  const insertedIds = new Set(inserted);
  const stored = values.map((value, index) => ({ value, row: rows[index] })).filter(({ value }) => insertedIds.has(value.id));
  const people = stored.flatMap(({ value, row }) => row.input.peopleAffected.map((line) => ({ ...line, incidentId: value.id })));
  await insertPeople(tx, people);

  const entries: AuditEntryInput[] =
    auditMode === "each"
      ? stored.map(({ value, row }) => ({
          action: "create",
          entityType: "incident",
          entityId: value.id,
          changes: { ...diffRecords(null, value), peopleAffected: { from: null, to: row.input.peopleAffected }, ...row.auditNote },
        }))
      : stored.length
        ? [
            {
              action: "create",
              entityType: "incident_batch",
              entityId: stored[0].value.id,
              changes: { incidents: { from: null, to: stored.length }, firstImportKey: { from: null, to: stored[0].row.importKey }, ...stored[0].row.auditNote },
            },
          ]
        : [];
  await recordAuditEntries(tx, context.audit, entries);
  return stored.map(({ row }) => row);
}
