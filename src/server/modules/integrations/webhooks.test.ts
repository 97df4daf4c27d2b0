import { createHmac } from "node:crypto";
import { type IncomingHttpHeaders, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Webhooks: verifying an incident POSTs a signed `incident.verified` to a real HTTP receiver;
 * a sensitive incident goes without its narrative; a failing receiver is retried, then the
 * delivery is marked failed. Subscriptions are managed by the system administrator only.
 */
type Received = { path: string; headers: IncomingHttpHeaders; body: string };

let t: TestApp;
let receiver: Server;
let base = "";
const received: Received[] = [];
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;
const maxAttempts = 3;

function incidentBody(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: "2026-03-02T08:15:00Z",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: place("Bamako") },
    categoryCode: "road_traffic_accident",
    description: "A UN vehicle overturned on the RN6 (webhook test).",
    source: "un_security",
    reporter: { name: "Moussa Keita", contact: "+223 70 99 88 77" },
    peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 2 }],
    assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-4321" }],
    ...overrides,
  };
}

/** Records an incident as `reporter`, submits it, and has the P/C/SA of Mali verify it. */
async function verified(reporter: string, overrides: Record<string, unknown> = {}) {
  const created = await t.request(reporter, { method: "POST", url: "/api/incidents", payload: incidentBody(overrides) });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json() as { id: string };
  for (const [who, to] of [[reporter, "submitted"], [demo.pcsaMali, "verified"]]) {
    const moved = await t.request(who, { method: "POST", url: `/api/incidents/${id}/transition`, payload: { to } });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  return id;
}

async function subscribe(body: Record<string, unknown>) {
  const response = await t.request(demo.admin, { method: "POST", url: "/api/webhooks", payload: { eventTypes: ["incident.verified"], ...body } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; secret: string };
}

/** Polls until `find` returns something (generous timeout: tests never race the clock). */
async function waitFor<T>(what: string, find: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const deliveriesTo = (path: string, incidentId: string) => received.filter((item) => item.path === path && JSON.parse(item.body).data.id === incidentId);
const sign = (secret: string, body: string) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(request.url === "/fail" ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve()));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  t = await startTestApp({ DELIVERY_MAX_ATTEMPTS: String(maxAttempts), DELIVERY_RETRY_SECONDS: "1" });
  const rows = await t.database.query<{ id: string; name: string }>("select id, name from places");
  for (const row of rows) placeIds.set(row.name, row.id);
});
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe("incident.verified reaches subscribed systems", () => {
  let mali: { id: string; secret: string };
  let haiti: { id: string };
  let inactive: { id: string };

  beforeAll(async () => {
    mali = await subscribe({ name: "Mali receiver", url: `${base}/ok`, placeId: place("Mali") });
    haiti = await subscribe({ name: "Haiti receiver", url: `${base}/haiti`, placeId: place("Haiti") });
    inactive = await subscribe({ name: "Switched off", url: `${base}/off`, isActive: false });
  });

  it("POSTs a payload signed with the subscription's secret, with counts by outcome and never person ids", async () => {
    const persons = await t.request(demo.pcsaMali, { method: "GET", url: "/api/personnel?pageSize=1" });
    const personId = persons.json().items[0].id as string;
    const id = await verified(demo.pcsaMali, {
      peopleAffected: [
        { outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 2 },
        { outcome: "injured", recruitmentType: "international", sex: "female", count: 1, personId },
      ],
    });
    const [delivery] = await waitFor("the delivery to the Mali receiver", () => (deliveriesTo("/ok", id).length ? deliveriesTo("/ok", id) : undefined));
    expect(delivery.headers["content-type"]).toBe("application/json");
    expect(delivery.headers["x-vigil-event"]).toBe("incident.verified");
    expect(delivery.headers["x-vigil-signature"]).toBe(sign(mali.secret, delivery.body));
    expect(delivery.headers["x-vigil-signature"]).not.toBe(sign("another secret", delivery.body));
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ id: delivery.headers["x-vigil-delivery"], type: "incident.verified" });
    expect(body.data).toMatchObject({
      id,
      categoryCode: "road_traffic_accident",
      taxonomyVersion: 1,
      occurredAt: "2026-03-02T08:15:00.000Z",
      timeZone: "Africa/Bamako",
      place: { id: place("Bamako"), name: "Bamako" },
      affectsUn: true,
      isNearMiss: false,
      isSensitive: false,
      peopleAffected: { injured: 3 },
      description: "A UN vehicle overturned on the RN6 (webhook test).",
    });
    expect(body.data.place.path).toContain(place("Mali"));
    expect(delivery.body).not.toContain(personId);
    expect(delivery.body).not.toContain("Moussa Keita");

    // The receiver has the POST before the sender records its answer: the log is read until it does.
    const logged = await waitFor("the delivery recorded as delivered", async () => {
      const log = await t.request(demo.admin, { method: "GET", url: `/api/webhooks/${mali.id}/deliveries` });
      const [latest] = log.json().items as { status: string }[];
      return latest?.status === "pending" ? undefined : latest;
    });
    expect(logged).toMatchObject({ id: delivery.headers["x-vigil-delivery"], entityId: id, status: "delivered", attempts: 1, lastStatusCode: 204 });
  });

  it("leaves out the narrative of a sensitive incident", async () => {
    const narrative = "Narrative of the need-to-know list only (webhook test).";
    const id = await verified(demo.wardenBamako, {
      categoryCode: "sexual_assault",
      description: narrative,
      peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "international", sex: "female", count: 1 }],
      assetsAffected: [],
    });
    const [delivery] = await waitFor("the delivery of the sensitive incident", () => (deliveriesTo("/ok", id).length ? deliveriesTo("/ok", id) : undefined));
    const { data } = JSON.parse(delivery.body);
    expect(data).toMatchObject({ id, categoryCode: "sexual_assault", isSensitive: true, peopleAffected: { sexually_assaulted: 1 } });
    expect(data).not.toHaveProperty("description");
    expect(delivery.body).not.toContain(narrative);
    expect(delivery.body).not.toContain("Moussa Keita");
  });

  it("creates no delivery for a subscription limited to another area, nor for an inactive one", async () => {
    // Deliveries are written in the verifying transaction: none now means none ever.
    const none = await t.database.query("select id from webhook_deliveries where subscription_id in ($1, $2)", [haiti.id, inactive.id]);
    expect(none).toEqual([]);
    expect(received.filter((item) => item.path === "/haiti" || item.path === "/off")).toEqual([]);
  });

  it("retries a receiver that fails with exponential backoff, then marks the delivery failed", async () => {
    const failing = await subscribe({ name: "Broken receiver", url: `${base}/fail`, placeId: null });
    const id = await verified(demo.pcsaMali);
    const delivery = await waitFor(
      "the failing delivery to give up",
      async () => {
        const log = await t.request(demo.admin, { method: "GET", url: `/api/webhooks/${failing.id}/deliveries` });
        const [item] = log.json().items as { id: string; status: string }[];
        return item?.status === "failed" ? item : undefined;
      },
      60_000,
    );
    expect(delivery).toMatchObject({ attempts: maxAttempts, lastStatusCode: 500, lastError: "the receiver answered 500", nextAttemptAt: null });
    const attempts = deliveriesTo("/fail", id);
    expect(attempts).toHaveLength(maxAttempts);
    expect(new Set(attempts.map((item) => item.headers["x-vigil-delivery"]))).toEqual(new Set([delivery.id]));
    const list = await t.request(demo.admin, { method: "GET", url: "/api/webhooks?pageSize=50" });
    const summary = (list.json().items as { id: string; deliveries: Record<string, number> }[]).find((item) => item.id === failing.id);
    expect(summary?.deliveries).toEqual({ pending: 0, delivered: 0, failed: 1 });
  });
});

describe("managing subscriptions", () => {
  it("shows the secret only when creating, and audits every change without it", async () => {
    const created = await subscribe({ name: "Audited receiver", url: `${base}/audited`, placeId: place("Mali"), isActive: false });
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const patched = await t.request(demo.admin, {
      method: "PATCH",
      url: `/api/webhooks/${created.id}`,
      payload: { name: "Audited receiver (renamed)", isActive: true, placeId: null },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: "Audited receiver (renamed)", isActive: true, placeId: null, eventTypes: ["incident.verified"] });
    expect(patched.body).not.toContain(created.secret);
    const listed = await t.request(demo.admin, { method: "GET", url: "/api/webhooks?pageSize=50" });
    expect(listed.body).not.toContain(created.secret);
    expect((await t.request(demo.admin, { method: "DELETE", url: `/api/webhooks/${created.id}` })).statusCode).toBe(204);
    expect((await t.request(demo.admin, { method: "DELETE", url: `/api/webhooks/${created.id}` })).statusCode).toBe(404);

    const trail = await t.database.query<{ action: string; changes: Record<string, unknown> }>(
      "select action, changes from audit_log where entity_type = 'webhook_subscription' and entity_id = $1 order by seq",
      [created.id],
    );
    expect(trail.map((entry) => entry.action)).toEqual(["create", "update", "delete"]);
    expect(trail[1].changes).toMatchObject({ name: { from: "Audited receiver", to: "Audited receiver (renamed)" }, isActive: { from: false, to: true } });
    expect(JSON.stringify(trail)).not.toContain(created.secret);
    expect(JSON.stringify(trail)).not.toContain('"secret"');
    const [stored] = await t.database.query<{ n: number }>("select count(*)::int as n from webhook_subscriptions where id = $1", [created.id]);
    expect(stored.n).toBe(0);
  });

  it.each([
    { body: { url: "ftp://receiver.example.org/hook" }, field: "url" },
    { body: { url: "javascript:alert(1)" }, field: "url" },
    { body: { eventTypes: ["incident.created"] }, field: "eventTypes.0" },
    { body: { eventTypes: [] }, field: "eventTypes" },
  ])("refuses $body naming $field", async ({ body, field }) => {
    const response = await t.request(demo.admin, {
      method: "POST",
      url: "/api/webhooks",
      payload: { name: "Bad", url: `${base}/bad`, eventTypes: ["incident.verified"], ...body },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues.map((issue: { field: string }) => issue.field)).toContain(field);
  });

  it("refuses a place that does not exist, naming placeId", async () => {
    const response = await t.request(demo.admin, {
      method: "POST",
      url: "/api/webhooks",
      payload: { name: "Nowhere", url: `${base}/nowhere`, eventTypes: ["incident.verified"], placeId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "placeId", message: "names a place that does not exist" }]);
  });
});

describe("without SMTP_URL", () => {
  it("keeps working: a critical incident is submitted and its alert waits in the outbox", async () => {
    const created = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/incidents",
      payload: incidentBody({ categoryCode: "abduction", peopleAffected: [{ outcome: "abducted", recruitmentType: "locally_recruited", sex: "male", count: 1 }], assetsAffected: [] }),
    });
    const { id } = created.json() as { id: string };
    const moved = await t.request(demo.pcsaMali, { method: "POST", url: `/api/incidents/${id}/transition`, payload: { to: "submitted" } });
    expect(moved.statusCode).toBe(200);
    const rows = await t.database.query<{ status: string; attempts: number }>("select status, attempts from email_outbox where entity_id = $1", [id]);
    expect(rows).toEqual([{ status: "pending", attempts: 0 }]);
    expect((await t.request(demo.doMali, { method: "GET", url: "/api/notifications?unreadOnly=true" })).json().items[0].entityId).toBe(id);
  });
});
