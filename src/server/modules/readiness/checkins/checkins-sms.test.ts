import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { waitFor } from "../../../testing/test-mail-server.ts";
import { startTestSmppServer } from "../../../testing/test-smpp-server.ts";

/**
 * Check-ins by SMS (issue 14 §4), against a real SMPP server standing for the operator: each person
 * with a mobile number gets an SMS with their reply link (a long one as one concatenated message),
 * answers by replying 1, 2 or 3, and an SMS Vigil cannot place is answered with the keywords.
 */
let t: TestApp;
let operator: Awaited<ReturnType<typeof startTestSmppServer>>;
let zone1: { id: string; securityAreaId: string };
let checkinId: string;
const phone = "+223 76 12 34 56";

const tally = async () => (await t.request(demo.pcsaMali, { method: "GET", url: `/api/checkins/${checkinId}/tally` })).json() as { totals: Record<string, number>; byChannel: Record<string, number> };

beforeAll(async () => {
  operator = await startTestSmppServer();
  t = await startTestApp({ SMPP_URL: operator.url, SMS_SENDER: "UNDSS", DELIVERY_RETRY_SECONDS: "1", BASE_URL: "https://vigil.test" });
  const zones = (await t.request(demo.pcsaMali, { method: "GET", url: "/api/warden-zones" })).json().items as { id: string; name: string; securityAreaId: string }[];
  zone1 = zones.find((zone) => zone.name.startsWith("Zone 1")) as typeof zone1;
  // One person of the zone gets a number this test dials from.
  await t.database.query(
    "update person_private set mobile = $1 where person_id = (select person_id from warden_zone_households where zone_id = $2 order by person_id limit 1)",
    [phone, zone1.id],
  );
});
afterAll(async () => {
  await t.close();
  await operator.close();
});

describe("a check-in by SMS", () => {
  it("sends each person with a mobile number an SMS with their own reply link, from the configured sender", async () => {
    const response = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/checkins",
      payload: { kind: "checkin", audience: { placeId: zone1.securityAreaId, zoneIds: [zone1.id] }, title: "Curfew from 20:00", channels: { app: false, email: false, sms: true } },
    });
    expect(response.statusCode, response.body).toBe(201);
    checkinId = response.json().id;
    const [{ mobiles }] = await t.database.query<{ mobiles: number }>("select count(*) filter (where has_mobile)::int as mobiles from mass_message_recipients where message_id = $1", [checkinId]);
    expect(mobiles).toBeGreaterThan(5);
    await waitFor("the SMS", async () => {
      const [{ sent }] = await t.database.query<{ sent: number }>("select count(*)::int as sent from sms_outbox where entity_id = $1 and status = 'sent'", [checkinId]);
      return sent === mobiles ? true : undefined;
    });
    const mine = operator.submitted.filter((sms) => sms.to === "+22376123456");
    expect(mine.length).toBeGreaterThan(0);
    const text = mine.map((sms) => sms.text).join("");
    expect(text).toContain("Curfew from 20:00. Are you safe? Reply 1 = safe, 2 = need help, 3 = not in the area.");
    expect(text).toMatch(/https:\/\/vigil\.test\/r\/[0-9a-z]+\.[A-Za-z0-9_-]{16}/);
    expect(mine.every((sms) => sms.from === "UNDSS")).toBe(true);
  });

  it("sends a text too long for one SMS as parts with a concatenation header, as many as the outbox counted", async () => {
    const before = operator.submitted.length;
    const title = "Road closures";
    const body = `${"The bridge, the airport road and the market are closed. ".repeat(4).trim()} Stay where you are.`;
    const response = await t.request(demo.pcsaMali, {
      method: "POST",
      url: "/api/checkins",
      payload: { kind: "broadcast", audience: { placeId: zone1.securityAreaId, zoneIds: [zone1.id] }, title, body, channels: { app: false, email: false, sms: true } },
    });
    expect(response.statusCode, response.body).toBe(201);
    const id = response.json().id;
    const rows = await waitFor("the long SMS", async () => {
      const found = await t.database.query<{ parts: number; status: string; smsc: number }>("select parts, status, cardinality(smsc_ids)::int as smsc from sms_outbox where entity_id = $1", [id]);
      return found.length > 0 && found.every((row) => row.status === "sent") ? found : undefined;
    });
    expect(rows.every((row) => row.parts === 2 && row.smsc === 2)).toBe(true);
    const sent = operator.submitted.slice(before);
    expect(sent.length).toBe(rows.length * 2);
    expect(sent.every((sms) => sms.hasUdh)).toBe(true);
  });

  it("records an answer sent back by SMS, matching the number whatever its format", async () => {
    await operator.fromPhone("0022376123456", "1 all fine here");
    await waitFor("the SMS answer", async () => ((await tally()).totals.safe === 1 ? true : undefined));
    expect((await tally()).byChannel.sms).toBe(1);
    await operator.fromPhone("76123456", "aide");
    await waitFor("the changed answer", async () => ((await tally()).totals.need_help === 1 ? true : undefined));
    expect((await tally()).totals.safe).toBe(0);
  });

  it("answers with the keywords an SMS with no answer in it, or from a number no open check-in knows, and records nothing", async () => {
    const before = (await tally()).totals.replied;
    await operator.fromPhone("+22376123456", "what is this?");
    await operator.fromPhone("+22399990000", "1");
    for (const number of ["+22376123456", "+22399990000"]) {
      await waitFor(`the keywords to ${number}`, () => (operator.submitted.some((sms) => sms.to === number && sms.text.startsWith("Vigil: reply 1 (safe)")) ? true : undefined));
    }
    expect((await tally()).totals.replied).toBe(before);
    const logged = await t.database.query<{ changes: { reason: { to: string } } }>("select changes from audit_log where action = 'sms_not_understood' order by seq");
    // Both SMS are handled at once: their entries may be written in either order.
    expect(logged.map((row) => row.changes.reason.to).sort()).toEqual(["no answer in the text", "no open check-in for this number"]);
  });
});
