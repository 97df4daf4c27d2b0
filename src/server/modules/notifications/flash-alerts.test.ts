import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../platform/config.ts";
import { bindAppConfig } from "../../platform/notify/app-config.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { type ReceivedMail, readMail, startTestMailServer, waitFor } from "./test-mail-server.ts";

/**
 * Flash alerts (issue 3, acceptance 3): a critical incident, once submitted, reaches a real
 * SMTP server addressed to the area's DO and P/C/SA, and their in-app notifications.
 */
let t: TestApp;
let mail: Awaited<ReturnType<typeof startTestMailServer>>;
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;
const environment = () => ({ SMTP_URL: mail.url, DELIVERY_RETRY_SECONDS: "1", BASE_URL: "https://vigil.example.org" });

type Incident = { id: string };

function incidentBody(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: "2026-03-02T08:15:00Z",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: place("Bamako") },
    categoryCode: "abduction",
    description: "Two drivers were taken at a false checkpoint north of Bamako.",
    source: "un_security",
    reporter: { name: "Aminata Diallo", contact: "+223 70 11 22 33" },
    peopleAffected: [
      { outcome: "abducted", recruitmentType: "locally_recruited", sex: "male", count: 2 },
      { outcome: "injured", recruitmentType: "international", sex: "female", count: 1 },
    ],
    ...overrides,
  };
}

async function submitted(email: string, overrides: Record<string, unknown> = {}): Promise<Incident> {
  const created = await t.request(email, { method: "POST", url: "/api/incidents", payload: incidentBody(overrides) });
  expect(created.statusCode, created.body).toBe(201);
  const incident = created.json() as Incident;
  const moved = await t.request(email, { method: "POST", url: `/api/incidents/${incident.id}/transition`, payload: { to: "submitted" } });
  expect(moved.statusCode, moved.body).toBe(200);
  return incident;
}

const mailAbout = (incidentId: string) => mail.received.filter((item) => readMail(item).header("X-Vigil-Entity") === `incident/${incidentId}`);

/** Waits until the outbox has nothing left to send for the incident, then returns what the SMTP server got. */
async function deliveredMail(incidentId: string): Promise<ReceivedMail[]> {
  await waitFor(`the e-mail about ${incidentId}`, async () => {
    const rows = await t.database.query<{ status: string }>("select status from email_outbox where entity_id = $1", [incidentId]);
    return rows.length > 0 && rows.every((row) => row.status === "sent") ? true : undefined;
  });
  return mailAbout(incidentId);
}

/** The e-mail addresses of the accounts of whoever holds `role` on Mali today, found through the API. */
async function accountsHolding(role: string): Promise<{ id: string; email: string }[]> {
  const list = await t.request(demo.admin, { method: "GET", url: `/api/appointments?role=${role}&placeId=${place("Mali")}&pageSize=50` });
  const holders = (list.json().items as { personId: string; isActive: boolean }[]).filter((item) => item.isActive).map((item) => item.personId);
  const users = await t.request(demo.admin, { method: "GET", url: "/api/users?pageSize=200" });
  return (users.json().items as { id: string; email: string; personId: string | null }[]).filter((user) => user.personId && holders.includes(user.personId));
}

async function notificationsOf(email: string, incidentId: string) {
  const response = await t.request(email, { method: "GET", url: "/api/notifications?pageSize=200" });
  expect(response.statusCode).toBe(200);
  return (response.json().items as { entityId: string; entityType: string; title: string; body: string; kind: string }[]).filter((item) => item.entityId === incidentId);
}

beforeAll(async () => {
  mail = await startTestMailServer();
  t = await startTestApp(environment());
  const rows = await t.database.query<{ id: string; name: string }>("select id, name from places");
  for (const row of rows) placeIds.set(row.name, row.id);
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

describe("a flash alert reaches a real SMTP server within the test, addressed to the area's DO and P/C/SA", () => {
  it("e-mails exactly the DO and the P/C/SA of Mali when the Bamako warden submits an abduction, and notifies them in-app", async () => {
    const expected = [...(await accountsHolding("do")), ...(await accountsHolding("do_ai")), ...(await accountsHolding("pcsa"))];
    expect(expected.map((account) => account.email).sort()).toEqual([demo.doMali, demo.pcsaMali].sort());

    const incident = await submitted(demo.wardenBamako);
    const messages = await deliveredMail(incident.id);
    expect(messages.flatMap((item) => item.to).sort()).toEqual(expected.map((account) => account.email).sort());

    const { subject, text, header } = readMail(messages[0]);
    expect(header("X-Vigil-Kind")).toBe("flash_alert");
    expect(subject).toBe("[Vigil] Flash alert: Abduction — Bamako (Mali) — 2 Mar 2026, 08:15 (Africa/Bamako)");
    expect(text).toContain(`Open the incident: https://vigil.example.org/incidents/${incident.id}`);
    expect(text).toContain("People affected: injured 1, abducted 2");
    expect(text).toContain("Two drivers were taken at a false checkpoint");
    expect(text).not.toContain("Aminata Diallo");

    for (const account of expected) {
      const [notification] = await notificationsOf(account.email, incident.id);
      expect(notification).toMatchObject({ kind: "flash_alert", entityType: "incident", title: "Flash alert: Abduction — Bamako (Mali)" });
    }
    for (const other of [demo.ascMopti, demo.wardenBamako, demo.analyst]) expect(await notificationsOf(other, incident.id)).toEqual([]);
  });

  it("records in the incident's audit trail that the alert went out, to whom and why", async () => {
    const incident = await submitted(demo.pcsaMali);
    await deliveredMail(incident.id);
    const [entry] = await t.database.query<{ changes: Record<string, { to: unknown }>; actor_name: string }>(
      "select changes, actor_name from audit_log where entity_type = 'incident' and entity_id = $1 and action = 'notify'",
      [incident.id],
    );
    const recipients = [...(await accountsHolding("do")), ...(await accountsHolding("pcsa"))].map((account) => account.id);
    expect((entry.changes.recipients.to as string[]).sort()).toEqual(recipients.sort());
    expect(entry.changes.flashAlertReasons.to).toEqual(["critical_category"]);
    expect(entry.actor_name).toBe("P/C/SA Mali");
  });

  it("sends nothing and notifies no one for an incident that is not critical", async () => {
    const incident = await submitted(demo.wardenBamako, {
      categoryCode: "road_traffic_accident",
      peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
      assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-1234" }],
    });
    // The outbox is written in the submitting transaction: no row now means nothing is ever sent.
    expect(await t.database.query("select id from email_outbox where entity_id = $1", [incident.id])).toEqual([]);
    expect(await t.database.query("select id from notifications where entity_id = $1", [incident.id])).toEqual([]);
    const critical = await submitted(demo.wardenBamako);
    await deliveredMail(critical.id);
    expect(mailAbout(incident.id)).toEqual([]);
  });

  it("says only that a sensitive incident was submitted, with the link: no narrative, place, people or reporter", async () => {
    const narrative = "Narrative known only to the need-to-know list (flash test).";
    const incident = await submitted(demo.wardenBamako, {
      categoryCode: "sexual_assault",
      description: narrative,
      peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "international", sex: "female", count: 1 }],
    });
    const messages = await deliveredMail(incident.id);
    expect(messages.flatMap((item) => item.to).sort()).toEqual([demo.doMali, demo.pcsaMali].sort());
    for (const message of messages) {
      const { subject, text } = readMail(message);
      expect(subject).toBe("[Vigil] Flash alert: sensitive incident submitted");
      expect(text).toContain(`https://vigil.example.org/incidents/${incident.id}`);
      for (const secret of [narrative, "Aminata", "+223", "Bamako", "sexual", "Sexual", "female"]) expect(`${subject}\n${text}`).not.toContain(secret);
    }
    for (const email of [demo.doMali, demo.pcsaMali]) {
      const [notification] = await notificationsOf(email, incident.id);
      expect(notification.title).toBe("Flash alert: sensitive incident submitted");
      expect(`${notification.title} ${notification.body}`).not.toMatch(/Bamako|sexual|Narrative/i);
    }
  });

  it("retries a recipient the SMTP server refuses for now, and reaches them on a later attempt", async () => {
    mail.refuseNext(1);
    const incident = await submitted(demo.pcsaMali);
    const messages = await deliveredMail(incident.id);
    // The first recipient was refused with a 451: the second got the first attempt, the first the retry.
    expect(messages).toHaveLength(2);
    expect(messages.flatMap((item) => item.to).sort()).toEqual([demo.doMali, demo.pcsaMali].sort());
    const [row] = await t.database.query<{ attempts: number; status: string; last_error: string | null; meta: { sentTo?: string[] } }>(
      "select attempts, status, last_error, meta from email_outbox where entity_id = $1",
      [incident.id],
    );
    expect(row).toMatchObject({ attempts: 2, status: "sent", last_error: null });
    expect(row.meta.sentTo).toHaveLength(1);
  });
});

describe("the kinds of incident that raise a flash alert are configurable", () => {
  it("follows FLASH_ALERT_CATEGORIES: mass casualties only, so an abduction raises none and a road accident with five injured does", async () => {
    bindAppConfig(t.database, loadConfig({ ...environment(), LOG_LEVEL: "silent", FLASH_ALERT_CATEGORIES: "mass_casualty" }));
    try {
      const abduction = await submitted(demo.pcsaMali);
      expect(await t.database.query("select id from email_outbox where entity_id = $1", [abduction.id])).toEqual([]);
      const accident = await submitted(demo.pcsaMali, {
        categoryCode: "road_traffic_accident",
        peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 5 }],
        assetsAffected: [{ kind: "vehicle", description: "Bus" }],
      });
      const [message] = await deliveredMail(accident.id);
      expect(readMail(message).text).toContain("Why this alert: mass casualty");
    } finally {
      bindAppConfig(t.database, loadConfig({ ...environment(), LOG_LEVEL: "silent" }));
    }
  });
});

describe("in-app notifications", () => {
  it("lists the caller's own notifications newest first with the unread count, and marks one or all read", async () => {
    const first = await submitted(demo.wardenBamako);
    const second = await submitted(demo.wardenBamako);
    const list = async () => (await t.request(demo.doMali, { method: "GET", url: "/api/notifications?pageSize=2" })).json();
    const page = await list();
    expect(page.items.map((item: { entityId: string }) => item.entityId)).toEqual([second.id, first.id]);
    expect(page.unreadCount).toBeGreaterThanOrEqual(2);

    const marked = await t.request(demo.doMali, { method: "PATCH", url: `/api/notifications/${page.items[0].id}`, payload: { isRead: true } });
    expect(marked.statusCode).toBe(200);
    expect(marked.json().readAt).not.toBeNull();
    expect((await list()).unreadCount).toBe(page.unreadCount - 1);

    const someoneElses = await t.request(demo.pcsaMali, { method: "PATCH", url: `/api/notifications/${page.items[1].id}`, payload: { isRead: true } });
    expect(someoneElses.statusCode).toBe(404);

    // Marking all read up to the newest seen leaves a later notification unread.
    const seenUpTo = page.items[0].createdAt as string;
    const later = await submitted(demo.wardenBamako);
    const all = await t.request(demo.doMali, { method: "POST", url: "/api/notifications/mark-all-read", payload: { upTo: seenUpTo } });
    expect(all.statusCode).toBe(200);
    expect(all.json().unreadCount).toBe(1);
    const unread = (await t.request(demo.doMali, { method: "GET", url: "/api/notifications?unreadOnly=true" })).json();
    expect(unread.items.map((item: { entityId: string }) => item.entityId)).toEqual([later.id]);
  });
});
