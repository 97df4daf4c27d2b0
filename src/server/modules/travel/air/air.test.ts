import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * Air travel (issue 13 §5, acceptance 5) through the API: a leg on a Restricted operator is
 * refused; a leg on a Conditional operator without an RMT is blocked where the organisation makes
 * the RMT mandatory and goes to review where it is advisory; once an RMT is approved the trip is
 * cleared; the category history is kept; a very high RMT is not the DO's to approve. Who may call
 * each route is in air.matrix.ts.
 */
const traveller = "traveller.mali@vigil.example";
const aviation = "aviation@vigil.example";
let t: TestApp;
let placeIds: Map<string, string>;
let operatorIds: Map<string, string>;
let travellerPerson: string;
let travellerOrganisation: string;

type Trip = { id: string; status: string; legs: { status: string; reasons: { code: string; text: string }[] }[] };

const send = (email: string | null, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) => t.request(email, { method, url, payload: payload as never });
const place = (name: string) => placeIds.get(name) as string;
const operator = (name: string) => operatorIds.get(name) as string;
const day = (days: number, time = "07:00") => `${addDays(todayIso(), days)}T${time}`;
/** A flight Mopti → Bamako: Bamako's rules clear up to level 4 automatically, so only the operator weighs. */
const flight = (name: string, days: number, transport = "commercial_air") => ({
  fromPlaceId: place("Mopti"),
  toPlaceId: place("Bamako"),
  departureLocal: day(days),
  arrivalLocal: day(days, "09:00"),
  transport,
  operatorId: operator(name),
});
const fly = (name: string, days: number, transport?: string) =>
  send(traveller, "POST", "/api/travel/requests", { purpose: "Programme visit", travellers: [{ personId: travellerPerson }], legs: [flight(name, days, transport)] });
const tripOf = async (id: string): Promise<Trip> => (await send(traveller, "GET", `/api/travel/requests/${id}`)).json();
const codes = (trip: Trip) => trip.legs[0].reasons.map((reason) => reason.code);
const rmtBody = (over: Record<string, unknown> = {}) => ({
  operatorId: operator("Niger Bend Regional"),
  organisationId: travellerOrganisation,
  fromPlaceId: place("Mopti"),
  toPlaceId: place("Bamako"),
  likelihood: 4,
  impact: 3,
  justification: "No Unrestricted operator serves Mopti",
  mitigations: "Daylight flights only",
  validFrom: todayIso(),
  validUntil: addDays(todayIso(), 200),
  ...over,
});

beforeAll(async () => {
  t = await startTestApp();
  placeIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from places")).map((row) => [row.name, row.id]));
  operatorIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from air_operators")).map((row) => [row.name, row.id]));
  travellerPerson = (await send(traveller, "GET", "/api/auth/me")).json().personId;
  const [row] = await t.database.query<{ organisation_id: string }>("select organisation_id from persons where id = $1", [travellerPerson]);
  travellerOrganisation = row.organisation_id;
});
afterAll(() => t.close());

describe("the register of air operators", () => {
  it("lists operators with the category in force, by category", async () => {
    const response = await send(demo.staff, "GET", "/api/air/operators?category=conditional");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items.map((item: { name: string }) => item.name)).toEqual(["Niger Bend Regional"]);
    expect(response.json().canManage).toBe(false);
  });

  it("keeps the whole history: a new category is a new row, the old ones stay", async () => {
    const id = operator("Niger Bend Regional");
    const recorded = await send(aviation, "POST", `/api/air/operators/${id}/categories`, { category: "conditional", effectiveFrom: addDays(todayIso(), 400), source: "Annual review" });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const history = recorded.json().history as { category: string; isFuture: boolean }[];
    expect(history.map((entry) => [entry.category, entry.isFuture])).toEqual([
      ["conditional", true],
      ["conditional", false],
      ["unrestricted", false],
    ]);
    expect(recorded.json().category).toBe("conditional");
  });

  it("names the field at fault: a category off the three (400), a name already registered (409), a missing source", async () => {
    const body = { name: "Harmattan Air", kind: "airline", initialCategory: { category: "unrestricted", effectiveFrom: todayIso(), source: "HQ assessment" } };
    expect((await send(aviation, "POST", "/api/air/operators", body)).statusCode).toBe(201);
    const again = await send(demo.admin, "POST", "/api/air/operators", body);
    expect(again.statusCode).toBe(409);
    expect(again.json().issues[0].field).toBe("name");
    const wrong = await send(aviation, "POST", "/api/air/operators", { ...body, name: "Other Air", initialCategory: { ...body.initialCategory, category: "safe", source: "" } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues.map((issue: { field: string }) => issue.field).sort()).toEqual(["initialCategory.category", "initialCategory.source"]);
    expect((await send(demo.doMali, "POST", "/api/air/operators", { ...body, name: "DO Air" })).statusCode).toBe(403);
  });
});

describe("a leg's operator when filing", () => {
  it("must be in the register and of the kind the transport allows", async () => {
    const unknown = await send(traveller, "POST", "/api/travel/requests", {
      purpose: "Visit",
      travellers: [{ personId: travellerPerson }],
      legs: [{ ...flight("Trans-Sahel Airlines", 20), operatorId: "00000000-0000-4000-8000-000000000000" }],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().issues[0].field).toBe("legs.0.operatorId");
    const charterOnAirline = await fly("Trans-Sahel Airlines", 20, "charter");
    expect(charterOnAirline.statusCode).toBe(422);
    expect(charterOnAirline.json().issues[0].field).toBe("legs.0.operatorId");
  });

  it("sends a charter to review whatever its category", async () => {
    const response = await fly("Bamako Charter Services", 21, "charter");
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().status).toBe("under_review");
    expect(codes(response.json())).toContain("operator_special_kind");
    await send(traveller, "POST", `/api/travel/requests/${response.json().id}/cancel`, { reason: "test" });
  });
});

describe("acceptance 5", () => {
  it("refuses a leg on a Restricted operator", async () => {
    const response = await fly("Desert Wings Aviation", 22);
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().status).toBe("refused");
    expect(response.json().legs[0].reasons).toContainEqual({ code: "operator_restricted", text: "Desert Wings Aviation is a Restricted operator: refused" });
  });

  let trip: Trip;
  it("blocks a Conditional operator without an RMT where the organisation makes it mandatory, and reviews it where advisory", async () => {
    expect((await send(aviation, "PUT", `/api/air/rmt-policies/${travellerOrganisation}`, { policy: "mandatory" })).statusCode).toBe(200);
    trip = (await fly("Niger Bend Regional", 30)).json();
    expect(trip.status).toBe("blocked");
    expect(codes(trip)).toContain("operator_conditional_no_rmt");
    // Advisory: the organisation's trips with air legs are evaluated again, and go to a reviewer.
    expect((await send(demo.doMali, "PUT", `/api/air/rmt-policies/${travellerOrganisation}`, { policy: "advisory" })).statusCode).toBe(403);
    expect((await send(aviation, "PUT", `/api/air/rmt-policies/${travellerOrganisation}`, { policy: "advisory" })).statusCode).toBe(200);
    expect((await tripOf(trip.id)).status).toBe("under_review");
    expect((await send(demo.admin, "PUT", `/api/air/rmt-policies/${travellerOrganisation}`, { policy: "mandatory" })).statusCode).toBe(200);
    expect((await tripOf(trip.id)).status).toBe("blocked");
  });

  it("names the fields of a bad RMT", async () => {
    const backwards = await send(demo.pcsaMali, "POST", "/api/air/rmts", rmtBody({ validUntil: addDays(todayIso(), -1) }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().issues[0].field).toBe("validUntil");
    const offScale = await send(demo.pcsaMali, "POST", "/api/air/rmts", rmtBody({ likelihood: 9 }));
    expect(offScale.statusCode).toBe(422);
    expect(offScale.json().issues[0].field).toBe("likelihood");
    const noJustification = await send(demo.pcsaMali, "POST", "/api/air/rmts", rmtBody({ justification: "" }));
    expect(noJustification.statusCode).toBe(400);
    expect(noJustification.json().issues[0].field).toBe("justification");
  });

  it("clears the trip once an RMT rated high is approved by the DO", async () => {
    const filed = await send(demo.pcsaMali, "POST", "/api/air/rmts", rmtBody());
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ level: "high", approver: "do", status: "submitted", actions: [] });
    expect((await send(aviation, "POST", `/api/air/rmts/${filed.json().id}/decision`, { decision: "approve" })).statusCode).toBe(403);
    const approved = await send(demo.doMali, "POST", `/api/air/rmts/${filed.json().id}/decision`, { decision: "approve" });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe("approved");
    const after = await tripOf(trip.id);
    expect(after.status).toBe("cleared");
    expect(codes(after)).toContain("operator_conditional_rmt");
    expect((await send(demo.doMali, "POST", `/api/air/rmts/${filed.json().id}/decision`, { decision: "reject", note: "late" })).statusCode).toBe(409);
  });

  it("leaves a very high RMT to the USG UNDSS, recorded by the aviation role: the DO gets 403", async () => {
    const filed = await send(demo.pcsaMali, "POST", "/api/air/rmts", rmtBody({ likelihood: 5, impact: 4 }));
    expect(filed.json()).toMatchObject({ level: "very_high", approver: "usg_undss" });
    const byDo = await send(demo.doMali, "POST", `/api/air/rmts/${filed.json().id}/decision`, { decision: "approve" });
    expect(byDo.statusCode).toBe(403);
    expect(byDo.json().message).toContain("USG UNDSS");
    const byAviation = await send(aviation, "POST", `/api/air/rmts/${filed.json().id}/decision`, { decision: "approve", note: "USG UNDSS decision of today" });
    expect(byAviation.statusCode, byAviation.body).toBe(200);
  });

  it("refuses the cleared trip again when its operator becomes Restricted", async () => {
    const cleared = (await fly("Trans-Sahel Airlines", 40)).json();
    expect(cleared.status).toBe("cleared");
    await send(aviation, "POST", `/api/air/operators/${operator("Trans-Sahel Airlines")}/categories`, { category: "restricted", effectiveFrom: todayIso(), source: "Safety audit" });
    expect((await tripOf(cleared.id)).status).toBe("refused");
    const audited = await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where entity_type = 'air_operator_category'");
    expect(audited[0].n).toBeGreaterThan(0);
  });
});
