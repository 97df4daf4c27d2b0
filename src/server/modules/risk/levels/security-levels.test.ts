import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp, testPassword } from "../../../testing/test-app.ts";
import { readMail, startTestMailServer, waitFor } from "../../../testing/test-mail-server.ts";
import { securityLevelInForce } from "../index.ts";
import { decisionsTestKit } from "../risk-test-support.ts";

/**
 * The Security Level System (issue 4 §5, acceptance 5): propose → approve (DO) → endorse (UNDSS
 * desk officer), the level in force changing only at endorsement, and everyone assigned to the
 * area told in-app and through a real SMTP server. Runs on PostgreSQL too (TEST_DATABASE_URL).
 */
const deskOfficer = "desk.mali@vigil.example";
const newcomer = "awa.traore@unicef.example.org";
let t: TestApp;
let mail: Awaited<ReturnType<typeof startTestMailServer>>;
const kit = decisionsTestKit(() => t);
const { place, organisation, send, auditOf } = kit;

const levels = { armed_conflict: 4, terrorism: 5, crime: 3, civil_unrest: 3, hazards: 2 };
type Change = { id: string; status: string; overall: number; actions: string[]; proposedByName: string; approvedByName: string | null; endorsedByName: string | null };

async function propose(email: string, body: Record<string, unknown>) {
  return send(email, "POST", "/api/security-level-changes", { placeId: place("Mopti Security Area"), levels, overall: 5, ...body });
}
async function notificationsOf(email: string, changeId: string) {
  const response = await send(email, "GET", "/api/notifications?pageSize=200");
  return (response.json().items as { entityId: string; kind: string; title: string; body: string }[]).filter((item) => item.entityId === changeId);
}
async function overallInForce(email: string, placeName: string) {
  const response = await send(email, "GET", "/api/security-levels");
  expect(response.statusCode).toBe(200);
  return (response.json().items as { placeName: string; overall: number | null }[]).find((item) => item.placeName === placeName)?.overall;
}
/** Waits until every message about the change has left the outbox, then returns what the SMTP server got. */
async function deliveredAbout(changeId: string, kind: string) {
  await waitFor(`the e-mail about ${changeId}`, async () => {
    const rows = await t.database.query<{ status: string }>("select status from email_outbox where entity_id = $1 and kind = $2", [changeId, kind]);
    return rows.length > 0 && rows.every((row) => row.status === "sent") ? true : undefined;
  });
  return mail.received.map((item) => ({ to: item.to, ...readMail(item) })).filter((item) => item.header("X-Vigil-Entity") === `security_level_change/${changeId}` && item.header("X-Vigil-Kind") === kind);
}

beforeAll(async () => {
  mail = await startTestMailServer();
  t = await startTestApp({ SMTP_URL: mail.url, DELIVERY_RETRY_SECONDS: "1", BASE_URL: "https://vigil.example.org" });
  await kit.load();
  // A UNICEF staff member stationed at Sévaré (Mopti Security Area), with an account in French
  // (the demo password, so that the harness signs in as them).
  const person = await send(demo.pcsaMali, "POST", "/api/personnel", {
    organisationId: organisation("UNICEF"),
    dutyStationId: place("Sévaré"),
    givenName: "Awa",
    familyName: "Traoré",
    sex: "female",
    recruitmentType: "locally_recruited",
    category: "general_service",
  });
  expect(person.statusCode, person.body).toBe(201);
  const user = await send(demo.admin, "POST", "/api/users", { email: newcomer, displayName: "Awa Traoré", password: testPassword, personId: person.json().id, locale: "fr" });
  expect(user.statusCode, user.body).toBe(201);
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

describe("a security level change from proposal to endorsement", () => {
  let change: Change;

  it("lets the P/C/SA propose (the ASC may not), tells the DO, and refuses a second pending change (409)", async () => {
    expect((await propose(demo.ascMopti, {})).statusCode).toBe(403);
    const response = await propose(demo.pcsaMali, {});
    expect(response.statusCode, response.body).toBe(201);
    change = response.json();
    expect(change).toMatchObject({ status: "proposed", overall: 5, proposedByName: "P/C/SA Mali", approvedByName: null });
    expect(await notificationsOf(demo.doMali, change.id)).toMatchObject([{ kind: "security_level_proposed", title: "Security level change proposed: Mopti Security Area" }]);
    const second = await propose(demo.pcsaMali, { overall: 6 });
    expect(second.statusCode).toBe(409);
    expect(second.json().issues[0].field).toBe("placeId");
    // The demo's level in force for Mopti (4) stays until the change is endorsed.
    expect(await overallInForce(demo.staff, "Mopti Security Area")).toBe(4);
  });

  it("is approved by the DO only (the P/C/SA gets 403), and the proposer is told; the level in force does not change yet", async () => {
    expect((await send(demo.pcsaMali, "POST", `/api/security-level-changes/${change.id}/approve`)).statusCode).toBe(403);
    expect((await send(deskOfficer, "POST", `/api/security-level-changes/${change.id}/approve`)).statusCode).toBe(403);
    const response = await send(demo.doMali, "POST", `/api/security-level-changes/${change.id}/approve`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "approved", approvedByName: "DO Mali", endorsedByName: null });
    expect((await send(demo.doMali, "POST", `/api/security-level-changes/${change.id}/approve`)).statusCode).toBe(409);
    expect(await notificationsOf(demo.pcsaMali, change.id)).toMatchObject([{ kind: "security_level_approved" }]);
    expect(await notificationsOf(deskOfficer, change.id)).toMatchObject([{ kind: "security_level_approved" }]);
    const [message] = await deliveredAbout(change.id, "security_level_approved");
    expect(message.to).toEqual([demo.pcsaMali]);
    expect(await overallInForce(demo.staff, "Mopti Security Area")).toBe(4);
    // Until then Sévaré is at Mopti's level in force (the demo's).
    expect(await securityLevelInForce(t.database, place("Sévaré"))).toMatchObject({ areaName: "Mopti Security Area", overall: 4 });
  });

  it("is endorsed by the desk officer only (the DO gets 403); then it is in force and everyone assigned to the area is told", async () => {
    expect((await send(demo.doMali, "POST", `/api/security-level-changes/${change.id}/endorse`)).statusCode).toBe(403);
    const response = await send(deskOfficer, "POST", `/api/security-level-changes/${change.id}/endorse`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "endorsed", endorsedByName: "UNDSS Desk Officer Mali" });
    expect(await overallInForce(demo.staff, "Mopti Security Area")).toBe(5);
    expect(await overallInForce(demo.staff, "Bamako Security Area")).toBe(4);
    expect(await securityLevelInForce(t.database, place("Sévaré"))).toMatchObject({ areaName: "Mopti Security Area", overall: 5, levels });
    expect(await securityLevelInForce(t.database, place("Kati"))).toMatchObject({ areaName: "Bamako Security Area", overall: 4 });

    // In-app: the newcomer stationed at Sévaré (in French), the ASC of Mopti, the DO and the
    // UNICEF representative of Mali; not the Bamako warden nor staff working in DR Congo.
    const [french] = await notificationsOf(newcomer, change.id);
    expect(french).toMatchObject({ kind: "security_level_endorsed", title: "Nouveau niveau de sécurité en vigueur\u00a0: Mopti Security Area" });
    expect(french.body).toContain("Niveau global\u00a0: 5 (Élevé)");
    for (const email of [demo.ascMopti, demo.doMali, demo.repUnicefMali, demo.pcsaMali]) {
      const endorsed = (await notificationsOf(email, change.id)).filter((item) => item.kind === "security_level_endorsed");
      expect(endorsed, email).toMatchObject([{ title: "New security level in force: Mopti Security Area", body: "Overall level: 5 (High) (previously: 4 (Substantial))" }]);
    }
    for (const email of [demo.wardenBamako, demo.staff, demo.analyst]) {
      expect((await notificationsOf(email, change.id)).filter((item) => item.kind === "security_level_endorsed"), email).toEqual([]);
    }
    const perUser = await t.database.query<{ count: number }>(
      "select count(*)::int as count from notifications where entity_id = $1 and kind = 'security_level_endorsed' group by user_id having count(*) > 1",
      [change.id],
    );
    expect(perUser).toEqual([]);

    // E-mail: one message per person, through the real SMTP server.
    const messages = await deliveredAbout(change.id, "security_level_endorsed");
    const addresses = messages.flatMap((item) => item.to);
    expect(messages.every((item) => item.to.length === 1)).toBe(true);
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(addresses).toEqual(expect.arrayContaining([newcomer, demo.ascMopti, demo.doMali, demo.repUnicefMali]));
    expect(addresses).not.toContain(demo.wardenBamako);
    expect(addresses).not.toContain(demo.staff);
    const toNewcomer = messages.find((item) => item.to[0] === newcomer) as (typeof messages)[number];
    expect(toNewcomer.subject).toBe("[Vigil] Nouveau niveau de sécurité en vigueur\u00a0: Mopti Security Area — 5 (Élevé)");
    expect(toNewcomer.text).toContain("- Terrorisme\u00a0: 5 (Élevé)");
    expect(toNewcomer.text).toContain(`https://vigil.example.org/places/${place("Mopti Security Area")}`);
    const toAsc = messages.find((item) => item.to[0] === demo.ascMopti) as (typeof messages)[number];
    expect(toAsc.subject).toBe("[Vigil] New security level in force: Mopti Security Area — 5 (High)");

    const entries = await auditOf("security_level_change", change.id);
    expect(entries.map((entry) => entry.action)).toEqual(["propose", "approve", "endorse"]);
    expect(entries[2].changes.notified.to).toHaveLength(new Set(addresses).size);
    expect((await send(deskOfficer, "POST", `/api/security-level-changes/${change.id}/endorse`)).statusCode).toBe(409);
  });

  it("needs a justification for an overall level below the highest category (422 on justification)", async () => {
    const unjustified = await propose(demo.pcsaMali, { overall: 4 });
    expect(unjustified.statusCode).toBe(422);
    expect(unjustified.json().issues).toEqual([{ field: "justification", message: "is required when the overall level (4) is below the highest category level (5)" }]);
    const outOfRange = await propose(demo.pcsaMali, { levels: { ...levels, crime: 7 } });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().issues[0].field).toContain("crime");
  });

  it("keeps the history: a rejected change stays on record, tells the proposer why, and leaves the level in force", async () => {
    const proposed = await propose(demo.pcsaMali, { overall: 4, justification: "Terrorism threat confined to the Douentza axis, away from the UN presence." });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json().id;
    // Rejected at the proposal stage by the DO (the desk officer acts only once it is approved).
    expect((await send(deskOfficer, "POST", `/api/security-level-changes/${id}/reject`, { reason: "Not mine yet" })).statusCode).toBe(403);
    const rejected = await send(demo.doMali, "POST", `/api/security-level-changes/${id}/reject`, { reason: "Keep level 5 until the road reopens." });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({ status: "rejected", rejectedByName: "DO Mali", rejectionReason: "Keep level 5 until the road reopens." });
    expect(await notificationsOf(demo.pcsaMali, id)).toMatchObject([{ kind: "security_level_rejected" }]);
    const [message] = await deliveredAbout(id, "security_level_rejected");
    expect(message.to).toEqual([demo.pcsaMali]);
    expect(message.text).toContain("Reason for the rejection: Keep level 5 until the road reopens.");
    expect(await overallInForce(demo.staff, "Mopti Security Area")).toBe(5);

    const history = await send(demo.pcsaMali, "GET", `/api/places/${place("Mopti Security Area")}/security-levels`);
    expect(history.statusCode).toBe(200);
    expect(history.json().inForce).toMatchObject({ changeId: change.id, overall: 5 });
    expect((history.json().items as Change[]).map((item) => [item.status, item.overall])).toEqual([
      ["rejected", 4],
      ["endorsed", 5],
      // The demo's level for Mopti, endorsed before (issue 12 §3.10: every area has a level in force).
      ["endorsed", 4],
    ]);
    expect(history.json().items[1]).toMatchObject({ proposedByName: "P/C/SA Mali", approvedByName: "DO Mali", endorsedByName: "UNDSS Desk Officer Mali" });
    // Changes in the making are not for everyone: staff see the levels that were in force only.
    const asStaff = await send(demo.staff, "GET", `/api/places/${place("Mopti Security Area")}/security-levels`);
    expect((asStaff.json().items as Change[]).map((item) => item.status)).toEqual(["endorsed", "endorsed"]);
  });

  it("lets UNDSS reject an approved change, and not the DO once approved", async () => {
    const id = (await propose(demo.pcsaMali, { overall: 6 })).json().id;
    await send(demo.doMali, "POST", `/api/security-level-changes/${id}/approve`);
    const pending = await send(deskOfficer, "GET", "/api/security-levels");
    expect(pending.json().pendingCount).toBe(1);
    expect((pending.json().items as { placeName: string; pendingChange: { actions: string[] } | null }[]).find((item) => item.placeName === "Mopti Security Area")?.pendingChange?.actions).toEqual([
      "endorse",
      "reject",
    ]);
    expect((await send(demo.staff, "GET", "/api/security-levels")).json().items.every((item: { pendingChange: unknown }) => item.pendingChange === null)).toBe(true);
    expect((await send(demo.doMali, "POST", `/api/security-level-changes/${id}/reject`, { reason: "Changed my mind" })).statusCode).toBe(403);
    const rejected = await send(deskOfficer, "POST", `/api/security-level-changes/${id}/reject`, { reason: "Level 6 is not supported by the incident data." });
    expect(rejected.json()).toMatchObject({ status: "rejected", rejectedByName: "UNDSS Desk Officer Mali" });
  });

  it("answers 404 outside the caller's area, as for a change or place that does not exist", async () => {
    const haiti = await send(demo.pcsaMali, "POST", "/api/security-level-changes", { placeId: place("Haiti"), levels, overall: 5 });
    const missing = await send(demo.pcsaMali, "POST", "/api/security-level-changes", { placeId: crypto.randomUUID(), levels, overall: 5 });
    expect(haiti.statusCode).toBe(404);
    expect(haiti.json()).toEqual(missing.json());
    const station = await send(demo.pcsaMali, "POST", "/api/security-level-changes", { placeId: place("Bamako"), levels, overall: 5 });
    expect(station.json().issues).toEqual([{ field: "placeId", message: "must be a Designated Area or Security Area, not a duty station" }]);
  });
});
