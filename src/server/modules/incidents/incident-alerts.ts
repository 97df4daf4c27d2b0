import { and, eq, inArray, sql } from "drizzle-orm";
import type { AppointmentRole } from "../../../core/access/roles.ts";
import { type AlertLanguage, flashAlertMessage } from "../../../core/incidents/incident-alert-message.ts";
import { type CriticalReason, type CriticalityInput, criticalReasons } from "../../../core/incidents/incident-rules.ts";
import type { PersonOutcome } from "../../../core/incidents/incident-taxonomy.types.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import { users } from "../../platform/auth/auth.tables.ts";
import type { Config } from "../../platform/config.ts";
import { todayIso } from "../../platform/clock.ts";
import type { Db } from "../../platform/db/database.ts";
import { emitEvent } from "../../platform/events/events.service.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { appConfigOf } from "../../platform/notify/app-config.ts";
import { enqueueEmail } from "../../platform/notify/email-outbox.ts";
import { notifyUsers } from "../../platform/notify/notifications.ts";
import { flashAlertParams } from "../../../core/notifications/notification-messages.ts";
import type { FlashAlert } from "./incident-alert-listeners.ts";
import { appointments, inForceOn } from "../appointments/index.ts";
import { persons, places } from "./incident-deps.ts";
import { incidentPeople, incidents } from "./incidents.tables.ts";

/**
 * Side effects of the incident workflow, written in the same transaction as the step that
 * causes them (outbox pattern): flash alerts when a critical incident is submitted, the
 * `incident.verified` event for subscribed systems. Nothing leaves the server unless the step
 * commits; the commit wakes the e-mail and webhook workers.
 */

/** Who receives a flash alert: the DO (or DO a.i.) and the P/C/SA of the incident's area. */
const alertedRoles: AppointmentRole[] = ["do", "do_ai", "pcsa"];

type IncidentRow = typeof incidents.$inferSelect;

async function loadIncident(tx: Db, incidentId: string) {
  const [row] = await tx.select().from(incidents).where(eq(incidents.id, incidentId));
  const people = await tx
    .select({ outcome: incidentPeople.outcome, count: incidentPeople.count })
    .from(incidentPeople)
    .where(eq(incidentPeople.incidentId, incidentId));
  return { row, people };
}

type PeopleCounts = { outcome: PersonOutcome; count: number }[];

function reasonsFor(config: Config, row: IncidentRow, people: PeopleCounts): CriticalReason[] {
  const { flashAlert } = config;
  // The rule reads only outcome and count of each line.
  const peopleAffected = people as CriticalityInput["peopleAffected"];
  const reasons = criticalReasons(
    { categoryCode: row.categoryCode, affectsUn: row.affectsUn, premisesAffected: row.premisesAffected, peopleAffected },
    flashAlert.categoryCodes,
    flashAlert.massCasualtyThreshold,
  );
  return reasons.filter(
    (reason) =>
      reason === "critical_category" ||
      (reason === "mass_casualty" && flashAlert.isMassCasualty) ||
      (reason === "attack_on_premises" && flashAlert.isAttackOnPremises),
  );
}

/** Active accounts of the people holding, today, an alerted role on the place or one of its ancestors. */
async function alertRecipients(tx: Db, placePath: string) {
  const holders = await tx
    .selectDistinct({ personId: persons.id, userId: persons.userId })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .where(
      and(
        inArray(appointments.role, alertedRoles),
        inForceOn(todayIso()),
        sql`left(${placePath}, length(${appointments.placePath})) = ${appointments.placePath}`,
      ),
    );
  const userIds = holders.flatMap((holder) => holder.userId ?? []);
  const accounts = userIds.length
    ? await tx
        .select({ id: users.id, email: users.email, locale: users.locale })
        .from(users)
        .where(and(inArray(users.id, userIds), eq(users.isActive, true)))
    : [];
  return { accounts, unreachable: holders.length - accounts.length };
}

async function placeNames(tx: Db, row: IncidentRow) {
  const areaId = row.placePath.split("/").filter(Boolean)[0] ?? row.placeId;
  const found = await tx.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, [row.placeId, areaId]));
  const nameOf = (id: string) => found.find((place) => place.id === id)?.name ?? "";
  return { placeName: nameOf(row.placeId), areaName: nameOf(areaId) || null };
}

/**
 * Flash alert (issue 3): a critical incident, once submitted, is announced at once in-app and
 * by e-mail to the DO (or DO a.i.) and the P/C/SA of its area, each in their own language; the
 * audit trail records who was alerted and why. Returns the alert, for the listeners the caller
 * runs once its transaction has committed (`flashAlertRaised`); null when the incident is not critical.
 */
export async function afterIncidentSubmitted(tx: Db, context: ServiceContext, incidentId: string): Promise<FlashAlert | null> {
  const config = appConfigOf(context.database);
  const { row, people } = await loadIncident(tx, incidentId);
  if (!row) return null;
  const reasons = reasonsFor(config, row, people);
  if (reasons.length === 0) return null;
  const { accounts, unreachable } = await alertRecipients(tx, row.placePath);
  const facts = {
    incidentId,
    categoryCode: row.categoryCode,
    isSensitive: row.isSensitive,
    ...(await placeNames(tx, row)),
    occurredAt: row.occurredAt,
    timeZone: row.timeZone,
    peopleAffected: people,
    description: row.description,
    reasons,
    link: `${config.baseUrl.replace(/\/+$/, "")}/incidents/${incidentId}`,
  };
  // In-app: a key and parameters, worded when read in the reader's language; e-mail: worded now, in the recipient's.
  await notifyUsers(
    tx,
    accounts.map((account) => account.id),
    { kind: "flash_alert", message: { key: "flash_alert", params: flashAlertParams(facts) }, entityType: "incident", entityId: incidentId },
  );
  const languages: AlertLanguage[] = ["en", "fr"];
  for (const language of languages) {
    const group = accounts.filter((account) => (account.locale === "fr" ? "fr" : "en") === language);
    if (group.length === 0) continue;
    const message = flashAlertMessage(facts, language);
    await enqueueEmail(tx, {
      kind: "flash_alert",
      recipients: group.map((account) => account.email),
      subject: message.subject,
      text: message.text,
      entityType: "incident",
      entityId: incidentId,
      meta: { reasons, language },
    });
  }
  await recordAudit(tx, context.audit, {
    action: "notify",
    entityType: "incident",
    entityId: incidentId,
    changes: {
      flashAlertReasons: { from: null, to: reasons },
      recipients: { from: null, to: accounts.map((account) => account.id) },
      ...(unreachable > 0 ? { holdersWithoutAccount: { from: null, to: unreachable } } : {}),
    },
  });
  return { incidentId, placePath: row.placePath };
}

/**
 * `incident.verified` for subscribed systems. People affected go out as counts by outcome, never
 * as person ids; the narrative only for an incident that is not sensitive.
 */
export async function afterIncidentVerified(tx: Db, _context: ServiceContext, incidentId: string): Promise<void> {
  const { row, people } = await loadIncident(tx, incidentId);
  if (!row) return;
  const [place] = await tx.select({ name: places.name }).from(places).where(eq(places.id, row.placeId));
  const peopleAffected: Record<string, number> = {};
  for (const line of people) peopleAffected[line.outcome] = (peopleAffected[line.outcome] ?? 0) + line.count;
  await emitEvent(tx, {
    type: "incident.verified",
    placePath: row.placePath,
    payload: {
      id: row.id,
      categoryCode: row.categoryCode,
      taxonomyVersion: row.taxonomyVersion,
      occurredAt: row.occurredAt.toISOString(),
      timeZone: row.timeZone,
      place: { id: row.placeId, name: place?.name ?? null, path: row.placePath },
      affectsUn: row.affectsUn,
      isNearMiss: row.isNearMiss,
      isSensitive: row.isSensitive,
      peopleAffected,
      verifiedAt: row.verifiedAt?.toISOString() ?? null,
      ...(row.isSensitive ? {} : { description: row.description }),
    },
  });
}
