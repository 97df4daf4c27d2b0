import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { systemContext } from "../../../platform/http/context.ts";
import { reEvaluateAll } from "./reevaluate.service.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * Travel requests and clearance (issue 13 §3, acceptance 1–3 through the API): a two-leg trip
 * Bamako → Mopti → Bamako whose Bamako leg is cleared at once (Bamako's rules clear level 4
 * automatically) and whose Mopti leg waits for the ASC of Mopti; the checks on the itinerary; an
 * expired BSAFE blocking a trip until a new certificate is recorded; a level raised in Mopti
 * sending the cleared trip back to review. Who may do what is in requests.matrix.ts.
 */
const traveller = "traveller.mali@vigil.example";
const desk = "desk.mali@vigil.example";
let t: TestApp;
let placeIds: Map<string, string>;
let travellerPerson: string;

type Leg = { id: string; status: string; reviewer: string; reasons: { code: string; text: string }[]; conditions: string[]; canDecide: boolean };
type Trip = { id: string; number: string; status: string; legs: Leg[]; history: { action: string }[]; actions: string[] };

const send = (email: string | null, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) => t.request(email, { method, url, payload: payload as never });
const place = (name: string) => placeIds.get(name) as string;
const day = (days: number, time = "07:00") => `${addDays(todayIso(), days)}T${time}`;
const road = (from: string, to: string, days: number) => ({ fromPlaceId: place(from), toPlaceId: place(to), departureLocal: day(days), arrivalLocal: day(days, "16:00"), transport: "road" });
const roundTrip = (days: number) => [road("Bamako", "Mopti", days), road("Mopti", "Bamako", days + 3)];
const file = (email: string, body: Record<string, unknown>) => send(email, "POST", "/api/travel/requests", { purpose: "Monitoring visit", ...body });
const notificationsOf = async (email: string, tripId: string) =>
  ((await send(email, "GET", "/api/notifications?pageSize=100")).json().items as { entityId: string; kind: string; title: string; body: string }[]).filter((item) => item.entityId === tripId);

beforeAll(async () => {
  t = await startTestApp();
  placeIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from places")).map((row) => [row.name, row.id]));
  travellerPerson = (await send(traveller, "GET", "/api/auth/me")).json().personId;
});
afterAll(() => t.close());

describe("a trip Bamako → Mopti → Bamako", () => {
  let trip: Trip;

  it("clears the Bamako leg at once and sends the Mopti leg to the area's reviewers, with the reasons", async () => {
    const response = await file(traveller, { travellers: [{ personId: travellerPerson }], legs: roundTrip(20) });
    expect(response.statusCode, response.body).toBe(201);
    trip = response.json();
    expect((await send(traveller, "GET", `/api/travel/requests/${trip.id}`)).json(), "the answer is what a read of the trip shows").toEqual(trip);
    expect(trip.number).toMatch(/^TR-\d{4}-\d{6}$/);
    expect(trip.status).toBe("under_review");
    expect(trip.legs.map((leg) => [leg.status, leg.reviewer])).toEqual([
      ["review", "area"],
      ["cleared", "none"],
    ]);
    expect(trip.legs[0].reasons).toEqual([{ code: "level_review", text: "Security level 4 is above the automatic level (2): the area's security reviews it" }]);
    expect(trip.legs[1].reasons.map((reason) => reason.code)).toEqual(["level_auto"]);
    expect(trip.legs.every((leg) => !leg.canDecide)).toBe(true);
  });

  it("puts the Mopti leg in the queue of the ASC of Mopti and the P/C/SA, tells them, and not the DO", async () => {
    const queueOf = async (email: string) => ((await send(email, "GET", "/api/travel/queue")).json().items as { legId: string }[]).map((item) => item.legId);
    expect(await queueOf(demo.ascMopti)).toContain(trip.legs[0].id);
    expect(await queueOf(demo.pcsaMali)).toContain(trip.legs[0].id);
    expect(await queueOf(demo.doMali)).not.toContain(trip.legs[0].id);
    expect((await notificationsOf(demo.ascMopti, trip.id)).map((item) => item.title)).toEqual([`Trip awaiting your clearance: ${trip.number}`]);
  });

  it("refuses a second trip of the same traveller at the same time, naming it (409)", async () => {
    const clash = await file(traveller, { travellers: [{ personId: travellerPerson }], legs: [road("Bamako", "Mopti", 21)] });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().issues[0]).toMatchObject({ field: "travellers.0" });
    expect(clash.json().issues[0].message).toContain(`is already on trip ${trip.number}`);
  });

  it("is cleared with conditions by the ASC of Mopti; the traveller is told and acknowledges them", async () => {
    const refusedToDo = await send(demo.doMali, "POST", `/api/travel/legs/${trip.legs[0].id}/decision`, { decision: "clear" });
    expect(refusedToDo.statusCode).toBe(403);
    const missingNote = await send(demo.ascMopti, "POST", `/api/travel/legs/${trip.legs[0].id}/decision`, { decision: "refuse" });
    expect(missingNote.statusCode).toBe(400);
    const cleared = await send(demo.ascMopti, "POST", `/api/travel/legs/${trip.legs[0].id}/decision`, { decision: "clear", conditions: ["Daylight road movement only"] });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().status).toBe("cleared");
    const again = await send(demo.ascMopti, "POST", `/api/travel/legs/${trip.legs[0].id}/decision`, { decision: "clear" });
    expect(again.statusCode).toBe(409);
    const read: Trip = (await send(traveller, "GET", `/api/travel/requests/${trip.id}`)).json();
    // The reviewer's condition is added to those the area's SRM measures set for travel.
    expect(read.legs[0].status).toBe("cleared");
    expect(read.legs[0].conditions).toContain("Daylight road movement only");
    expect(read.history.map((step) => step.action)).toEqual(["filed", "evaluated", "cleared_with_conditions"]);
    expect(read.actions).toEqual(["cancel", "acknowledge"]);
    expect((await notificationsOf(traveller, trip.id)).map((item) => item.title)).toEqual([`Trip cleared: ${trip.number}`]);
    expect((await send(traveller, "POST", `/api/travel/requests/${trip.id}/acknowledge`)).statusCode).toBe(200);
    expect((await send(traveller, "GET", `/api/travel/requests/${trip.id}`)).json().actions).toEqual(["cancel"]);
  });

  it("audits a read of the itinerary by anyone but the traveller", async () => {
    await send(demo.ascMopti, "GET", `/api/travel/requests/${trip.id}`);
    const reads = await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where entity_id = $1 and action = 'read_sensitive'", [trip.id]);
    expect(reads[0].n).toBeGreaterThanOrEqual(1);
  });

  it("goes back to review when Mopti's level rises, and the traveller is told", async () => {
    const [activity] = await t.database.query<{ key: string }>("select key from srm_activities where name like 'Refugee registration%' limit 1");
    const withActivity = await file(traveller, { travellers: [{ personId: travellerPerson }], legs: roundTrip(40), activityKey: activity.key });
    const second: Trip = withActivity.json();
    await send(demo.ascMopti, "POST", `/api/travel/legs/${second.legs[0].id}/decision`, { decision: "clear" });
    expect((await send(traveller, "GET", `/api/travel/requests/${second.id}`)).json().status).toBe("cleared");

    const levels = { armed_conflict: 5, terrorism: 5, crime: 3, civil_unrest: 3, hazards: 4 };
    const change = (await send(demo.pcsaMali, "POST", "/api/security-level-changes", { placeId: place("Mopti Security Area"), levels, overall: 5 })).json();
    expect((await send(demo.doMali, "POST", `/api/security-level-changes/${change.id}/approve`)).statusCode).toBe(200);
    expect((await send(desk, "POST", `/api/security-level-changes/${change.id}/endorse`)).statusCode).toBe(200);

    const after: Trip = (await send(traveller, "GET", `/api/travel/requests/${second.id}`)).json();
    expect(after.status).toBe("under_review");
    expect(after.legs[0]).toMatchObject({ status: "review", reviewer: "do" });
    expect(after.history.map((step) => step.action)).toContain("re_evaluated");
    const told = await notificationsOf(traveller, second.id);
    expect(told.map((item) => item.title)).toContain(`Trip back to review: ${second.number}`);
    // The first trip, without an activity, cannot go ahead at level 5 at all.
    expect((await send(traveller, "GET", `/api/travel/requests/${trip.id}`)).json().status).toBe("blocked");
  });
});

describe("the checks before any decision", () => {
  it("names each field at fault, in the caller's language", async () => {
    await send(traveller, "PATCH", "/api/auth/me", { locale: "fr" });
    const backwards = await file(traveller, { travellers: [{ personId: travellerPerson }], legs: [{ ...road("Bamako", "Mopti", 60), arrivalLocal: day(59) }] });
    await send(traveller, "PATCH", "/api/auth/me", { locale: "en" });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().issues).toEqual([{ field: "legs.0.arrivalLocal", message: "doit suivre le départ" }]);
  });

  it("refuses a departure in the past unless recorded as a late notification, which a reviewer decides", async () => {
    const past = await file(traveller, { travellers: [{ personId: travellerPerson }], legs: [road("Bamako", "Kati", -1), road("Kati", "Bamako", 1)] });
    expect(past.statusCode).toBe(422);
    expect(past.json().issues[0].field).toBe("legs.0.departureLocal");
    const late = await file(traveller, { travellers: [{ personId: travellerPerson }], legs: [road("Bamako", "Kati", -1), road("Kati", "Bamako", 1)], isLateNotification: true });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().legs[0].reasons.map((reason: { code: string }) => reason.code)).toContain("late_notification");
  });

  it("refuses places that do not exist and people the filer may not name", async () => {
    const nowhere = await file(traveller, { travellers: [{ personId: travellerPerson }], legs: [{ ...road("Bamako", "Mopti", 70), toPlaceId: "00000000-0000-4000-8000-000000000000" }] });
    expect(nowhere.json().issues).toEqual([{ field: "legs.0.toPlaceId", message: "names a place that does not exist" }]);
    const [other] = await t.database.query<{ id: string }>("select id from persons where id <> $1 limit 1", [travellerPerson]);
    const notMine = await file(traveller, { travellers: [{ personId: other.id }], legs: roundTrip(70) });
    expect(notMine.json().issues).toEqual([{ field: "travellers.0.personId", message: "names no person you may file a trip for" }]);
  });

  it("records a travel notification for the headcount, with nothing to approve", async () => {
    const response = await file(traveller, { kind: "notification", travellers: [{ personId: travellerPerson }], legs: [road("Bamako", "Kati", 80), road("Kati", "Bamako", 81)] });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ status: "notified", kind: "notification" });
    expect(response.json().legs.map((leg: Leg) => leg.status)).toEqual(["notified", "notified"]);
    // The filing's answer is built from the rows it wrote: the same as reading the trip back.
    expect((await send(traveller, "GET", `/api/travel/requests/${response.json().id}`)).json()).toEqual(response.json());
  });
});

describe("training and clearance", () => {
  it("blocks a trip for an expired BSAFE, naming the course and the date; a new certificate lets it proceed", async () => {
    const [person] = await t.database.query<{ id: string; name: string; expires: string }>(
      `select p.id, p.given_name || ' ' || p.family_name as name, max(c.expires_on)::text as expires from persons p
       join training_certificates c on c.person_id = p.id join training_courses k on k.id = c.course_id and k.code = 'BSAFE'
       where p.place_path like '%' || $1 || '%' group by p.id having max(c.expires_on) < current_date limit 1`,
      [place("Mali")],
    );
    // To Kati and back, in Bamako Security Area, whose rules clear level 4 automatically.
    const blocked = await file(demo.pcsaMali, { travellers: [{ personId: person.id }], legs: [road("Bamako", "Kati", 30), road("Kati", "Bamako", 33)] });
    expect(blocked.statusCode, blocked.body).toBe(201);
    const trip: Trip = blocked.json();
    expect(trip.status).toBe("blocked");
    expect(trip.legs[0].reasons).toContainEqual({ code: "training_expired", text: `${person.name}'s BSAFE expired on ${person.expires}` });

    const courses = (await send(demo.pcsaMali, "GET", "/api/training/courses")).json().items as { id: string; code: string }[];
    const bsafe = courses.find((course) => course.code === "BSAFE")?.id;
    const renewed = await send(demo.pcsaMali, "POST", "/api/training/certificates", { personId: person.id, courseId: bsafe, completedOn: todayIso() });
    expect(renewed.statusCode, renewed.body).toBe(201);
    const after: Trip = (await send(demo.pcsaMali, "GET", `/api/travel/requests/${trip.id}`)).json();
    expect(after.status, JSON.stringify(after.legs.map((leg) => leg.reasons))).toBe("cleared");
    expect(after.history.map((step) => step.action)).toEqual(["filed", "evaluated", "re_evaluated"]);
  });

  it("blocks a cleared trip again when a certificate lapses before departure (the daily pass)", async () => {
    const [person] = await t.database.query<{ id: string }>(
      `select p.id from persons p join training_certificates c on c.person_id = p.id join training_courses k on k.id = c.course_id and k.code = 'BSAFE'
       where p.place_path like '%' || $1 || '%' and p.user_id is null group by p.id having max(c.expires_on) > current_date + 400 order by p.id limit 1`,
      [place("Mali")],
    );
    const cleared: Trip = (await file(demo.pcsaMali, { travellers: [{ personId: person.id }], legs: [road("Bamako", "Kati", 50), road("Kati", "Bamako", 52)] })).json();
    expect(cleared.status).toBe("cleared");
    // Cleared at once, filed by a focal point: the answer (clearance link included) is still what a read shows.
    expect((await send(demo.pcsaMali, "GET", `/api/travel/requests/${cleared.id}`)).json()).toEqual(cleared);
    // No event marks a lapse: the certificate's end is moved into the past behind the server's back.
    await t.database.query("update training_certificates set expires_on = current_date - 1 where person_id = $1", [person.id]);
    expect(await reEvaluateAll(systemContext(t.database, "test"))).toBeGreaterThanOrEqual(1);
    const after: Trip = (await send(demo.pcsaMali, "GET", `/api/travel/requests/${cleared.id}`)).json();
    expect(after.status).toBe("blocked");
    expect(after.legs[0].reasons.map((reason) => reason.code)).toContain("training_expired");
  });
});
