import { and, asc, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { AppointmentRole } from "../../../../core/access/roles.ts";
import { type NoticeLanguage, overdueMeasureMessage } from "../../../../core/risk/measure-overdue-message.ts";
import { overdueNoticeIntervalDays } from "../../../../core/risk/measures.schemas.ts";
import type { AuditContext } from "../../../platform/audit/audit.service.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import { clock } from "../../../platform/clock.ts";
import type { Database, Db } from "../../../platform/db/database.ts";
import type { JobDefinition } from "../../../platform/jobs/job-runner.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import { enqueueEmail } from "../../../platform/notify/email-outbox.ts";
import { notifyUsers } from "../../../platform/notify/notifications.ts";
import { appointments, inForceOn } from "../../appointments/index.ts";
import { persons } from "../../personnel/index.ts";
import { organisations, places } from "../../structure/index.ts";
import { overdueCondition } from "./measures-list.service.ts";
import { srmMeasures } from "./measures.tables.ts";

/**
 * The overdue rule (issue 4 §3; IASMN 2015): when a measure passes its agreed date without being
 * implemented, the P/C/SA of its Designated Area and the area's UNDSS desk officer(s) are told,
 * in-app and by e-mail, once and then weekly while it stays overdue. Run hourly by pg-boss; the
 * weekly spacing comes from `lastOverdueNoticeAt`, so a missed hour or a restart changes nothing.
 */
export const overdueMeasuresJobName = "srm-measures-overdue";

const day = 24 * 60 * 60 * 1000;
const jobAudit: AuditContext = { actor: { userId: null, displayName: "Overdue measures job" }, requestId: null };

type Account = { id: string; email: string; locale: string };
type Recipients = { accounts: Account[]; holdersWithoutAccount: number };

/**
 * Who is told about a Designated Area's measures on `today`: its P/C/SA (or, where none is in
 * force, its CSFP, who acts for one) and its desk officers, through their active accounts.
 */
async function recipientsOf(db: Db, designatedAreaPath: string, today: string): Promise<Recipients> {
  const roles: AppointmentRole[] = ["pcsa", "csfp", "desk_officer"];
  const holders = await db
    .selectDistinct({ role: appointments.role, personId: persons.id, userId: persons.userId })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .where(and(inArray(appointments.role, roles), eq(appointments.placePath, designatedAreaPath), inForceOn(today)));
  const hasPcsa = holders.some((holder) => holder.role === "pcsa");
  const chosen = holders.filter((holder) => holder.role === "desk_officer" || holder.role === (hasPcsa ? "pcsa" : "csfp"));
  const userIds = [...new Set(chosen.flatMap((holder) => holder.userId ?? []))];
  const accounts = userIds.length
    ? await db
        .select({ id: users.id, email: users.email, locale: users.locale })
        .from(users)
        .where(and(inArray(users.id, userIds), eq(users.isActive, true)))
        .orderBy(asc(users.email))
    : [];
  return { accounts, holdersWithoutAccount: new Set(chosen.map((holder) => holder.personId)).size - accounts.length };
}

export type OverdueRunResult = { noticed: number; notifiedUsers: number; emails: number; withoutRecipients: number };

/** One pass of the rule at `now`: notices every measure that is due one, and says what it did. */
export async function notifyOverdueMeasures(database: Database, now: Date): Promise<OverdueRunResult> {
  const { db } = database;
  const today = now.toISOString().slice(0, 10);
  const lastNoticeBefore = new Date(now.getTime() - overdueNoticeIntervalDays * day);
  const isNoticeDue = and(overdueCondition(today), or(isNull(srmMeasures.lastOverdueNoticeAt), lte(srmMeasures.lastOverdueNoticeAt, lastNoticeBefore)));
  const candidates = await db
    .select({ measure: srmMeasures, placeName: places.name, organisationCode: organisations.code })
    .from(srmMeasures)
    .innerJoin(places, eq(places.id, srmMeasures.placeId))
    .leftJoin(organisations, eq(organisations.id, srmMeasures.organisationId))
    .where(isNoticeDue)
    .orderBy(asc(srmMeasures.dueOn), asc(srmMeasures.id));
  const result: OverdueRunResult = { noticed: 0, notifiedUsers: 0, emails: 0, withoutRecipients: 0 };
  if (candidates.length === 0) return result;

  const baseUrl = appConfigOf(database).baseUrl.replace(/\/+$/, "");
  const areaIds = [...new Set(candidates.map(({ measure }) => measure.placePath.split("/")[1]))];
  const areaNames = new Map((await db.select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, areaIds))).map((row) => [row.id, row.name]));
  const recipientsByArea = new Map<string, Recipients>();

  for (const { measure, placeName, organisationCode } of candidates) {
    const areaId = measure.placePath.split("/")[1];
    if (!recipientsByArea.has(areaId)) recipientsByArea.set(areaId, await recipientsOf(db, `/${areaId}/`, today));
    const recipients = recipientsByArea.get(areaId) as Recipients;
    // Nobody to tell: left as it is, so the first P/C/SA or desk officer appointed hears of it.
    if (recipients.accounts.length === 0) {
      result.withoutRecipients += 1;
      continue;
    }
    const facts = {
      title: measure.title,
      category: measure.category,
      status: measure.status,
      areaName: placeName,
      designatedAreaName: areaNames.get(areaId) ?? placeName,
      organisationCode,
      ownerName: measure.ownerName,
      dueOn: measure.dueOn,
      daysOverdue: Math.round((Date.parse(today) - Date.parse(measure.dueOn)) / day),
      isReminder: measure.lastOverdueNoticeAt !== null,
      link: `${baseUrl}/risk/measures/${measure.id}`,
    };
    const sent = await db.transaction(async (tx) => {
      // The claim: only the pass that moves the stamp sends the notice, however many nodes run the job.
      const claimed = await tx
        .update(srmMeasures)
        .set({ lastOverdueNoticeAt: now })
        .where(and(eq(srmMeasures.id, measure.id), isNoticeDue))
        .returning({ id: srmMeasures.id });
      if (claimed.length === 0) return false;
      const target = { entityType: "srm_measure", entityId: measure.id };
      // In-app: a key and parameters, worded when read in the reader's language; e-mail: worded now, in the recipient's.
      const { link: _, ...params } = facts;
      await notifyUsers(tx, recipients.accounts.map((account) => account.id), { kind: "measure_overdue", message: { key: "measure_overdue", params }, ...target });
      for (const language of ["en", "fr"] as NoticeLanguage[]) {
        const group = recipients.accounts.filter((account) => (account.locale === "fr" ? "fr" : "en") === language);
        if (group.length === 0) continue;
        const message = overdueMeasureMessage(facts, language);
        await enqueueEmail(tx, {
          kind: "measure_overdue",
          recipients: group.map((account) => account.email),
          subject: message.subject,
          text: message.text,
          ...target,
          meta: { language, dueOn: measure.dueOn, isReminder: facts.isReminder },
        });
        result.emails += 1;
      }
      await recordAudit(tx, jobAudit, {
        action: "notify",
        entityType: "srm_measure",
        entityId: measure.id,
        changes: {
          lastOverdueNoticeAt: { from: measure.lastOverdueNoticeAt?.toISOString() ?? null, to: now.toISOString() },
          recipients: { from: null, to: recipients.accounts.map((account) => account.id) },
          ...(recipients.holdersWithoutAccount > 0 ? { holdersWithoutAccount: { from: null, to: recipients.holdersWithoutAccount } } : {}),
        },
      });
      return true;
    });
    if (sent) {
      result.noticed += 1;
      result.notifiedUsers += recipients.accounts.length;
    }
  }
  return result;
}

/** The scheduled job: hourly, on the composition root's job runner (server.ts). */
export function overdueMeasuresJob(database: Database): JobDefinition {
  return { name: overdueMeasuresJobName, cron: "0 * * * *", run: () => notifyOverdueMeasures(database, clock.now()) };
}

/** Every scheduled job of the risk module. */
export const riskJobs = (database: Database): JobDefinition[] => [overdueMeasuresJob(database)];
