import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { loadConfig } from "../../../platform/config.ts";
import { allRoutes } from "../../../routes.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * Issue 13, acceptance 7: itineraries, travel profiles and passport details never reach a user
 * outside need-to-know. The demo traveller (Bamako) files a trip with every itinerary field
 * filled and keeps a travel profile; then the global analyst, the system administrator, another
 * organisation's representative in Mali and the staff member in DR Congo call EVERY GET route of
 * the registry (path parameters filled with the trip's, its legs', the traveller's and the
 * verification token's ids; lists with the area), and no answer may carry one of those values,
 * nor any field of an itinerary or a profile. The analyst still sees the traveller in the
 * headcount's counts. Readers with need-to-know do see them, and each of their reads is audited.
 */
const traveller = "traveller.mali@vigil.example";
const tag = randomBytes(4).toString("hex");
const start = addDays(todayIso(), 45);
const back = addDays(todayIso(), 47);

// Every value unique to this run, so that finding one in an answer can only be a leak.
const itinerary = {
  purpose: `Need-to-know purpose ${tag}`,
  fromLocality: `Quartier Hippodrome ${tag}`,
  toLocality: `Village Sirakoro ${tag}`,
  toLatitude: 12.8613579,
  toLongitude: -8.0246813,
  departure: `${start}T06:47`,
  arrival: `${start}T09:13`,
  vehicleArrangement: `Armoured vehicle plate ${tag}`,
  accommodation: `Hotel Amitié room ${tag}`,
  contact: `Radio room call sign ${tag}`,
  returnDeparture: `${back}T15:37`,
};
const profile = {
  emergencyContactName: `Fatoumata ${tag}`,
  emergencyContactRelationship: "Mother",
  emergencyContactPhone: "+223 71 93 28 46",
  travelPhone: "+223 65 82 17 39",
  nationality: "SN",
  passportNumber: `PN${tag.toUpperCase()}`,
  passportCountry: "SN",
  passportExpiresOn: "2032-09-17",
  proofOfLife: [{ question: `Question ${tag}?`, answer: `Answer ${tag}` }],
};
const secrets = [
  itinerary.purpose,
  itinerary.fromLocality,
  itinerary.toLocality,
  String(itinerary.toLatitude),
  String(itinerary.toLongitude),
  itinerary.departure,
  itinerary.arrival,
  itinerary.vehicleArrangement,
  itinerary.accommodation,
  itinerary.contact,
  itinerary.returnDeparture,
  profile.emergencyContactName,
  profile.emergencyContactPhone,
  profile.travelPhone,
  profile.passportNumber,
  profile.passportExpiresOn,
  profile.proofOfLife[0].question,
  profile.proofOfLife[0].answer,
];
/**
 * Fields only an itinerary or a profile has: any of them, set, in an outsider's answer is a leak.
 * (An operator is public in the register, and RMTs name theirs: only the leg's link to it counts.)
 */
const needToKnowKeys = ["fromLocality", "toLocality", "toLatitude", "toLongitude", "accommodation", "contact", "vehicleArrangement", "passportNumber", "passportCountry", "passportExpiresOn", "nationality", "proofOfLife", "travelPhone", "emergencyContactName", "emergencyContactPhone"];

let t: TestApp;
let travellerPerson: string;
let trip: { id: string; number: string; status: string; legs: { id: string; status: string }[]; verificationUrl: string | null };
let token: string;
let ids: Record<string, string>;

const send = (email: string | null, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) => t.request(email, { method, url, payload: payload as never });

/** The secrets an answer carries, and the need-to-know fields it fills, if any. */
function leaksIn(body: string): string[] {
  const found = secrets.filter((secret) => body.includes(secret));
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        const isSet = inner !== null && !(Array.isArray(inner) && inner.length === 0);
        if (needToKnowKeys.includes(key) && isSet) found.push(`field ${key}`);
        if (key === "operatorId" && inner === ids.operator) found.push("field operatorId");
        walk(inner);
      }
    }
  };
  try {
    walk(JSON.parse(body));
  } catch {
    // Not JSON (CSV, PDF, HTML): the secrets were looked for in the text itself.
  }
  return found;
}

beforeAll(async () => {
  t = await startTestApp();
  travellerPerson = (await send(traveller, "GET", "/api/auth/me")).json().personId;
  const placeIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from places")).map((row) => [row.name, row.id]));
  const place = (name: string) => placeIds.get(name) as string;

  // An airline for the way back, so that the leg's operator is part of the itinerary too.
  const airline = await send(demo.admin, "POST", "/api/air/operators", {
    name: `Air ${tag}`,
    kind: "airline",
    initialCategory: { category: "unrestricted", effectiveFrom: "2020-01-01", source: "Need-to-know test" },
  });
  expect(airline.statusCode, airline.body).toBe(201);

  const saved = await send(traveller, "PUT", "/api/travel/profiles/me", profile);
  expect(saved.statusCode, saved.body).toBe(200);
  const filed = await send(traveller, "POST", "/api/travel/requests", {
    purpose: itinerary.purpose,
    travellers: [{ personId: travellerPerson }],
    legs: [
      {
        fromPlaceId: place("Bamako"),
        fromLocality: itinerary.fromLocality,
        toPlaceId: place("Kati"),
        toLocality: itinerary.toLocality,
        toLatitude: itinerary.toLatitude,
        toLongitude: itinerary.toLongitude,
        departureLocal: itinerary.departure,
        arrivalLocal: itinerary.arrival,
        transport: "road",
        vehicleArrangement: itinerary.vehicleArrangement,
        accommodation: itinerary.accommodation,
        contact: itinerary.contact,
      },
      { fromPlaceId: place("Kati"), toPlaceId: place("Bamako"), departureLocal: itinerary.returnDeparture, arrivalLocal: `${back}T16:20`, transport: "commercial_air", operatorId: airline.json().id },
    ],
  });
  expect(filed.statusCode, filed.body).toBe(201);
  trip = filed.json();
  // Whatever the rules left for review, the P/C/SA clears: the trip then has a verification code.
  for (const leg of trip.legs.filter((one) => one.status === "review")) {
    const decided = await send(demo.pcsaMali, "POST", `/api/travel/legs/${leg.id}/decision`, { decision: "clear" });
    expect(decided.statusCode, decided.body).toBe(200);
    trip = decided.json();
  }
  expect(trip.status).toBe("cleared");
  token = (trip.verificationUrl as string).split("/").pop() as string;
  const [profileRow] = await t.database.query<{ id: string }>("select id from travel_profiles where person_id = $1 and dependant_id is null", [travellerPerson]);
  ids = { trip: trip.id, leg: trip.legs[0].id, returnLeg: trip.legs[1].id, person: travellerPerson, profile: profileRow.id, operator: airline.json().id };
});
afterAll(() => t.close());

/** The organisation other than the traveller's whose Mali representative or focal point the test signs in as. */
async function otherOrganisationCallers(): Promise<string[]> {
  const [row] = await t.database.query<{ code: string }>("select o.code from persons p join organisations o on o.id = p.organisation_id where p.id = $1", [travellerPerson]);
  const callers: string[] = [];
  if (row.code !== "UNICEF") callers.push(demo.repUnicefMali);
  if (row.code !== "WFP") callers.push(demo.sfpWfpMali);
  return callers;
}

describe("a trip and a travel profile with need-to-know", () => {
  it("are there for those who need them (so the scan below would find them), and each read is audited", async () => {
    const before = await t.database.query<{ entity_type: string; n: number }>(
      "select entity_type, count(*)::int as n from audit_log where action = 'read_sensitive' and entity_id in ($1, $2) group by entity_type",
      [trip.id, travellerPerson],
    );
    const readTrip = await send(demo.pcsaMali, "GET", `/api/travel/requests/${trip.id}`);
    expect(readTrip.statusCode).toBe(200);
    expect(leaksIn(readTrip.body)).toEqual(expect.arrayContaining([itinerary.accommodation, itinerary.toLocality, itinerary.departure, "field operatorId"]));
    const readProfile = await send(demo.pcsaMali, "GET", `/api/travel/profiles/person/${travellerPerson}`);
    expect(readProfile.statusCode).toBe(200);
    expect(leaksIn(readProfile.body)).toEqual(expect.arrayContaining([profile.passportNumber, profile.proofOfLife[0].answer, "field nationality"]));
    const after = await t.database.query<{ entity_type: string; n: number; actors: string[] }>(
      "select entity_type, count(*)::int as n, array_agg(distinct actor_user_id::text) as actors from audit_log where action = 'read_sensitive' and entity_id in ($1, $2) group by entity_type",
      [trip.id, travellerPerson],
    );
    const count = (rows: { entity_type: string; n: number }[], type: string) => rows.find((row) => row.entity_type === type)?.n ?? 0;
    expect(count(after, "travel_request")).toBe(count(before, "travel_request") + 1);
    expect(count(after, "travel_profile")).toBe(count(before, "travel_profile") + 1);
  });

  it("are not found by the global analyst, the administrator, another organisation or another country", async () => {
    const outsiders = [demo.analyst, demo.admin, demo.staff, ...(await otherOrganisationCallers())];
    for (const email of outsiders) {
      for (const url of [`/api/travel/requests/${trip.id}`, `/api/travel/requests/${trip.id}/briefing`, `/api/travel/requests/${trip.id}/clearance.pdf`]) {
        expect([403, 404], `${email} ${url}`).toContain((await send(email, "GET", url)).statusCode);
      }
      expect([403, 404], email).toContain((await send(email, "GET", `/api/travel/profiles/person/${travellerPerson}`)).statusCode);
      for (const scope of ["mine", "area"]) {
        const list = await send(email, "GET", `/api/travel/requests?scope=${scope}&pageSize=200`);
        if (list.statusCode === 200) expect((list.json().items as { id: string }[]).map((item) => item.id), email).not.toContain(trip.id);
      }
      const queue = await send(email, "GET", "/api/travel/queue?pageSize=200");
      expect(leaksIn(queue.body), email).toEqual([]);
    }
  });

  it("leave only validity on the verification page", async () => {
    for (const email of [null, demo.analyst, demo.staff]) {
      const answer = await send(email, "GET", `/api/travel/verify/${token}`);
      expect(answer.statusCode).toBe(200);
      expect(Object.keys(answer.json()).sort()).toEqual(["checkedAt", "isValid", "number"]);
      expect(answer.json()).toMatchObject({ isValid: true, number: trip.number });
      expect(leaksIn(answer.body)).toEqual([]);
    }
  });

  it("give the global analyst the traveller in the headcount's counts, never the people or their itinerary", async () => {
    const hasHeadcount = allRoutes(loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", JOBS: "off" })).some((route) => route.url === "/api/travel/headcount");
    if (!hasHeadcount) {
      expect((await send(demo.analyst, "GET", `/api/travel/requests/${trip.id}`)).statusCode).toBe(404);
      return;
    }
    const [kati] = await t.database.query<{ id: string }>("select id from places where name = 'Kati'");
    const at = new Date(`${start}T12:00:00Z`).toISOString();
    const counts = await send(demo.analyst, "GET", `/api/travel/headcount?placeId=${kati.id}&at=${encodeURIComponent(at)}`);
    expect(counts.statusCode, counts.body).toBe(200);
    expect(counts.json().totals.total).toBeGreaterThanOrEqual(1);
    expect(leaksIn(counts.body)).toEqual([]);
    expect((await send(demo.analyst, "GET", `/api/travel/headcount/people?placeId=${kati.id}&at=${encodeURIComponent(at)}`)).statusCode).toBe(403);
  });

  it("reach no outsider through any GET route of the registry, nor through their notifications", async () => {
    const routes = allRoutes(loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/nonexistent", JOBS: "off" })).filter((route) => route.method === "GET");
    const [mali] = await t.database.query<{ id: string }>("select id from places where name = 'Mali'");
    // What each path parameter is tried with: every id the trip and the profile have.
    const values: Record<string, string[]> = {
      id: [ids.trip, ids.leg, ids.returnLeg, ids.person, ids.profile],
      personId: [ids.person],
      token: [token],
      placeId: [mali.id],
      entityType: ["travel_request", "person", "travel_profile"],
    };
    const urlsOf = (template: string): string[] => {
      const names = [...template.matchAll(/:(\w+)/g)].map((match) => match[1]);
      let urls = [template];
      for (const name of names) {
        const options = values[name] ?? [ids.trip];
        urls = urls.flatMap((url) => options.map((value) => url.replace(`:${name}`, value)));
      }
      // A list is asked about the trip's country too, and as large a page as lists give.
      return names.length ? urls : [template, `${template}?placeId=${mali.id}&pageSize=200`, `${template}?scope=area&pageSize=200`];
    };
    const outsiders = [demo.analyst, demo.admin, demo.staff, ...(await otherOrganisationCallers())];
    const leaks: string[] = [];
    let calls = 0;
    for (const email of outsiders) {
      for (const route of routes) {
        for (const url of urlsOf(route.url)) {
          const response = await send(email, "GET", url);
          calls += 1;
          const found = leaksIn(response.body);
          if (found.length) leaks.push(`${email} GET ${url} (${response.statusCode}): ${found.join(", ")}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(outsiders.length * routes.length);
  });
});
