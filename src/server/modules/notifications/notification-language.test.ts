import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { readMail, startTestMailServer, waitFor } from "./test-mail-server.ts";

/**
 * Issue 12 §3.5: notifications are stored as a key and parameters and worded when read, in the
 * reader's language; e-mails go out in the recipient's language (real SMTP server).
 */
let t: TestApp;
let mail: Awaited<ReturnType<typeof startTestMailServer>>;
let bamakoId: string;

beforeAll(async () => {
  mail = await startTestMailServer();
  t = await startTestApp({ SMTP_URL: mail.url, DELIVERY_RETRY_SECONDS: "1", BASE_URL: "https://vigil.example.org" });
  [{ id: bamakoId }] = await t.database.query<{ id: string }>("select id from places where name = 'Bamako'");
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

const setLocale = async (email: string, locale: string) =>
  expect((await t.request(email, { method: "PATCH", url: "/api/auth/me", payload: { locale } })).statusCode).toBe(200);

async function submitAbduction(email: string): Promise<string> {
  const created = await t.request(email, {
    method: "POST",
    url: "/api/incidents",
    payload: {
      occurredAt: "2026-03-02T08:15:00Z",
      timeZone: "Africa/Bamako",
      place: { dutyStationId: bamakoId },
      categoryCode: "abduction",
      description: "Two drivers were taken at a false checkpoint.",
      source: "un_security",
      reporter: { name: "Aminata Diallo", contact: "+223 70 11 22 33" },
      peopleAffected: [{ outcome: "abducted", recruitmentType: "locally_recruited", sex: "male", count: 2 }],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json() as { id: string };
  expect((await t.request(email, { method: "POST", url: `/api/incidents/${id}/transition`, payload: { to: "submitted" } })).statusCode).toBe(200);
  return id;
}

async function notificationAbout(email: string, entityId: string, language?: string) {
  const response = await t.request(email, { method: "GET", url: `/api/notifications?pageSize=200${language ? `&language=${language}` : ""}` });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as { entityId: string | null; title: string; body: string }[]).find((item) => item.entityId === entityId);
}

describe("notifications are worded in the reader's language", () => {
  it("an alert raised by an English user reads in French for a French reader, and in English once they switch back", async () => {
    await setLocale(demo.wardenBamako, "en");
    await setLocale(demo.doMali, "fr");
    await setLocale(demo.pcsaMali, "en");
    const incidentId = await submitAbduction(demo.wardenBamako);

    const [row] = await t.database.query<{ title: string | null; message_key: string; params: Record<string, unknown> }>(
      "select title, message_key, params from notifications where entity_id = $1 limit 1",
      [incidentId],
    );
    expect(row).toMatchObject({ title: null, message_key: "flash_alert" });
    expect(row.params).not.toHaveProperty("description");

    const french = await notificationAbout(demo.doMali, incidentId);
    expect(french?.title).toBe("Alerte flash\u00A0: Enlèvement — Bamako (Mali)");
    expect(french?.body).toContain("Personnes touchées\u00A0: enlevés 2");
    const english = await notificationAbout(demo.pcsaMali, incidentId);
    expect(english?.title).toBe("Flash alert: Abduction — Bamako (Mali)");

    // The same stored row rewords when the reader changes language: nothing was frozen at writing.
    expect((await notificationAbout(demo.doMali, incidentId, "en"))?.title).toBe("Flash alert: Abduction — Bamako (Mali)");
    await setLocale(demo.doMali, "en");
    expect((await notificationAbout(demo.doMali, incidentId))?.title).toBe("Flash alert: Abduction — Bamako (Mali)");
  });

  it("sends the e-mail to a French recipient in French, with French typography, and to an English one in English", async () => {
    await setLocale(demo.doMali, "fr");
    await setLocale(demo.pcsaMali, "en");
    const incidentId = await submitAbduction(demo.wardenBamako);
    await waitFor("the flash alert e-mails", async () => {
      const rows = await t.database.query<{ status: string }>("select status from email_outbox where entity_id = $1", [incidentId]);
      return rows.length === 2 && rows.every((each) => each.status === "sent") ? true : undefined;
    });
    const messages = mail.received.filter((item) => readMail(item).header("X-Vigil-Entity") === `incident/${incidentId}`);
    const to = (email: string) => readMail(messages.find((item) => item.to.includes(email)) as (typeof messages)[number]);
    expect(to(demo.doMali).subject).toMatch(/^\[Vigil\] Alerte flash\u00A0: Enlèvement — Bamako \(Mali\)/);
    expect(to(demo.doMali).text).toContain("Ouvrir l'incident\u00A0: https://vigil.example.org/incidents/");
    expect(to(demo.pcsaMali).subject).toMatch(/^\[Vigil\] Flash alert: Abduction — Bamako \(Mali\)/);
    await setLocale(demo.doMali, "en");
  });

  it("still shows notifications stored as text before keys existed, as they were written", async () => {
    const [{ id: userId }] = await t.database.query<{ id: string }>("select id from users where email = $1", [demo.analyst]);
    const [{ id: entityId }] = await t.database.query<{ id: string }>("select gen_random_uuid() as id");
    await t.database.query("insert into notifications (user_id, kind, title, body, entity_type, entity_id) values ($1, 'flash_alert', 'Old alert', 'Old body', 'incident', $2)", [
      userId,
      entityId,
    ]);
    expect(await notificationAbout(demo.analyst, entityId, "fr")).toMatchObject({ title: "Old alert", body: "Old body" });
  });

  it("refuses a language it cannot word them in, naming the field", async () => {
    const response = await t.request(demo.doMali, { method: "GET", url: "/api/notifications?language=de" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("language");
  });
});
