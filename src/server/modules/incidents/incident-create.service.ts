import { randomUUID } from "node:crypto";
import type { IncidentInput } from "../../../core/incidents/incident.schemas.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { withAuditEntry } from "../../platform/audit/audit.service.ts";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { type IdempotentResult, runIdempotent } from "../../platform/http/idempotency.ts";
import { type NamedPlace, resolveIncidentPlace } from "./incident-place.ts";
import { incidentPolicy } from "./incidents.policy.ts";
import { type IncidentRow, assertReferences, assertRules, columnsFrom, getIncident, presentIncidentDetail } from "./incidents.service.ts";
import { incidentPeople, incidents } from "./incidents.tables.ts";

/** The taxonomy rules, the place (resolved in the caller's scope) and the references, checked before writing. */
export async function prepareIncident(context: ServiceContext, input: IncidentInput): Promise<NamedPlace> {
  await assertRules(context, input);
  const place = await resolveIncidentPlace(context, input.place);
  await assertReferences(context, input);
  return place;
}

export type InitialState = { status: "draft" } | { status: "submitted"; submittedAt: Date };

/**
 * Writes a checked incident, its people lines and its audit entry as ONE statement (see
 * `withAuditEntry`): atomic on its own, or part of the caller's transaction when `db` is one.
 * The row is built here, id and time stamps included, so the answer needs no read-back.
 */
export async function insertIncident(db: Db, context: ServiceContext, input: IncidentInput, place: NamedPlace, state: InitialState = { status: "draft" }) {
  const now = new Date();
  const { placeName, ...placeColumns } = place;
  const row: IncidentRow = {
    id: randomUUID(),
    ...columnsFrom(input),
    ...placeColumns,
    status: state.status,
    submittedAt: state.status === "submitted" ? state.submittedAt : null,
    verifiedAt: null,
    verifiedByName: null,
    closedAt: null,
    importKey: null,
    createdByUserId: context.actor.userId,
    createdAt: now,
    updatedAt: now,
  };
  const people = input.peopleAffected.map((line) => ({ ...line, personId: line.personId ?? null, organisationId: line.organisationId ?? null }));
  const writes = [db.insert(incidents).values(row).getSQL()];
  if (people.length) writes.push(db.insert(incidentPeople).values(people.map((line) => ({ ...line, incidentId: row.id }))).getSQL());
  await withAuditEntry(db, context.audit, {
    action: "create",
    entityType: "incident",
    entityId: row.id,
    changes: { ...diffRecords(null, row), peopleAffected: { from: null, to: input.peopleAffected } },
  }, writes);
  return { row, people, placeName };
}

export type InsertedIncident = Awaited<ReturnType<typeof insertIncident>>;

/**
 * The answer to a create, from the rows just written. The caller recorded it, so it is on the
 * need-to-know list (`incidentPolicy.isNeedToKnow`) and has no attachments or named people yet.
 * No `read_sensitive` entry: the create entry already holds everything this answer shows.
 */
export function presentCreated(context: ServiceContext, { row, people, placeName }: InsertedIncident) {
  return presentIncidentDetail(context, {
    row,
    people,
    placeName,
    attachments: [],
    isNamed: false,
    isNeedToKnow: incidentPolicy.isNeedToKnow(context.actor, row, false),
  });
}

/**
 * Records a draft once per `Idempotency-Key` (see platform/http/idempotency.ts): a replay
 * returns the incident the key created first. Without a key there is nothing to claim, and the
 * single write statement needs no transaction around it.
 */
export async function createIncidentOnce(context: ServiceContext, input: IncidentInput, idempotencyKey: string | null) {
  let created: InsertedIncident | null = null;
  const { db } = context.database;
  const result = await runIdempotent(context, { key: idempotencyKey, route: "POST /api/incidents", body: input }, async (claim) => {
    const place = await prepareIncident(context, input);
    if (!idempotencyKey) {
      created = await insertIncident(db, context, input, place);
      return created.row.id;
    }
    return db.transaction(async (tx) => {
      created = await insertIncident(tx, context, input, place);
      await claim(tx, created.row.id);
      return created.row.id;
    });
  });
  return { result, incident: await answerFor(context, result, created) };
}

/** The answer to an idempotent create: built from the rows just written, or read back on a replay. */
export function answerFor(context: ServiceContext, result: IdempotentResult, created: InsertedIncident | null) {
  return !result.isReplay && created ? presentCreated(context, created) : getIncident(context, result.entityId);
}

export async function createIncident(context: ServiceContext, input: IncidentInput) {
  return (await createIncidentOnce(context, input, null)).incident;
}
