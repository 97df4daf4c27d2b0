import { and, asc, eq, gte, isNotNull, lte, sql } from "drizzle-orm";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { reminderDays } from "../../../../core/travel/training.ts";
import { trainingReminderMessage } from "../../../../core/travel/training-reminder-message.ts";
import { type AuditContext, recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import type { Database, Db } from "../../../platform/db/database.ts";
import type { JobDefinition } from "../../../platform/jobs/job-runner.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import { enqueueEmailInEachLanguage } from "../../../platform/notify/email-outbox.ts";
import { notifyUsers } from "../../../platform/notify/notifications.ts";
import { activeAccounts, appointments, coversArea, inForceOn } from "../../appointments/index.ts";
import { persons } from "../../personnel/index.ts";
import { trainingCertificates, trainingCourses, trainingReminders } from "./training.tables.ts";

/**
 * Expiry reminders (issue 13 §1): 60 and 14 days before a certificate expires, the person who
 * holds it and their organisation's security focal point(s) are told, in-app and by e-mail. Run
 * daily by pg-boss. A reminder is due from its day onwards (a missed day or a restart only delays
 * it), and `training_reminders` remembers each one sent for that expiry date, so a second run, or a
 * second node, sends nothing twice; a corrected expiry date is reminded again.
 */
export const trainingRemindersJobName = "training-expiry-reminders";

const jobAudit: AuditContext = { actor: { userId: null, displayName: "Training reminders job" }, requestId: null };

/**
 * A person who holds a certificate of the same course expiring later has renewed: the older one is
 * not reminded. "Later" by expiry, not completion: what matters is whether they stay covered. Two
 * certificates expiring the same day are told apart by id, so only one is reminded.
 */
const c = trainingCertificates;
const isNotRenewed = sql`not exists (select 1 from ${c} as later where later.person_id = ${c.personId} and later.course_id = ${c.courseId}
  and (later.expires_on > ${c.expiresOn} or (later.expires_on = ${c.expiresOn} and later.id > ${c.id})))`;

/** The reminders already sent about a certificate's current expiry date. */
const sentDays = sql<number[]>`coalesce((select array_agg(${trainingReminders.daysBefore}) from ${trainingReminders}
  where ${trainingReminders.certificateId} = ${trainingCertificates.id} and ${trainingReminders.expiresOn} = ${trainingCertificates.expiresOn}), '{}')`;

/**
 * The security focal points of an organisation whose appointment, in force today, covers the
 * person's duty station (made on their Designated Area or their Security Area).
 */
async function focalPointsOf(db: Db, organisationId: string, placePath: string, today: string): Promise<(string | null)[]> {
  const rows = await db
    .selectDistinct({ userId: persons.userId })
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .where(
      and(
        eq(appointments.role, "org_security_focal_point"),
        eq(appointments.organisationId, organisationId),
        inForceOn(today),
        coversArea(placePath),
        isNotNull(persons.userId),
      ),
    );
  return rows.map((row) => row.userId);
}

export type ReminderRunResult = { reminded: number; notifiedUsers: number; emails: number; withoutRecipients: number };

/** One pass at `now`: sends every reminder due and says what it did. */
export async function sendTrainingReminders(database: Database, now: Date): Promise<ReminderRunResult> {
  const { db } = database;
  const today = now.toISOString().slice(0, 10);
  const widest = Math.max(...reminderDays);
  const candidates = await db
    .select({
      certificateId: trainingCertificates.id,
      expiresOn: trainingCertificates.expiresOn,
      sent: sentDays,
      courseCode: trainingCourses.code,
      courseNameEn: trainingCourses.nameEn,
      courseNameFr: trainingCourses.nameFr,
      personId: persons.id,
      givenName: persons.givenName,
      familyName: persons.familyName,
      placePath: persons.placePath,
      organisationId: persons.organisationId,
      userId: persons.userId,
    })
    .from(trainingCertificates)
    // A course no longer offered cannot be renewed: reminding would only worry people.
    .innerJoin(trainingCourses, and(eq(trainingCourses.id, trainingCertificates.courseId), eq(trainingCourses.isActive, true)))
    .innerJoin(persons, eq(persons.id, trainingCertificates.personId))
    .where(and(gte(trainingCertificates.expiresOn, today), lte(trainingCertificates.expiresOn, addDays(today, widest)), isNotRenewed))
    .orderBy(asc(trainingCertificates.expiresOn), asc(trainingCertificates.id));

  const result: ReminderRunResult = { reminded: 0, notifiedUsers: 0, emails: 0, withoutRecipients: 0 };
  const baseUrl = appConfigOf(database).baseUrl.replace(/\/+$/, "");
  const focalPoints = new Map<string, (string | null)[]>();

  for (const candidate of candidates) {
    const sent = (candidate.sent ?? []).map(Number);
    const due = reminderDays.filter((days) => candidate.expiresOn <= addDays(today, days) && !sent.includes(days));
    if (due.length === 0) continue;
    const key = `${candidate.organisationId} ${candidate.placePath}`;
    if (!focalPoints.has(key)) focalPoints.set(key, await focalPointsOf(db, candidate.organisationId, candidate.placePath, today));
    const recipients = await activeAccounts(db, [candidate.userId, ...(focalPoints.get(key) ?? [])]);
    // Nobody to tell: nothing is recorded, so a focal point appointed (or an account opened) later still hears of it.
    if (recipients.length === 0) {
      result.withoutRecipients += 1;
      continue;
    }
    const facts = {
      personName: `${candidate.givenName} ${candidate.familyName}`,
      courseCode: candidate.courseCode,
      courseNameEn: candidate.courseNameEn,
      courseNameFr: candidate.courseNameFr,
      expiresOn: candidate.expiresOn,
      daysLeft: Math.round((Date.parse(candidate.expiresOn) - Date.parse(today)) / 86_400_000),
      link: `${baseUrl}/personnel/${candidate.personId}`,
    };
    const sentNow = await db.transaction(async (tx) => {
      // The claim: only the pass whose rows go in sends, however many nodes run the job. Every
      // reminder due is claimed at once (a certificate entered 10 days before its expiry gets one
      // notice, not the 60-day one and the 14-day one together).
      const claimed = await tx
        .insert(trainingReminders)
        .values(due.map((daysBefore) => ({ certificateId: candidate.certificateId, daysBefore, expiresOn: candidate.expiresOn, sentAt: now })))
        .onConflictDoNothing()
        .returning({ daysBefore: trainingReminders.daysBefore });
      if (claimed.length === 0) return false;
      const target = { entityType: "training_certificate", entityId: candidate.certificateId };
      // In-app: a key and parameters, worded when read in the reader's language; e-mail: worded now, in each recipient's.
      const { link: _, ...params } = facts;
      await notifyUsers(
        tx,
        recipients.map((account) => account.id),
        { kind: "training_expiry", message: { key: "training_expiry", params }, ...target },
      );
      await enqueueEmailInEachLanguage(tx, recipients, (language) => trainingReminderMessage(facts, language), { kind: "training_expiry", ...target });
      await recordAudit(tx, jobAudit, {
        action: "notify",
        entityType: "training_certificate",
        entityId: candidate.certificateId,
        changes: {
          reminders: { from: sent, to: [...sent, ...claimed.map((row) => row.daysBefore)].sort((a, b) => b - a) },
          recipients: { from: null, to: recipients.map((account) => account.id) },
        },
      });
      return true;
    });
    if (sentNow) {
      result.reminded += 1;
      result.notifiedUsers += recipients.length;
      result.emails += recipients.length;
    }
  }
  return result;
}

/** The scheduled job: every morning (UTC), on the composition root's job runner (server.ts). */
export function trainingRemindersJob(database: Database): JobDefinition {
  return { name: trainingRemindersJobName, cron: "0 6 * * *", run: () => sendTrainingReminders(database, clock.now()) };
}

/** Every scheduled job of the training sub-domain (server.ts hands them to the job runner). */
export const trainingJobs = (database: Database): JobDefinition[] => [trainingRemindersJob(database)];
