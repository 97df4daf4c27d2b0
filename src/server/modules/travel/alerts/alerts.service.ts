import { and, desc, eq, gt, sql } from "drizzle-orm";
import { type TravelAlertParams, travelAlertEmail } from "../../../../core/travel/alerts.ts";
import { notificationLanguageOf } from "../../../../core/notifications/notification-messages.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/database.ts";
import { type ServiceContext, systemContext } from "../../../platform/http/context.ts";
import type { JobDefinition } from "../../../platform/jobs/job-runner.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import { enqueueEmail } from "../../../platform/notify/email-outbox.ts";
import { notifyUsers } from "../../../platform/notify/notifications.ts";
import { notifications } from "../../../platform/notify/notify.tables.ts";
import { type FlashAlert, incidents } from "../../incidents/index.ts";
import { securityLevelChanges } from "../../risk/index.ts";
import { places } from "../../structure/index.ts";
import { type AreaTraveller, areaOf, travellersIn } from "./travellers.service.ts";

/**
 * In-trip alerts (issue 13 §4): when a flash alert is raised or a security level takes effect in
 * an area, the travellers there or due within 72 hours are told, in-app and by e-mail, each in
 * their own language. Run after the commit of the step that causes them (listeners registered by
 * server.ts), and again by the catch-up pass below for recent ones: each run tells only those not
 * yet told, found from the notification rows themselves (kind, entity and user), under a lock on
 * the entity, so a retry or a concurrent run never tells anyone twice.
 *
 * Nobody hears of one alert in two messages: whoever already holds a notification about the same
 * incident or level change (the DO and P/C/SA's flash alert, the endorsement notice to everyone
 * assigned to the area) is skipped. A level change that sends a trip back to review is told by the
 * re-evaluation (which runs first); such a trip is no longer cleared, so its travellers are not
 * among those told here.
 */
export const alertKind = "travel_alert";

type Entity = { type: "incident" | "security_level_change"; id: string };

/** One notice per account: a person travelling with dependants is told once, there before arriving. */
function byAccount(travellers: AreaTraveller[]) {
  const accounts = new Map<string, AreaTraveller>();
  for (const traveller of travellers) if (traveller.userId && !accounts.has(traveller.userId)) accounts.set(traveller.userId, traveller);
  return [...accounts.values()];
}

async function tell(context: ServiceContext, entity: Entity, travellers: AreaTraveller[], paramsFor: (arrivesAt: string | null) => TravelAlertParams) {
  const base = appConfigOf(context.database).baseUrl.replace(/\/+$/, "");
  return context.database.db.transaction(async (tx) => {
    // Serialises runs for one alert: the second sees the first's rows and tells nobody again. Any
    // notification about the entity counts, whatever its kind (see above).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`travel-alert:${entity.id}`}))`);
    const told = new Set(
      (
        await tx
          .select({ userId: notifications.userId })
          .from(notifications)
          .where(and(eq(notifications.entityType, entity.type), eq(notifications.entityId, entity.id)))
      ).map((row) => row.userId),
    );
    const recipients = byAccount(travellers).filter((traveller) => !told.has(traveller.userId as string));
    for (const recipient of recipients) {
      const params = paramsFor(recipient.arrivesAt?.toISOString() ?? null);
      await notifyUsers(tx, [recipient.userId as string], { kind: alertKind, message: { key: "travel_alert", params }, entityType: entity.type, entityId: entity.id });
      if (!recipient.email) continue;
      const language = notificationLanguageOf(recipient.locale);
      const message = travelAlertEmail(params, language, `${base}/travel/requests/${recipient.requestId}`);
      await enqueueEmail(tx, { kind: alertKind, recipients: [recipient.email], subject: message.subject, text: message.text, entityType: entity.type, entityId: entity.id, meta: { language } });
    }
    const withoutAccount = new Set(travellers.filter((traveller) => !traveller.userId).map((traveller) => traveller.personId)).size;
    if (recipients.length > 0 || (told.size === 0 && travellers.length > 0)) {
      await recordAudit(tx, context.audit, {
        action: "notify",
        entityType: entity.type,
        entityId: entity.id,
        changes: {
          travellersTold: { from: null, to: recipients.map((recipient) => recipient.userId) },
          ...(withoutAccount > 0 ? { travellersWithoutAccount: { from: null, to: withoutAccount } } : {}),
        },
      });
    }
    return recipients.length;
  });
}

/**
 * A flash alert: the travellers in the incident's area. A sensitive incident is not described:
 * neither its category nor its place, only its area (the travellers are not on its need-to-know list).
 */
export async function alertTravellersOfIncident(context: ServiceContext, alert: FlashAlert): Promise<number> {
  const { db } = context.database;
  const [incident] = await db
    .select({ categoryCode: incidents.categoryCode, isSensitive: incidents.isSensitive, placeId: incidents.placeId })
    .from(incidents)
    .where(eq(incidents.id, alert.incidentId));
  const area = incident ? await areaOf(db, alert.placePath) : null;
  if (!incident || !area) return 0;
  const travellers = await travellersIn(db, area.path, clock.now());
  if (travellers.length === 0) return 0;
  const [place] = await db.select({ name: places.name }).from(places).where(eq(places.id, incident.placeId));
  return tell(context, { type: "incident", id: alert.incidentId }, travellers, (arrivesAt) => ({
    kind: "flash_alert",
    categoryCode: incident.isSensitive ? null : incident.categoryCode,
    placeName: incident.isSensitive ? null : (place?.name ?? null),
    areaName: area.name,
    arrivesAt,
  }));
}

type ChangeRow = { id: string; placeId: string; placePath: string; overall: number };

async function alertTravellersOfChange(context: ServiceContext, change: ChangeRow): Promise<number> {
  const { db } = context.database;
  const travellers = await travellersIn(db, change.placePath, clock.now());
  if (travellers.length === 0) return 0;
  const [area] = await db.select({ name: places.name }).from(places).where(eq(places.id, change.placeId));
  return tell(context, { type: "security_level_change", id: change.id }, travellers, (arrivesAt) => ({
    kind: "security_level",
    areaName: area?.name ?? "",
    overall: change.overall as 1,
    arrivesAt,
  }));
}

const changeColumns = { id: securityLevelChanges.id, placeId: securityLevelChanges.placeId, placePath: securityLevelChanges.placePath, overall: securityLevelChanges.overall };

/** A security level took effect in the area (`onSecurityLevelInForce`): its latest endorsed change. */
export async function alertTravellersOfLevel(context: ServiceContext, areaPath: string): Promise<number> {
  const [change] = await context.database.db
    .select(changeColumns)
    .from(securityLevelChanges)
    .where(and(eq(securityLevelChanges.placePath, areaPath), eq(securityLevelChanges.status, "endorsed")))
    .orderBy(desc(securityLevelChanges.endorsedAt))
    .limit(1);
  return change ? alertTravellersOfChange(context, change) : 0;
}

/**
 * The listeners run in the process that committed the step; if it dies first, nobody is told.
 * This pass, every ten minutes, runs them again for the flash alerts (an incident submitted with
 * the `notify` audit entry its alert writes) and level changes of the last 24 hours: a traveller not
 * yet told is told, counted from the pass's own time (so one cleared since the alert hears of it
 * too); those already told are skipped.
 */
export const alertCatchUpHours = 24;

export async function catchUpAlerts(context: ServiceContext): Promise<{ flashAlerts: number; levelChanges: number; told: number }> {
  const { db } = context.database;
  const since = new Date(clock.now().getTime() - alertCatchUpHours * 3_600_000);
  // From the incidents submitted since (few), those whose submission raised a flash alert: the
  // `notify` entry written with it, found through the audit trail's entity index.
  const raised = await db
    .select({ incidentId: incidents.id, placePath: incidents.placePath })
    .from(incidents)
    .where(
      and(
        gt(incidents.submittedAt, since),
        sql`exists (select 1 from audit_log a where a.entity_type = 'incident' and a.entity_id = ${incidents.id}::text and a.action = 'notify' and a.changes ? 'flashAlertReasons')`,
      ),
    );
  const changes = await db
    .select(changeColumns)
    .from(securityLevelChanges)
    .where(and(eq(securityLevelChanges.status, "endorsed"), gt(securityLevelChanges.endorsedAt, since)));
  let told = 0;
  for (const alert of raised) told += await alertTravellersOfIncident(context, alert);
  for (const change of changes) told += await alertTravellersOfChange(context, change);
  return { flashAlerts: raised.length, levelChanges: changes.length, told };
}

export const alertCatchUpJobName = "travel-alerts-catch-up";

export function alertCatchUpJob(database: Database): JobDefinition {
  return { name: alertCatchUpJobName, cron: "*/10 * * * *", run: () => catchUpAlerts(systemContext(database, "in-trip alerts catch-up")) };
}
