import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { clock, todayIso } from "../../../platform/clock.ts";
import type { JobRunner } from "../../../platform/jobs/job-runner.ts";
import { jobRunnerOf } from "../../../server.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { readMail, startTestMailServer, waitFor } from "../../../testing/test-mail-server.ts";
import { overdueMeasuresJobName } from "./measures-overdue.job.ts";
import { type Measure, haitiCsfp, measureSupport } from "./measures-test-support.ts";

/**
 * The overdue rule (issue 4, acceptance 3): when the clock passes a measure's agreed date, the
 * scheduled job, run through the real pg-boss runner, tells the P/C/SA and the desk officer of
 * the Designated Area in-app and through a real SMTP server; once, then weekly. The clock is
 * moved, never waited for. The assertions read what was sent, not what a run reports, so a
 * scheduled run that happens to fire meanwhile changes nothing.
 */
const deskMali = "desk.mali@vigil.example";
const realNow = clock.now;
const start = new Date(`${todayIso()}T09:00:00Z`);
const at = (days: number, hours = 0) => {
  const moved = new Date(start.getTime() + (days * 24 + hours) * 3600_000);
  clock.now = () => moved;
};

let t: TestApp;
let m: Awaited<ReturnType<typeof measureSupport>>;
let mail: Awaited<ReturnType<typeof startTestMailServer>>;
let runner: JobRunner;
let overdue: Measure;
let implemented: Measure;
let later: Measure;
let haiti: Measure;

beforeAll(async () => {
  mail = await startTestMailServer();
  t = await startTestApp({ SMTP_URL: mail.url, JOBS: "on", DELIVERY_RETRY_SECONDS: "1", BASE_URL: "https://vigil.example.org" });
  runner = jobRunnerOf(t.app) as JobRunner;
  m = await measureSupport(t);
  const today = todayIso();
  overdue = await m.create(demo.ascMopti, "Mopti Security Area", { title: "Blast film on the Sévaré office windows", category: "premises", dueOn: addDays(today, 2) });
  implemented = await m.create(demo.pcsaMali, "Mali", { title: "Radio check every evening", dueOn: addDays(today, 2), status: "implemented", implementedOn: today });
  later = await m.create(demo.pcsaMali, "Mali", { title: "PEP kits at every office", category: "medical", dueOn: addDays(today, 30) });
  haiti = await m.create(await m.haitiWriter(), "Haiti", { title: "Armoured vehicle for Port-au-Prince", category: "vehicles", dueOn: addDays(today, 2) });
});
afterEach(() => {
  clock.now = realNow;
});
afterAll(async () => {
  clock.now = realNow;
  await t.close();
  await mail.close();
});

/** The e-mails about a measure, once the outbox has sent every one written for it. */
async function mailAbout(measureId: string) {
  await waitFor(`the e-mail about ${measureId}`, async () => {
    const rows = await t.database.query<{ status: string }>("select status from email_outbox where entity_id = $1", [measureId]);
    return rows.every((row) => row.status === "sent") ? true : undefined;
  });
  return mail.received.filter((item) => readMail(item).header("X-Vigil-Entity") === `srm_measure/${measureId}`);
}

async function noticesOf(email: string, measureId: string) {
  const response = await m.send(email, "GET", "/api/notifications?pageSize=200");
  expect(response.statusCode).toBe(200);
  return (response.json().items as { entityId: string; kind: string; title: string }[]).filter((item) => item.entityId === measureId);
}

const auditNotices = (measureId: string) =>
  t.database.query<{ actor_name: string; changes: { recipients: { to: string[] } } }>(
    "select actor_name, changes from audit_log where entity_type = 'srm_measure' and entity_id = $1 and action = 'notify' order by seq",
    [measureId],
  );

describe("the overdue measures job", () => {
  it("runs on the real job runner, on its hourly schedule", async () => {
    const [schedule] = await t.database.query<{ cron: string }>("select cron from pgboss.schedule where name = $1", [overdueMeasuresJobName]);
    expect(schedule).toEqual({ cron: "0 * * * *" });
    at(0);
    const result = await runner.runNow(overdueMeasuresJobName);
    expect(Object.keys(result).sort()).toEqual(["emails", "noticed", "notifiedUsers", "withoutRecipients"]);
    expect(await mailAbout(overdue.id)).toEqual([]);
  });

  it("tells the P/C/SA and the desk officer of Mali by e-mail and in-app once the clock passes the due date", async () => {
    at(3);
    await runner.runNow(overdueMeasuresJobName);
    const messages = await mailAbout(overdue.id);
    expect(messages).toHaveLength(1);
    expect(messages[0].to.sort()).toEqual([deskMali, demo.pcsaMali].sort());
    const { subject, text, header } = readMail(messages[0]);
    expect(header("X-Vigil-Kind")).toBe("measure_overdue");
    expect(subject).toBe(`[Vigil] Overdue SRM measure: Blast film on the Sévaré office windows — Mopti Security Area (Mali) (due ${overdue.dueOn})`);
    expect(text).toContain(`Agreed date: ${overdue.dueOn} (1 day overdue)`);
    expect(text).toContain(`Open the measure: https://vigil.example.org/risk/measures/${overdue.id}`);
    expect(text).toContain("Owner: Aïssata Coulibaly");

    for (const email of [demo.pcsaMali, deskMali]) {
      expect(await noticesOf(email, overdue.id)).toMatchObject([{ kind: "measure_overdue", title: "Overdue SRM measure: Blast film on the Sévaré office windows — Mopti Security Area (Mali)" }]);
    }
    for (const email of [demo.doMali, demo.ascMopti, demo.repUnicefMali]) expect(await noticesOf(email, overdue.id)).toEqual([]);
    const [entry] = await auditNotices(overdue.id);
    expect(entry.actor_name).toBe("Overdue measures job");
    expect(entry.changes.recipients.to).toHaveLength(2);
    const [row] = await t.database.query<{ last: Date }>("select last_overdue_notice_at as last from srm_measures where id = $1", [overdue.id]);
    expect(new Date(row.last).toISOString()).toBe(clock.now().toISOString());
  });

  it("tells the CSFP of Haiti, where there is no P/C/SA, and no desk officer of another country", async () => {
    const messages = await mailAbout(haiti.id);
    expect(messages.flatMap((message) => message.to)).toEqual([haitiCsfp]);
    expect(await noticesOf(deskMali, haiti.id)).toEqual([]);
  });

  it("does not tell them again the same day", async () => {
    at(3, 5);
    await runner.runNow(overdueMeasuresJobName);
    expect(await mailAbout(overdue.id)).toHaveLength(1);
    expect(await noticesOf(demo.pcsaMali, overdue.id)).toHaveLength(1);
    expect(await auditNotices(overdue.id)).toHaveLength(1);
  });

  it("reminds them a week later, while the measure stays overdue", async () => {
    at(9, 23);
    await runner.runNow(overdueMeasuresJobName);
    expect(await mailAbout(overdue.id)).toHaveLength(1);
    at(10);
    await runner.runNow(overdueMeasuresJobName);
    const messages = await mailAbout(overdue.id);
    expect(messages).toHaveLength(2);
    expect(messages[1].to.sort()).toEqual([deskMali, demo.pcsaMali].sort());
    expect(readMail(messages[1]).subject).toMatch(/^\[Vigil\] Reminder: Overdue SRM measure: Blast film/);
    expect(readMail(messages[1]).text).toContain("(8 days overdue)");
    expect(await noticesOf(deskMali, overdue.id)).toHaveLength(2);
    expect(await auditNotices(overdue.id)).toHaveLength(2);
  });

  it("never tells anyone about an implemented measure, nor about one whose date has not passed", async () => {
    at(16);
    await runner.runNow(overdueMeasuresJobName);
    for (const measure of [implemented, later]) {
      expect(await mailAbout(measure.id)).toEqual([]);
      expect(await noticesOf(demo.pcsaMali, measure.id)).toEqual([]);
      expect(await auditNotices(measure.id)).toEqual([]);
    }
  });

  it("stops once the measure is implemented", async () => {
    const done = await m.send(demo.ascMopti, "PATCH", `/api/srm-measures/${overdue.id}`, { status: "implemented", implementedOn: todayIso() });
    expect(done.statusCode, done.body).toBe(200);
    at(24);
    await runner.runNow(overdueMeasuresJobName);
    // Three weeks after the first notice: there would have been a third.
    expect(await mailAbout(overdue.id)).toHaveLength(2);
    expect(await auditNotices(overdue.id)).toHaveLength(2);
  });
});
