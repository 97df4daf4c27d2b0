import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { clock, todayIso } from "../../../platform/clock.ts";
import type { JobRunner } from "../../../platform/jobs/job-runner.ts";
import { jobRunnerOf } from "../../../server.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { trainingRemindersJobName } from "./training-reminders.job.ts";

/**
 * Expiry reminders (issue 13 §1): 60 and 14 days before a certificate expires, the scheduled
 * job, run through the real pg-boss runner, tells the person (through their account) and their
 * organisation's security focal point, in-app and by e-mail (the outbox). The clock is moved,
 * never waited for. Assertions read what was written about this test's certificates, so the
 * demo's own expiring certificates, reminded in the same runs, change nothing.
 */
const realNow = clock.now;
// The real today, kept: todayIso() follows the moved clock.
const today = todayIso();
const start = new Date(`${today}T07:00:00Z`);
const at = (days: number) => {
  const moved = new Date(start.getTime() + days * 24 * 3600_000);
  clock.now = () => moved;
};
const personEmail = "awa.reminders@training.example";

let t: TestApp;
let runner: JobRunner;
let awa: string;
let bsafe: string;
/** Awa's BSAFE, set to expire 70 days after the start. */
let expiring: string;
/** Moussa's old BSAFE, expiring at the same time, and the renewal he already holds. */
let renewedOld: string;
/** Awa's certificate of a course withdrawn since. */
let withdrawn: string;
/** Awa's SSAFE, entered 20 days before its expiry: inside both windows at once. */
let late: string;

const send = (email: string, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) => t.request(email, { method, url, payload: payload as never });

async function created(email: string, url: string, payload: unknown): Promise<string> {
  const response = await send(email, "POST", url, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

const byHand = (personId: string, courseId: string, daysLeft: number, completedDaysAgo = 400) => ({
  personId,
  courseId,
  completedOn: addDays(today, -completedDaysAgo),
  expiresOn: addDays(today, daysLeft),
  expiryReason: "Set for the reminder test",
});

beforeAll(async () => {
  t = await startTestApp({ JOBS: "on", BASE_URL: "https://vigil.example.org" });
  runner = jobRunnerOf(t.app) as JobRunner;
  const [station] = await t.database.query<{ id: string }>("select id from places where name = 'Mopti' and kind = 'duty_station'");
  const [wfp] = await t.database.query<{ id: string }>("select id from organisations where code = 'WFP'");
  const person = (familyName: string) => ({
    organisationId: wfp.id,
    dutyStationId: station.id,
    givenName: familyName === "Traoré" ? "Awa" : "Moussa",
    familyName,
    sex: familyName === "Traoré" ? "female" : "male",
    recruitmentType: "locally_recruited",
    category: "general_service",
  });
  awa = await created(demo.pcsaMali, "/api/personnel", person("Traoré"));
  const moussa = await created(demo.pcsaMali, "/api/personnel", person("Keïta"));
  // Awa reads French; Moussa has no account (the focal point is told alone).
  await created(demo.admin, "/api/users", { email: personEmail, displayName: "Awa Traoré", password: "Harmattan-lantern-sextant-47", personId: awa, locale: "fr" });

  const courses = (await send(demo.admin, "GET", "/api/training/courses")).json().items as { id: string; code: string }[];
  bsafe = courses.find((course) => course.code === "BSAFE")?.id as string;
  const ssafe = courses.find((course) => course.code === "SSAFE")?.id as string;
  expiring = await created(demo.sfpWfpMali, "/api/training/certificates", byHand(awa, bsafe, 70));
  renewedOld = await created(demo.sfpWfpMali, "/api/training/certificates", byHand(moussa, bsafe, 70));
  await created(demo.sfpWfpMali, "/api/training/certificates", { personId: moussa, courseId: bsafe, completedOn: addDays(today, -5) });
  late = await created(demo.sfpWfpMali, "/api/training/certificates", byHand(awa, ssafe, 20));
  const course = await created(demo.admin, "/api/training/courses", { code: "REMIND-OLD", kind: "other", nameEn: "Old course", nameFr: "Ancienne formation", validityMonths: 12 });
  withdrawn = await created(demo.sfpWfpMali, "/api/training/certificates", byHand(awa, course, 70));
  expect((await send(demo.admin, "PATCH", `/api/training/courses/${course}`, { isActive: false })).statusCode).toBe(200);
});
afterEach(() => {
  clock.now = realNow;
});
afterAll(async () => {
  clock.now = realNow;
  await t.close();
});

async function run(days: number) {
  at(days);
  await runner.runNow(trainingRemindersJobName);
}

async function noticesOf(email: string, certificateId: string) {
  const response = await send(email, "GET", "/api/notifications?pageSize=200");
  expect(response.statusCode).toBe(200);
  return (response.json().items as { entityId: string; entityType: string; kind: string; title: string; body: string }[]).filter(
    (item) => item.entityId === certificateId,
  );
}

const outbox = (certificateId: string) =>
  t.database.query<{ kind: string; recipients: string[]; subject: string; text: string; entity_type: string }>(
    "select kind, recipients, subject, text, entity_type from email_outbox where entity_id = $1 order by created_at, id",
    [certificateId],
  );

const remindersOf = (certificateId: string) =>
  t.database.query<{ days_before: number; expires_on: string }>("select days_before, expires_on::text from training_reminders where certificate_id = $1 order by days_before desc", [
    certificateId,
  ]);

describe("the training expiry reminders job", () => {
  it("runs on the real job runner, every morning", async () => {
    const [schedule] = await t.database.query<{ cron: string }>("select cron from pgboss.schedule where name = $1", [trainingRemindersJobName]);
    expect(schedule).toEqual({ cron: "0 6 * * *" });
  });

  it("says nothing 61 days before the expiry", async () => {
    await run(9);
    expect(await remindersOf(expiring)).toEqual([]);
    expect(await outbox(expiring)).toEqual([]);
    expect(await noticesOf(demo.sfpWfpMali, expiring)).toEqual([]);
  });

  it("tells the person and their organisation's focal point 60 days before, in-app and by e-mail, each in their language", async () => {
    await run(10);
    expect(await remindersOf(expiring)).toEqual([{ days_before: 60, expires_on: addDays(today, 70) }]);

    const [forFocalPoint] = await noticesOf(demo.sfpWfpMali, expiring);
    expect(forFocalPoint).toMatchObject({ kind: "training_expiry", entityType: "training_certificate", title: "Training certificate expiring: BSAFE — Awa Traoré" });
    expect(forFocalPoint.body).toBe(`BSAFE (basic security in the field): expires on ${addDays(today, 70)}, in 60 days.`);
    const [forPerson] = await noticesOf(personEmail, expiring);
    expect(forPerson.title).toBe("Certificat de formation arrivant à expiration\u00A0: BSAFE — Awa Traoré");
    for (const email of [demo.pcsaMali, demo.ascMopti, demo.repUnicefMali]) expect(await noticesOf(email, expiring)).toEqual([]);

    const mail = await outbox(expiring);
    expect(mail.map((message) => message.recipients).sort()).toEqual([[personEmail], [demo.sfpWfpMali]].sort());
    const french = mail.find((message) => message.recipients[0] === personEmail);
    expect(french?.subject).toBe(`[Vigil] Certificat de formation arrivant à expiration\u00A0: BSAFE — Awa Traoré (expire le ${addDays(today, 70)})`);
    expect(french?.text).toContain(`Date d'expiration\u00A0: ${addDays(today, 70)} (dans 60 jours)`);
    const english = mail.find((message) => message.recipients[0] === demo.sfpWfpMali);
    expect(english?.text).toContain(`Open the person's page: https://vigil.example.org/personnel/${awa}`);
    expect(mail.every((message) => message.kind === "training_expiry" && message.entity_type === "training_certificate")).toBe(true);

    const audit = await t.database.query<{ actor_name: string }>("select actor_name from audit_log where entity_id = $1 and action = 'notify'", [expiring]);
    expect(audit).toEqual([{ actor_name: "Training reminders job" }]);
  });

  it("sends nothing twice when it runs again", async () => {
    await run(10);
    await run(11);
    expect(await remindersOf(expiring)).toHaveLength(1);
    expect(await outbox(expiring)).toHaveLength(2);
    expect(await noticesOf(demo.sfpWfpMali, expiring)).toHaveLength(1);
    expect(await noticesOf(personEmail, expiring)).toHaveLength(1);
  });

  it("reminds them a second time 14 days before, and not the day before that", async () => {
    await run(55);
    expect(await remindersOf(expiring)).toHaveLength(1);
    await run(56);
    expect((await remindersOf(expiring)).map((row) => row.days_before)).toEqual([60, 14]);
    expect(await outbox(expiring)).toHaveLength(4);
    const notices = await noticesOf(demo.sfpWfpMali, expiring);
    expect(notices).toHaveLength(2);
    expect(notices.map((notice) => notice.body)).toContain(`BSAFE (basic security in the field): expires on ${addDays(today, 70)}, in 14 days.`);
    expect(await noticesOf(personEmail, expiring)).toHaveLength(2);
  });

  it("sends one notice for a certificate first seen inside both windows", async () => {
    // The SSAFE had 11 days left at the first run that saw it (day 9).
    expect((await remindersOf(late)).map((row) => row.days_before)).toEqual([60, 14]);
    expect(await outbox(late)).toHaveLength(2);
    expect(await noticesOf(demo.sfpWfpMali, late)).toHaveLength(1);
  });

  it("never reminds a person who renewed, nor about a course no longer offered", async () => {
    for (const certificate of [renewedOld, withdrawn]) {
      expect(await remindersOf(certificate)).toEqual([]);
      expect(await outbox(certificate)).toEqual([]);
      expect(await noticesOf(demo.sfpWfpMali, certificate)).toEqual([]);
    }
  });

  it("reminds again when the expiry date is corrected, and never once it has passed", async () => {
    const corrected = addDays(today, 80);
    expect((await send(demo.sfpWfpMali, "PATCH", `/api/training/certificates/${expiring}`, { expiresOn: corrected, expiryReason: "Extended" })).statusCode).toBe(200);
    await run(21);
    expect((await remindersOf(expiring)).filter((row) => row.expires_on === corrected).map((row) => row.days_before)).toEqual([60]);
    await run(81);
    expect((await remindersOf(expiring)).filter((row) => row.expires_on === corrected).map((row) => row.days_before)).toEqual([60]);
  });
});
