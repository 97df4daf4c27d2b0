import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { renderNotification } from "../../../../core/notifications/notification-messages.ts";
import { todayIso } from "../../../platform/clock.ts";
import { systemContext } from "../../../platform/http/context.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { catchUpAlerts } from "./alerts.service.ts";

/**
 * In-trip alerts (issue 13 §4, acceptance 3 through the API): raising Mopti's security level sends
 * the cleared trip there back to review and tells its traveller (once: the re-evaluation's notice);
 * the travellers in Mopti now and those due within 72 hours hear of the new level and of a flash
 * alert, not those due later nor those elsewhere; the alert's travellers are listed for the P/C/SA
 * (contacts need-to-know, the read audited) and answered 404 out of scope. Who may: alerts.matrix.ts.
 *
 * The people: the Mali traveller (a cleared trip to Mopti in 20 days), and, on travel
 * notifications, the Bamako warden (in Mopti now), the staff member of DR Congo (arriving
 * tomorrow), WFP's focal point (arriving in 5 days) and the ASC of Mopti (at Kati now, in Bamako
 * Security Area). Whoever already holds a notice about the same change or incident (the
 * endorsement goes to everyone assigned to the area) is not told again.
 */
const traveller = "traveller.mali@vigil.example";
const desk = "desk.mali@vigil.example";
let t: TestApp;
let placeIds: Map<string, string>;
const personOf = new Map<string, string>();

const send = (email: string | null, method: "GET" | "POST", url: string, payload?: unknown) => t.request(email, { method, url, payload: payload as never });
const place = (name: string) => placeIds.get(name) as string;
const day = (days: number, time = "07:00") => `${addDays(todayIso(), days)}T${time}`;
const road = (from: string, to: string, days: number) => ({ fromPlaceId: place(from), toPlaceId: place(to), departureLocal: day(days), arrivalLocal: day(days, "16:00"), transport: "road" });

type Trip = { id: string; number: string; status: string; legs: { id: string; status: string }[] };

/** A travel notification the P/C/SA records for a person (the staff member records their own): there and back. */
async function notified(email: string, to: string, out: number, back: number, from = "Bamako"): Promise<Trip> {
  const response = await send(email === demo.staff ? email : demo.pcsaMali, "POST", "/api/travel/requests", {
    kind: "notification",
    purpose: "Field visit",
    isLateNotification: out < 0,
    travellers: [{ personId: personOf.get(email) }],
    legs: [road(from, to, out), road(to, from, back)],
  });
  expect(response.statusCode, response.body).toBe(201);
  expect(response.json().status).toBe("notified");
  return response.json();
}

type Notice = { entityId: string; entityType: string; kind: string; title: string; body: string };
/** The in-trip alerts a user holds about an incident or a level change. */
const noticesOf = async (email: string, entityId: string): Promise<Notice[]> =>
  ((await send(email, "GET", "/api/notifications?pageSize=200")).json().items as Notice[]).filter((item) => item.entityId === entityId && item.kind === "travel_alert");
const tripNotices = async (email: string, tripId: string): Promise<Notice[]> =>
  ((await send(email, "GET", "/api/notifications?pageSize=200")).json().items as Notice[]).filter((item) => item.entityId === tripId);
const mailTo = (email: string, entityId: string) =>
  t.database.query<{ subject: string; text: string }>("select subject, text from email_outbox where entity_id = $1 and kind = 'travel_alert' and $2 = any(recipients)", [entityId, email]);

const here = demo.wardenBamako;
const soon = demo.staff;
const later = demo.sfpWfpMali;
const elsewhere = demo.ascMopti;
const trips = new Map<string, Trip>();
let stationOfStaff: string;
let changeId: string;

beforeAll(async () => {
  t = await startTestApp();
  placeIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from places")).map((row) => [row.name, row.id]));
  for (const email of [traveller, here, soon, later, elsewhere]) personOf.set(email, (await send(email, "GET", "/api/auth/me")).json().personId);
  const [station] = await t.database.query<{ name: string }>("select pl.name from persons p join places pl on pl.id = p.duty_station_id where p.id = $1", [personOf.get(soon)]);
  stationOfStaff = station.name;
  trips.set(here, await notified(here, "Mopti", -1, 2));
  trips.set(soon, await notified(soon, "Mopti", 1, 4, stationOfStaff));
  trips.set(later, await notified(later, "Mopti", 5, 8));
  trips.set(elsewhere, await notified(elsewhere, "Kati", -1, 1));
});
afterAll(() => t.close());

describe("a security level raised in Mopti", () => {
  let cleared: Trip;

  it("sends the cleared trip there back to review and tells its traveller, once", async () => {
    const [activity] = await t.database.query<{ key: string }>("select key from srm_activities where name like 'Refugee registration%' limit 1");
    const filed = await send(traveller, "POST", "/api/travel/requests", {
      purpose: "Monitoring visit",
      travellers: [{ personId: personOf.get(traveller) }],
      legs: [road("Bamako", "Mopti", 20), road("Mopti", "Bamako", 23)],
      activityKey: activity.key,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    cleared = filed.json();
    expect((await send(demo.ascMopti, "POST", `/api/travel/legs/${cleared.legs[0].id}/decision`, { decision: "clear" })).statusCode).toBe(200);
    expect((await send(traveller, "GET", `/api/travel/requests/${cleared.id}`)).json().status).toBe("cleared");

    const levels = { armed_conflict: 5, terrorism: 5, crime: 3, civil_unrest: 3, hazards: 4 };
    const change = await send(demo.pcsaMali, "POST", "/api/security-level-changes", { placeId: place("Mopti Security Area"), levels, overall: 5 });
    expect(change.statusCode, change.body).toBe(201);
    changeId = change.json().id;
    expect((await send(demo.doMali, "POST", `/api/security-level-changes/${changeId}/approve`)).statusCode).toBe(200);
    expect((await send(desk, "POST", `/api/security-level-changes/${changeId}/endorse`)).statusCode).toBe(200);

    expect((await send(traveller, "GET", `/api/travel/requests/${cleared.id}`)).json().status).toBe("under_review");
    expect((await tripNotices(traveller, cleared.id)).map((item) => item.title)).toContain(`Trip back to review: ${cleared.number}`);
    // Back in review, the trip is no longer cleared: no second message about the same change.
    expect(await noticesOf(traveller, changeId)).toEqual([]);
  });

  it("tells the travellers in Mopti and those due within 72 hours, in-app and by e-mail, not the others", async () => {
    const [now] = await noticesOf(here, changeId);
    expect(now).toMatchObject({ kind: "travel_alert", entityType: "security_level_change", title: "New security level: Mopti Security Area" });
    expect(now.body).toContain("is now 5 (High). You are in Mopti Security Area.");
    const [tomorrow] = await noticesOf(soon, changeId);
    expect(tomorrow.body).toContain(`You are due to arrive in Mopti Security Area on ${addDays(todayIso(), 1)}`);
    expect(await noticesOf(later, changeId)).toEqual([]);
    expect(await noticesOf(elsewhere, changeId)).toEqual([]);
    expect(await mailTo(here, changeId)).toHaveLength(1);
    expect((await mailTo(soon, changeId))[0].text).toContain(`/travel/requests/${trips.get(soon)?.id}`);
    expect(await mailTo(later, changeId)).toHaveLength(0);
  });
});

describe("a flash alert in Mopti", () => {
  let incidentId: string;

  it("tells the travellers there and those arriving within 72 hours, not those arriving later nor elsewhere", async () => {
    const created = await send(demo.pcsaMali, "POST", "/api/incidents", {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      timeZone: "Africa/Bamako",
      place: { dutyStationId: place("Mopti") },
      categoryCode: "abduction",
      description: "Two drivers were taken at a false checkpoint on the Sévaré road.",
      source: "un_security",
      reporter: { name: "Aminata Diallo", contact: "+223 70 11 22 33" },
      peopleAffected: [{ outcome: "abducted", recruitmentType: "locally_recruited", sex: "male", count: 2 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    incidentId = created.json().id;
    const submitted = await send(demo.pcsaMali, "POST", `/api/incidents/${incidentId}/transition`, { to: "submitted" });
    expect(submitted.statusCode, submitted.body).toBe(200);

    const [now] = await noticesOf(here, incidentId);
    expect(now).toMatchObject({ kind: "travel_alert", title: "Security alert: Mopti Security Area" });
    expect(now.body).toContain("Critical incident reported (Abduction) at Mopti, Mopti Security Area. You are in Mopti Security Area.");
    expect(now.body).not.toContain("false checkpoint");
    expect((await noticesOf(soon, incidentId)).map((item) => item.kind)).toEqual(["travel_alert"]);
    expect(await noticesOf(later, incidentId)).toEqual([]);
    expect(await noticesOf(elsewhere, incidentId)).toEqual([]);
    // The traveller whose trip went back to review is not on a cleared trip now.
    expect(await noticesOf(traveller, incidentId)).toEqual([]);
    expect(await mailTo(here, incidentId)).toHaveLength(1);
    expect((await mailTo(soon, incidentId))[0].subject).toBe("[Vigil] Security alert: Mopti Security Area");
  });

  it("tells no one twice, and its catch-up pass tells whoever is due since", async () => {
    const context = systemContext(t.database);
    expect((await catchUpAlerts(context)).told).toBe(0);
    expect(await noticesOf(here, incidentId)).toHaveLength(1);
    await notified(elsewhere, "Mopti", 2, 6);
    const caught = await catchUpAlerts(context);
    expect(caught.flashAlerts).toBeGreaterThanOrEqual(1);
    // The flash alert, to the ASC now due in Mopti (of the level change they heard as assigned there).
    expect(caught.told).toBe(1);
    expect(await noticesOf(elsewhere, changeId)).toEqual([]);
    expect(await noticesOf(elsewhere, incidentId)).toHaveLength(1);
    expect(await mailTo(elsewhere, incidentId)).toHaveLength(1);
  });

  it("lists the travellers for the P/C/SA: counts, who, trips and contacts (need-to-know, audited)", async () => {
    const response = await send(demo.pcsaMali, "GET", `/api/travel/alerts/incidents/${incidentId}/travellers`);
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json();
    expect(list).toMatchObject({ area: { name: "Mopti Security Area" }, windowHours: 72, present: 1, arriving: 2 });
    const rows = list.travellers as { name: string; number: string; requestId: string; presence: string; whereName: string; contacts: unknown }[];
    expect(rows.map((row) => [row.presence, row.requestId])).toEqual([
      ["present", trips.get(here)?.id],
      ["arriving", trips.get(soon)?.id],
      ["arriving", expect.any(String)],
    ]);
    expect(rows.every((row) => row.whereName === "Mopti" && row.contacts !== null)).toBe(true);
    const audited = await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where entity_id = $1 and action = 'read_sensitive'", [incidentId]);
    expect(audited[0].n).toBe(1);
    const personReads = await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where entity_id = $1 and action = 'read_sensitive'", [personOf.get(here)]);
    expect(personReads[0].n).toBeGreaterThanOrEqual(1);
  });

  it("shows the DO who is there without their contacts, and answers 404 out of scope, 403 without the right", async () => {
    const forDo = await send(demo.doMali, "GET", `/api/travel/alerts/incidents/${incidentId}/travellers`);
    expect(forDo.statusCode).toBe(200);
    expect((forDo.json().travellers as { contacts: unknown }[]).every((row) => row.contacts === null)).toBe(true);
    const bamako = await send(demo.pcsaMali, "POST", "/api/incidents", {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      timeZone: "Africa/Bamako",
      place: { dutyStationId: place("Bamako") },
      categoryCode: "road_traffic_accident",
      description: "A minor accident.",
      source: "un_security",
      reporter: { name: "Aminata Diallo", contact: "+223 70 11 22 33" },
      peopleAffected: [],
      assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-1234" }],
    });
    expect(bamako.statusCode, bamako.body).toBe(201);
    expect((await send(demo.ascMopti, "GET", `/api/travel/alerts/incidents/${bamako.json().id}/travellers`)).statusCode).toBe(404);
    expect((await send(demo.sfpWfpMali, "GET", `/api/travel/alerts/incidents/${incidentId}/travellers`)).statusCode).toBe(403);
    expect((await send(demo.pcsaMali, "GET", "/api/travel/alerts/incidents/00000000-0000-4000-8000-000000000000/travellers")).statusCode).toBe(404);
  });
});

describe("a flash alert for a sensitive incident", () => {
  it("tells the travellers only that a serious incident was reported in the area", async () => {
    const created = await send(demo.pcsaMali, "POST", "/api/incidents", {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      timeZone: "Africa/Bamako",
      place: { dutyStationId: place("Mopti") },
      categoryCode: "sexual_assault",
      description: "Narrative restricted to the need-to-know list.",
      source: "un_security",
      reporter: { name: "Aminata Diallo", contact: "+223 70 11 22 33" },
      peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "international", sex: "female", count: 1 }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await send(demo.pcsaMali, "POST", `/api/incidents/${id}/transition`, { to: "submitted" })).statusCode).toBe(200);
    const [notice] = await noticesOf(here, id);
    expect(notice.body).toContain("A serious incident was reported in Mopti Security Area.");
    expect(notice.body).not.toMatch(/sexual|Mopti,|Narrative/i);
    const [mail] = await mailTo(here, id);
    expect(mail.text).not.toMatch(/sexual|Narrative/i);
  });
});

describe("the words of an in-trip alert", () => {
  it("never describes a sensitive incident, and reads in French", () => {
    const sensitive = renderNotification(
      { key: "travel_alert", params: { kind: "flash_alert", categoryCode: null, placeName: null, areaName: "Mopti Security Area", arrivesAt: null } },
      "fr",
    );
    expect(sensitive.title).toBe("Alerte de sécurité\u00A0: Mopti Security Area");
    expect(sensitive.body).toContain("Un incident grave a été signalé dans la zone Mopti Security Area.");
  });
});
