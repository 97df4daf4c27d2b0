import { eq } from "drizzle-orm";
import { can } from "../../../core/access/scope.ts";
import { hasSystemRole } from "../../../core/access/scope.ts";
import { deletedChildren, historyOf, historyOfMany, recordAudit } from "../../platform/audit/audit.service.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { NotFoundError } from "../../platform/http/errors.ts";
import { iso } from "../../platform/http/schemas.ts";
import { appointments } from "../appointments/index.ts";
import { incidentAccess } from "../incidents/index.ts";
import { meetings } from "../meetings/index.ts";
import { personPolicy, readablePerson } from "../personnel/index.ts";
import { organisations, readablePlace } from "../structure/index.ts";
import { readableVictimCase } from "../victims/index.ts";
import { pcAssessments, srmAssessments, srmMeasures, srmScenarios } from "../risk/index.ts";
import { pathCovers, grantsFor } from "../../../core/access/scope.ts";

export const historyEntityTypes = [
  "organisation",
  "place",
  "appointment",
  "person",
  "meeting",
  "user",
  "incident",
  "victim_case",
  "srm_assessment",
  "srm_measure",
  "pc_assessment",
] as const;
export type HistoryEntityType = (typeof historyEntityTypes)[number];

// Fields whose before/after values are need-to-know: shown only to those who may read them.
const sensitiveFields: Partial<Record<HistoryEntityType, readonly string[]>> = {
  person: ["phone", "mobile", "email", "emergencyContact", "residentialAddress"],
  incident: ["reporterPersonId", "reporterContact"],
};

/** Incident people lines: the counts are for whoever may read the incident, the person a line names is need-to-know. */
function withoutIdentities(lines: unknown): { value: unknown; hasIdentity: boolean } {
  if (!Array.isArray(lines)) return { value: lines, hasIdentity: false };
  const named = (line: unknown) => typeof line === "object" && line !== null && (line as { personId?: unknown }).personId != null;
  return { value: lines.map((line) => (named(line) ? { ...line, personId: "(restricted)" } : line)), hasIdentity: lines.some(named) };
}

async function assertReadable(context: ServiceContext, entityType: HistoryEntityType, id: string): Promise<boolean> {
  const { db } = context.database;
  const placeCovered = (permission: "appointment.read" | "meeting.read" | "srm.read" | "measure.read" | "programme.read", path: string) =>
    grantsFor(context.actor, permission).some((grant) => pathCovers(grant.placePath, path));
  switch (entityType) {
    case "organisation": {
      const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
      if (!row || !can(context.actor, "organisation.read")) throw new NotFoundError("Record");
      return false;
    }
    case "place":
      await readablePlace(context, id);
      return false;
    case "appointment": {
      const [row] = await db.select({ placePath: appointments.placePath }).from(appointments).where(eq(appointments.id, id));
      if (!row || !placeCovered("appointment.read", row.placePath)) throw new NotFoundError("Record");
      return false;
    }
    case "meeting": {
      const [row] = await db.select({ placePath: meetings.placePath }).from(meetings).where(eq(meetings.id, id));
      if (!row || !placeCovered("meeting.read", row.placePath)) throw new NotFoundError("Record");
      return false;
    }
    case "person": {
      const person = await readablePerson(context, id);
      return personPolicy.canReadSensitive(context.actor, person);
    }
    case "incident":
      // Sensitive incidents and their revisions: need-to-know only, like the record itself;
      // victims and reporter details only for the need-to-know list, as in the record.
      return (await incidentAccess(context, id)).isNeedToKnow;
    case "victim_case":
      // The confidential register: the P/C/SA or CSFP of the area, and nobody else.
      await readableVictimCase(context, id);
      return true;
    case "srm_assessment":
    case "srm_measure":
    case "pc_assessment": {
      // Risk records belong to an area; every reader of the area's SRM may see how they changed.
      const [table, permission] = {
        srm_assessment: [srmAssessments, "srm.read"],
        srm_measure: [srmMeasures, "measure.read"],
        pc_assessment: [pcAssessments, "programme.read"],
      }[entityType] as [typeof srmAssessments | typeof srmMeasures | typeof pcAssessments, "srm.read" | "measure.read" | "programme.read"];
      const [row] = await db.select({ placePath: table.placePath }).from(table).where(eq(table.id, id));
      if (!row || !placeCovered(permission, row.placePath)) throw new NotFoundError("Record");
      return false;
    }
    case "user":
      if (!hasSystemRole(context.actor, "system_admin") && context.actor.userId !== id) throw new NotFoundError("Record");
      return false;
  }
}

type Entry = Awaited<ReturnType<typeof historyOf>>[number] & { subject?: string | null };

/**
 * The scenarios of an assessment are its parts: their entries join its history as
 * `scenario_create`, `scenario_update` and `scenario_delete`, each named by the scenario's title
 * (the deleted ones by the title they had).
 */
async function scenarioEntries(context: ServiceContext, assessmentId: string): Promise<Entry[]> {
  const { database } = context;
  const [current, deleted] = await Promise.all([
    database.db.select({ id: srmScenarios.id, title: srmScenarios.title }).from(srmScenarios).where(eq(srmScenarios.assessmentId, assessmentId)),
    deletedChildren(database, "srm_scenario", "assessmentId", assessmentId),
  ]);
  const titles = new Map<string, string | null>(current.map((row) => [row.id, row.title]));
  for (const row of deleted) titles.set(row.entityId, typeof row.changes?.title?.from === "string" ? row.changes.title.from : null);
  const entries = await historyOfMany(database, "srm_scenario", [...titles.keys()]);
  return entries.map((entry) => ({ ...entry, action: `scenario_${entry.action}`, subject: titles.get(entry.entityId) ?? null }));
}

/** The revision history of one record: the initial entry and every field change, time-stamped. */
export async function recordHistory(context: ServiceContext, entityType: HistoryEntityType, id: string) {
  const maySeeSensitive = await assertReadable(context, entityType, id);
  const hidden = sensitiveFields[entityType] ?? [];
  const own: Entry[] = await historyOf(context.database, entityType, id);
  const entries = entityType === "srm_assessment" ? [...own, ...(await scenarioEntries(context, id))].sort((a, b) => a.seq - b.seq) : own;
  let hasShownSensitive = false;
  const items = entries
    .filter((entry) => entry.action !== "read_sensitive")
    .map((entry) => {
      const changes = { ...entry.changes };
      for (const field of hidden) {
        if (!(field in changes)) continue;
        if (maySeeSensitive) hasShownSensitive = true;
        else changes[field] = { from: "(restricted)", to: "(restricted)" };
      }
      if (entityType === "incident" && changes.peopleAffected) {
        const from = withoutIdentities(changes.peopleAffected.from);
        const to = withoutIdentities(changes.peopleAffected.to);
        if (maySeeSensitive) hasShownSensitive ||= from.hasIdentity || to.hasIdentity;
        else changes.peopleAffected = { from: from.value, to: to.value };
      }
      return { seq: entry.seq, at: iso(entry.at) as string, actorName: entry.actorName, action: entry.action, subject: entry.subject ?? null, changes };
    });
  // Every field of a victim case is confidential: each read of its history is audited.
  if (hasShownSensitive || entityType === "victim_case") {
    await context.database.db.transaction((tx) =>
      recordAudit(tx, context.audit, { action: "read_sensitive", entityType, entityId: id, changes: { via: { from: null, to: "history" } } }),
    );
  }
  return { items };
}
