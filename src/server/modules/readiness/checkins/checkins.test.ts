import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { readMail, startTestMailServer, waitFor } from "../../../testing/test-mail-server.ts";

/**
 * Check-ins (issue 14 §4): sent to a warden zone in-app and by e-mail (a real SMTP server), answered
 * through the one-tap link, by a warden and in the app; the tally counts each, a later answer
 * replaces an earlier one, "I need help" reaches the P/C/SA and the warden at once, a forged or
 * expired link records nothing, and the tally streams as server-sent events.
 */
let t: TestApp;
let mail: Awaited<ReturnType<typeof startTestMailServer>>;
const baseUrl = "https://vigil.test";
let zone1: { id: string; securityAreaId: string };
let checkin: { id: string };
let links: string[];

type Tally = { version: string; totals: Record<string, number>; byZone: { zoneId: string | null; recipients: number; safe: number }[]; byChannel: Record<string, number> };
const tally = async (id = checkin.id) => (await t.request(demo.pcsaMali, { method: "GET", url: `/api/checkins/${id}/tally` })).json() as Tally;
const form = (answer: string, note = "") => ({ payload: `answer=${answer}&note=${encodeURIComponent(note)}`, headers: { "content-type": "application/x-www-form-urlencoded" } });
const tokenOf = (link: string) => link.slice(link.lastIndexOf("/") + 1);

beforeAll(async () => {
  mail = await startTestMailServer();
  t = await startTestApp({ SMTP_URL: mail.url, DELIVERY_RETRY_SECONDS: "1", BASE_URL: baseUrl });
  const zones = (await t.request(demo.pcsaMali, { method: "GET", url: "/api/warden-zones" })).json().items as { id: string; name: string; securityAreaId: string }[];
  zone1 = zones.find((zone) => zone.name.startsWith("Zone 1")) as typeof zone1;
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

describe("the demo", () => {
  it("holds one closed check-in of Zone 1 with answers by link and by the warden, and some never given", async () => {
    const list = (await t.request(demo.pcsaMali, { method: "GET", url: "/api/checkins" })).json().items as { id: string; title: string; isOpen: boolean; closedAt: string | null }[];
    expect(list.map((one) => [one.title, one.isOpen, one.closedAt !== null])).toEqual([["Quarterly communications test — Zone 1", false, true]]);
    const counted = await tally(list[0].id);
    expect(counted.totals.replied).toBeGreaterThan(0);
    expect(counted.totals.noReply).toBeGreaterThan(0);
    expect(counted.byChannel).toMatchObject({ link: counted.totals.replied - 1, warden: 1 });
  });
});

describe("sending a check-in to a warden zone", () => {
  const audience = () => ({ placeId: zone1.securityAreaId, zoneIds: [zone1.id] });

  it("previews how many it reaches, and how many no channel can", async () => {
    const response = await t.request(demo.pcsaMali, { method: "POST", url: "/api/checkins/preview", payload: { audience: audience(), channels: { app: true, email: true, sms: false } } });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json();
    expect(preview.recipients).toBeGreaterThan(5);
    expect(preview.people).toBeGreaterThanOrEqual(preview.recipients);
    const appOnly = (await t.request(demo.pcsaMali, { method: "POST", url: "/api/checkins/preview", payload: { audience: audience(), channels: { app: true, email: false, sms: false } } })).json();
    // Few of the zone's people have an account: in-app alone leaves most unreachable.
    expect(appOnly.unreachable).toBeGreaterThan(preview.unreachable);
  });

  it("reaches each person of the zone by e-mail with their own reply link, and in-app those with an account", async () => {
    const response = await t.request(demo.pcsaMali, { method: "POST", url: "/api/checkins", payload: { kind: "checkin", audience: audience(), title: "Gunfire near the river", body: "Stay indoors and answer." } });
    expect(response.statusCode, response.body).toBe(201);
    checkin = response.json();
    expect(checkin).toMatchObject({ kind: "checkin", isOpen: true, areaName: "Bamako Security Area", actions: ["close", "resend", "tally"] });
    const [{ recipients, emails }] = await t.database.query<{ recipients: number; emails: number }>(
      "select count(*)::int as recipients, count(*) filter (where has_email)::int as emails from mass_message_recipients where message_id = $1",
      [checkin.id],
    );
    const sent = await waitFor("the check-in e-mails", () => {
      const found = mail.received.map((item) => readMail(item)).filter((item) => item.header("X-Vigil-Entity") === `mass_message/${checkin.id}`);
      return found.length === emails ? found : undefined;
    });
    expect(emails).toBe(recipients);
    links = sent.map((one) => /https:\/\/vigil\.test\/r\/\S+/.exec(one.text)?.[0] as string);
    expect(new Set(links).size).toBe(emails);
    expect(sent[0].subject).toContain("Are you safe? Gunfire near the river");
    expect(sent[0].text).toContain("Answer with one tap");
    const [{ notices }] = await t.database.query<{ notices: number }>("select count(*)::int as notices from notifications where entity_id = $1 and message_key = 'checkin'", [checkin.id]);
    const [{ accounts }] = await t.database.query<{ accounts: number }>("select count(*)::int as accounts from mass_message_recipients where message_id = $1 and user_id is not null", [checkin.id]);
    expect(notices).toBe(accounts);
    expect((await tally()).totals).toMatchObject({ recipients, replied: 0, noReply: recipients });
  });
});

describe("answers", () => {
  it("opens the link's page without recording anything, then records the answer pressed", async () => {
    const page = await t.app.inject({ method: "GET", url: `/r/${tokenOf(links[0])}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain("Gunfire near the river");
    expect(page.body).toContain('value="need_help"');
    expect((await tally()).totals.replied).toBe(0);
    const answered = await t.app.inject({ method: "POST", url: `/r/${tokenOf(links[0])}`, ...form("safe") });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain("Your answer is recorded: I am safe");
    const counted = await tally();
    expect(counted.totals).toMatchObject({ replied: 1, safe: 1 });
    expect(counted.byChannel.link).toBe(1);
  });

  it("records nothing for a link with a changed character, or one that never existed, and says only that it is not valid", async () => {
    const token = tokenOf(links[1]);
    const altered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    const before = (await tally()).version;
    for (const bad of [altered, "zz.AAAAAAAAAAAAAAAA"]) {
      const response = await t.app.inject({ method: "POST", url: `/r/${encodeURIComponent(bad)}`, ...form("safe") });
      expect(response.statusCode, bad).toBe(404);
      expect(response.body).toContain("This link is no longer valid.");
      expect(response.body).not.toContain("Gunfire");
    }
    // Not even the shape of a link Vigil sends: refused before anything is looked up.
    for (const bad of [`${token}x`, "not-a-token", "a".repeat(60)]) {
      const response = await t.app.inject({ method: "POST", url: `/r/${encodeURIComponent(bad)}`, ...form("safe") });
      expect(response.statusCode, bad).toBe(400);
    }
    expect((await tally()).version).toBe(before);
  });

  it("never fails and records nothing on a form that holds no valid answer: it shows the question again", async () => {
    const before = (await tally()).version;
    const token = tokenOf(links[1]);
    const answers = new Set(["safe", "need_help", "not_in_area"]);
    const noAnswer = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ maxLength: 40 }).map((value) => `answer=${encodeURIComponent(value)}&note=x`)).filter((payload) => !answers.has(new URLSearchParams(payload).get("answer") ?? ""));
    await fc.assert(
      fc.asyncProperty(noAnswer, async (payload) => {
        const response = await t.app.inject({ method: "POST", url: `/r/${token}`, payload, headers: { "content-type": "application/x-www-form-urlencoded" } });
        expect(response.statusCode, payload).toBe(200);
        expect(response.body).toContain('value="safe"');
      }),
      { numRuns: 60 },
    );
    expect((await tally()).version).toBe(before);
  });

  it("lets a later answer replace an earlier one, keeping both in the history", async () => {
    await t.app.inject({ method: "POST", url: `/r/${tokenOf(links[0])}`, ...form("not_in_area", "At the airport") });
    const counted = await tally();
    expect(counted.totals).toMatchObject({ replied: 1, safe: 0, not_in_area: 1 });
    const [{ n }] = await t.database.query<{ n: number }>("select count(*)::int as n from mass_message_replies where message_id = $1", [checkin.id]);
    expect(n).toBe(2);
  });

  it("lets the zone's warden record a household's answer; 'I need help' reaches the P/C/SA and the warden at once", async () => {
    const list = (await t.request(demo.wardenBamako, { method: "GET", url: `/api/checkins/${checkin.id}/recipients?answer=none` })).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items[0].contacts).not.toBeNull();
    const person = list.items[0];
    const response = await t.request(demo.wardenBamako, { method: "PUT", url: `/api/checkins/${checkin.id}/recipients/${person.personId}/answer`, payload: { answer: "need_help", note: "Injured, at home" } });
    expect(response.statusCode, response.body).toBe(200);
    expect((await tally()).totals.need_help).toBe(1);
    const told = await t.database.query<{ email: string }>(
      "select u.email from notifications n join users u on u.id = n.user_id where n.entity_id = $1 and n.message_key = 'checkin_need_help' order by u.email",
      [checkin.id],
    );
    expect(told.map((row) => row.email)).toEqual(["pcsa.mali@vigil.example", "warden.bamako@vigil.example"]);
    const [reply] = await t.database.query<{ channel: string; recorded_by_name: string }>("select channel, recorded_by_name from mass_message_replies where message_id = $1 order by id desc limit 1", [checkin.id]);
    expect(reply).toEqual({ channel: "warden", recorded_by_name: "Warden Bamako" });
  });

  it("refuses the warden for someone outside their zones, and the DO, who records no answers", async () => {
    const wide = (await t.request(demo.pcsaMali, { method: "POST", url: "/api/checkins", payload: { kind: "checkin", audience: { placeId: zone1.securityAreaId }, title: "Area-wide check" } })).json();
    const [outsider] = await t.database.query<{ person_id: string }>("select person_id from mass_message_recipients where message_id = $1 and zone_id is null limit 1", [wide.id]);
    const response = await t.request(demo.wardenBamako, { method: "PUT", url: `/api/checkins/${wide.id}/recipients/${outsider.person_id}/answer`, payload: { answer: "safe" } });
    expect(response.statusCode).toBe(403);
    expect((await t.request(demo.doMali, { method: "PUT", url: `/api/checkins/${wide.id}/recipients/${outsider.person_id}/answer`, payload: { answer: "safe" } })).statusCode).toBe(403);
    expect((await t.request(demo.pcsaMali, { method: "PUT", url: `/api/checkins/${wide.id}/recipients/${outsider.person_id}/answer`, payload: { answer: "safe" } })).statusCode).toBe(200);
  });

  it("lets a person answer in the app a test sent to them, and shows it among their messages", async () => {
    const me = (await t.request("traveller.mali@vigil.example", { method: "GET", url: "/api/auth/me" })).json();
    const test = await t.request(demo.pcsaMali, { method: "POST", url: "/api/checkins", payload: { kind: "checkin", audience: { placeId: zone1.securityAreaId }, title: "Test of the system", testPersonIds: [me.personId] } });
    expect(test.statusCode, test.body).toBe(201);
    expect(test.json().isTest).toBe(true);
    const answered = await t.request("traveller.mali@vigil.example", { method: "POST", url: `/api/checkins/${test.json().id}/reply`, payload: { answer: "safe" } });
    expect(answered.statusCode, answered.body).toBe(200);
    const mine = (await t.request("traveller.mali@vigil.example", { method: "GET", url: "/api/checkins" })).json().items;
    expect(mine.find((one: { id: string }) => one.id === test.json().id)).toMatchObject({ isRecipient: true, myAnswer: "safe", actions: ["reply"] });
    expect((await tally(test.json().id)).totals).toMatchObject({ recipients: 1, safe: 1 });
  });
});

describe("following up", () => {
  it("sends the check-in again to those who have not answered, each with their own link", async () => {
    const before = mail.received.length;
    const { noReply } = (await tally()).totals;
    const response = await t.request(demo.pcsaMali, { method: "POST", url: `/api/checkins/${checkin.id}/resend` });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ resentTo: noReply, emails: noReply, sms: 0 });
    await waitFor("the reminders", () => (mail.received.length - before === noReply ? true : undefined));
    expect((await t.request(demo.wardenBamako, { method: "POST", url: `/api/checkins/${checkin.id}/resend` })).statusCode).toBe(403);
  });

  it("exports who answered what as CSV, in French on request, without contacts", async () => {
    const response = await t.request(demo.pcsaMali, { method: "GET", url: `/api/checkins/${checkin.id}/recipients.csv?lang=fr` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    const lines = response.body.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toBe("Nom,Organisation,Zone de garde d'îlot,Personnes (avec le foyer),Réponse,Canal,Répondu le (UTC),Note");
    expect(lines.length - 1).toBe((await tally()).totals.recipients);
    expect(response.body).toContain("J'ai besoin d'aide");
    expect(response.body).not.toMatch(/\+\d{3} \d{2} \d{2}/);
  });
});

describe("closing and expiry", () => {
  it("takes no answer after the check-in is closed, by link or in the app", async () => {
    const closed = await t.request(demo.pcsaMali, { method: "POST", url: `/api/checkins/${checkin.id}/close` });
    expect(closed.json()).toMatchObject({ isOpen: false });
    const before = (await tally()).version;
    const link = await t.app.inject({ method: "POST", url: `/r/${tokenOf(links[2])}`, ...form("safe") });
    expect(link.statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/r/${tokenOf(links[2])}` })).body).toContain("This link is no longer valid.");
    expect((await tally()).version).toBe(before);
  });

  it("refuses a check-in that would close in the past, naming the field", async () => {
    const response = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/checkins",
      payload: { kind: "checkin", audience: { placeId: zone1.securityAreaId }, title: "Late", expiresAt: "2020-01-01T00:00:00Z" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "expiresAt", message: "must be in the future" }]);
  });
});

describe("the live tally", () => {
  it("streams the tally at once and again when an answer arrives", async () => {
    const open = (await t.request(demo.pcsaMali, { method: "POST", url: "/api/checkins", payload: { kind: "checkin", audience: { placeId: zone1.securityAreaId, zoneIds: [zone1.id] }, title: "Streamed" } })).json();
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const session = await t.login(demo.pcsaMali);
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/api/checkins/${open.id}/tally/stream`, { headers: { cookie: session.cookie, accept: "text/event-stream" }, signal: controller.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = "";
    const nextTally = async () => {
      for (;;) {
        const end = received.indexOf("\n\n");
        if (end >= 0) {
          const event = received.slice(0, end);
          received = received.slice(end + 2);
          if (event.startsWith("event: tally")) return JSON.parse(event.slice(event.indexOf("data: ") + 6)) as Tally;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("the stream ended");
        received += decoder.decode(value, { stream: true });
      }
    };
    expect((await nextTally()).totals.replied).toBe(0);
    const [recipient] = await t.database.query<{ person_id: string }>("select person_id from mass_message_recipients where message_id = $1 limit 1", [open.id]);
    await t.request(demo.pcsaMali, { method: "PUT", url: `/api/checkins/${open.id}/recipients/${recipient.person_id}/answer`, payload: { answer: "safe" } });
    expect((await nextTally()).totals).toMatchObject({ replied: 1, safe: 1 });
    controller.abort();
  });
});
