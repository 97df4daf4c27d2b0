import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { readMail, startTestMailServer, waitFor } from "../../../testing/test-mail-server.ts";
import { drawnHex, drawnQr, hexOf, readQr } from "../../../testing/pdf-reading.ts";
import { qrMatrix, qrModulePoints } from "./clearance-pdf.ts";

/**
 * The clearance's documents (issue 13 §3–4) through the API and a real SMTP server: the demo
 * traveller's trip Bamako → Mopti → Bamako cleared by the ASC of Mopti; the briefing e-mailed
 * through the outbox (levels, conditions, incident counts, contacts); the clearance PDF whose QR
 * code, read back from the squares drawn in the PDF, opens the public verification page; the
 * page saying "not valid" once the trip is cancelled. Who may do what is in requests.matrix.ts.
 */
const traveller = "traveller.mali@vigil.example";
const baseUrl = "https://vigil.example.org";
let t: TestApp;
let mail: Awaited<ReturnType<typeof startTestMailServer>>;
let placeIds: Map<string, string>;
let travellerPerson: string;

const send = (email: string | null, method: "GET" | "POST" | "PATCH", url: string, options: { payload?: unknown; headers?: Record<string, string> } = {}) =>
  t.request(email, { method, url, payload: options.payload as never, headers: options.headers });
const place = (name: string) => placeIds.get(name) as string;
const day = (days: number, time: string) => `${addDays(todayIso(), days)}T${time}`;
const road = (from: string, to: string, days: number) => ({ fromPlaceId: place(from), toPlaceId: place(to), departureLocal: day(days, "07:00"), arrivalLocal: day(days, "16:00"), transport: "road" });

beforeAll(async () => {
  mail = await startTestMailServer();
  t = await startTestApp({ SMTP_URL: mail.url, DELIVERY_RETRY_SECONDS: "1", BASE_URL: baseUrl });
  placeIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from places")).map((row) => [row.name, row.id]));
  travellerPerson = (await send(traveller, "GET", "/api/auth/me")).json().personId;
  // Two critical incidents at Mopti three days ago: an abduction, and a sexual assault (need-to-know).
  const occurredAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
  const incidents = [
    { categoryCode: "abduction", description: "Briefing test: driver abducted at the Sévaré checkpoint.", peopleAffected: [{ outcome: "abducted", recruitmentType: "locally_recruited", sex: "male", count: 1 }] },
    { categoryCode: "sexual_assault", description: "Briefing test: restricted narrative.", peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "international", sex: "female", count: 1 }] },
  ];
  for (const incident of incidents) {
    const body = { occurredAt, timeZone: "Africa/Bamako", place: { dutyStationId: place("Mopti") }, source: "un_security", reporter: { name: "Briefing test" }, assetsAffected: [], ...incident };
    const created = await send(demo.pcsaMali, "POST", "/api/incidents", { payload: body });
    expect(created.statusCode, created.body).toBe(201);
    expect((await send(demo.pcsaMali, "POST", `/api/incidents/${created.json().id}/transition`, { payload: { to: "submitted" } })).statusCode).toBe(200);
  }
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

describe("a cleared trip's briefing, clearance PDF and verification", () => {
  let trip: { id: string; number: string; legs: { id: string }[] };
  let token: string;

  it("e-mails the traveller the briefing when the ASC of Mopti clears the trip", async () => {
    const filed = await send(traveller, "POST", "/api/travel/requests", {
      payload: { purpose: "Briefing test visit", travellers: [{ personId: travellerPerson }], legs: [road("Bamako", "Mopti", 25), road("Mopti", "Bamako", 28)] },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    trip = filed.json();
    expect((await send(traveller, "GET", `/api/travel/requests/${trip.id}/clearance.pdf`)).statusCode).toBe(409);
    const cleared = await send(demo.ascMopti, "POST", `/api/travel/legs/${trip.legs[0].id}/decision`, { payload: { decision: "clear", conditions: ["Daylight road movement only"] } });
    expect(cleared.json().status).toBe("cleared");
    [{ token }] = await t.database.query<{ token: string }>("select verification_token as token from travel_requests where id = $1", [trip.id]);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    await waitFor("the briefing e-mail", async () => {
      const rows = await t.database.query<{ status: string }>("select status from email_outbox where entity_id = $1 and kind = 'travel_briefing'", [trip.id]);
      return rows.length > 0 && rows.every((row) => row.status === "sent") ? true : undefined;
    });
    const messages = mail.received.map((item) => ({ to: item.to, ...readMail(item) })).filter((item) => item.header("X-Vigil-Entity") === `travel_request/${trip.id}`);
    expect(messages.map((message) => [message.to, message.header("X-Vigil-Kind")])).toEqual([[[traveller], "travel_briefing"]]);
    const [{ subject, text }] = messages;
    expect(subject).toBe(`Security briefing for your trip ${trip.number}`);
    // The area the trip goes to; Bamako, where it sets out from and returns, is home.
    expect(text).toContain("== Mopti Security Area ==");
    expect(text).not.toContain("== Bamako Security Area ==");
    expect(text).toContain("Security level in force: 4 (Substantial)");
    expect(text).toMatch(/ {2}Armed conflict: \d \(\w+\)/);
    expect(text).toContain("  - Daylight road movement only");
    const counts = await t.database.query<{ code: string; n: number }>(
      `select category_code as code, count(*)::int as n from incidents where place_path like $1 || '%' and status <> 'draft'
       and occurred_at > now() - interval '30 days' and category_code in ('abduction', 'sexual_assault') group by category_code order by category_code`,
      [(await t.database.query<{ path: string }>("select path from places where id = $1", [place("Mopti Security Area")]))[0].path],
    );
    expect(counts.map((row) => row.code)).toEqual(["abduction", "sexual_assault"]);
    expect(text).toContain("Critical incidents in the last 30 days:");
    expect(text).toContain(`  - Abduction: ${counts[0].n}`);
    expect(text).toContain(`  - Sexual assault: ${counts[1].n}`);
    // Counted, never described: no narrative reaches the briefing.
    expect(text).not.toContain("Briefing test:");
    expect(text).toMatch(/ {2}- Area Security Coordinator: .+ <asc\.mopti@vigil\.example>/);
    expect(text).toMatch(/ {2}- Designated Official: .+ <do\.mali@vigil\.example>/);
    expect(text).toContain(`${baseUrl}/travel/requests/${trip.id}`);
    expect(text).toContain(`${baseUrl}/api/travel/requests/${trip.id}/clearance.pdf`);
    expect(text).toContain(`${baseUrl}/api/travel/requests/${trip.id}/briefing.pdf`);
    // In-app, the "cleared" notice links to the trip.
    const notices = (await send(traveller, "GET", "/api/notifications?pageSize=100")).json().items as { entityId: string; kind: string }[];
    expect(notices.filter((item) => item.entityId === trip.id).map((item) => item.kind)).toContain("travel_cleared");
  });

  it("gives the same briefing as JSON and PDF to the trip's readers", async () => {
    const briefing = await send(traveller, "GET", `/api/travel/requests/${trip.id}/briefing`);
    expect(briefing.statusCode, briefing.body).toBe(200);
    const [mopti] = briefing.json().areas;
    expect(briefing.json().areas).toHaveLength(1);
    expect(mopti).toMatchObject({ name: "Mopti Security Area", level: { overall: 4, text: "4 (Substantial)" } });
    expect(mopti.conditions).toContain("Daylight road movement only");
    expect(mopti.incidents).toContainEqual({ categoryCode: "abduction", category: "Abduction", count: expect.any(Number) });
    expect(mopti.contacts).toContainEqual({ name: expect.any(String), role: "asc", roleLabel: "Area Security Coordinator", email: demo.ascMopti });
    const pdf = await send(demo.ascMopti, "GET", `/api/travel/requests/${trip.id}/briefing.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(drawnHex(pdf.rawPayload)).toContain(hexOf("Mopti Security Area"));
    expect((await send(demo.staff, "GET", `/api/travel/requests/${trip.id}/briefing`)).statusCode).toBe(404);
  });

  it("downloads the clearance PDF, whose QR code encodes the verification address", async () => {
    const response = await send(traveller, "GET", `/api/travel/requests/${trip.id}/clearance.pdf`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toContain(`clearance-${trip.number.toLowerCase()}.pdf`);
    const url = `${baseUrl}/verify/clearance/${token}`;
    const drawn = drawnQr(response.rawPayload, qrModulePoints);
    expect(drawn).toEqual(await qrMatrix(url));
    expect(readQr(drawn)).toBe(url);
    const hex = drawnHex(response.rawPayload);
    expect(hex).toContain(hexOf("Security clearance"));
    expect(hex).toContain(hexOf("Daylight road movement only"));
  });

  it("prints the clearance in French, with French typography, for a reader in French", async () => {
    await send(traveller, "PATCH", "/api/auth/me", { payload: { locale: "fr" } });
    const response = await send(traveller, "GET", `/api/travel/requests/${trip.id}/clearance.pdf`);
    await send(traveller, "PATCH", "/api/auth/me", { payload: { locale: "en" } });
    const hex = drawnHex(response.rawPayload);
    expect(hex).toContain(hexOf("Autorisation de s\u00e9curit\u00e9"));
    expect(hex).toContain(hexOf("Voyage\u00a0:"));
    expect(readQr(drawnQr(response.rawPayload, qrModulePoints))).toBe(`${baseUrl}/verify/clearance/${token}`);
  });

  it("opens a page saying the clearance is valid, with the trip number and nothing else, to anyone", async () => {
    const page = await send(null, "GET", `/verify/clearance/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.body).toContain(">VALID<");
    expect(page.body).toContain(trip.number);
    for (const secret of ["Mopti", "Bamako", "Staff member", "Daylight", "<script"]) expect(page.body).not.toContain(secret);
    expect(page.body.length).toBeLessThan(2500);
    const french = await send(null, "GET", `/verify/clearance/${token}`, { headers: { "accept-language": "fr-FR,fr;q=0.9,en;q=0.8" } });
    expect(french.body).toContain('<html lang="fr">');
    expect(french.body).toContain(">VALIDE<");
    const json = await send(null, "GET", `/api/travel/verify/${token}`);
    expect(json.json()).toMatchObject({ number: trip.number, isValid: true });
  });

  it("says not valid once the trip is cancelled, and the PDF is no longer issued", async () => {
    expect((await send(traveller, "POST", `/api/travel/requests/${trip.id}/cancel`, { payload: { reason: "Mission postponed" } })).statusCode).toBe(200);
    const page = await send(null, "GET", `/verify/clearance/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(">NOT VALID<");
    expect(page.body).toContain(trip.number);
    expect((await send(null, "GET", `/api/travel/verify/${token}`)).json()).toMatchObject({ number: trip.number, isValid: false });
    expect((await send(traveller, "GET", `/api/travel/requests/${trip.id}/clearance.pdf`)).statusCode).toBe(409);
  });

  it("answers an unknown code with the same page, not valid, and 404; in French too", async () => {
    const unknown = await send(null, "GET", `/verify/clearance/${"x".repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain(">NOT VALID<");
    const french = await send(null, "GET", `/verify/clearance/${"w".repeat(64)}`, { headers: { "accept-language": "fr" } });
    expect(french.statusCode).toBe(404);
    expect(french.body).toContain(">NON VALIDE<");
    // A code Vigil never issues in that shape is bad input, named as such.
    expect((await send(null, "GET", "/verify/clearance/not-a-code")).json().issues[0].field).toBe("token");
    expect((await send(null, "GET", `/api/travel/verify/${"y".repeat(43)}`)).statusCode).toBe(404);
  });

  it("gives a trip cleared by re-evaluation its code and briefing too (a new certificate unblocks it)", async () => {
    const [person] = await t.database.query<{ id: string }>(
      `select p.id from persons p join training_certificates c on c.person_id = p.id join training_courses k on k.id = c.course_id and k.code = 'BSAFE'
       where p.place_path like '%' || $1 || '%' group by p.id having max(c.expires_on) < current_date limit 1`,
      [place("Mali")],
    );
    const blocked = await send(demo.pcsaMali, "POST", "/api/travel/requests", { payload: { purpose: "Briefing test", travellers: [{ personId: person.id }], legs: [road("Bamako", "Kati", 40), road("Kati", "Bamako", 42)] } });
    expect(blocked.json()).toMatchObject({ status: "blocked", verificationUrl: null });
    const courses = (await send(demo.pcsaMali, "GET", "/api/training/courses")).json().items as { id: string; code: string }[];
    const courseId = courses.find((course) => course.code === "BSAFE")?.id;
    expect((await send(demo.pcsaMali, "POST", "/api/training/certificates", { payload: { personId: person.id, courseId, completedOn: todayIso() } })).statusCode).toBe(201);
    const after = (await send(demo.pcsaMali, "GET", `/api/travel/requests/${blocked.json().id}`)).json();
    expect(after.status).toBe("cleared");
    expect(after.verificationUrl).toMatch(new RegExp(`^${baseUrl}/verify/clearance/[\\w-]{43}$`));
    expect((await send(null, "GET", new URL(after.verificationUrl).pathname)).body).toContain(">VALID<");
    // Whoever filed it (the P/C/SA) is sent the briefing, besides the traveller if they have an account.
    const queued = await t.database.query<{ recipients: string[] }>("select recipients from email_outbox where entity_id = $1 and kind = 'travel_briefing'", [after.id]);
    expect(queued.map((row) => row.recipients)).toContainEqual([demo.pcsaMali]);
  });

  it("throttles a client that checks unknown codes, as sign-in throttles guesses", async () => {
    // Last in the file: every request here comes from the same address, which now has to wait.
    const check = () => send(null, "GET", `/verify/clearance/${"z".repeat(43)}`);
    let answer = await check();
    for (let tries = 0; answer.statusCode !== 429 && tries < 30; tries += 1) answer = await check();
    expect(answer.statusCode).toBe(429);
    expect(Number(answer.headers["retry-after"])).toBeGreaterThan(0);
    expect(answer.body).toContain("Too many unknown codes");
  });
});
