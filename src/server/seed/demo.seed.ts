import { addDemoIncidents } from "./incident-generator.ts";
import { seedRisk } from "./risk.seed.ts";
import { seedReadiness } from "./readiness.seed.ts";
import { seedTraining, seedTravel } from "./travel.seed.ts";
import { count } from "drizzle-orm";
import type { AppointmentRole, SystemRole } from "../../core/access/roles.ts";
import { addDays } from "../../core/appointments/continuity.ts";
import type { PersonInput } from "../../core/personnel/personnel.schemas.ts";
import { createAppointment } from "../modules/appointments/index.ts";
import { createUser } from "../modules/accounts/index.ts";
import { addActionPoint, createMeeting } from "../modules/meetings/index.ts";
import { insertPerson } from "../modules/personnel/index.ts";
import { createOrganisation, createPlace, organisations, places } from "../modules/structure/index.ts";
import { todayIso } from "../platform/clock.ts";
import type { Database } from "../platform/db/database.ts";
import { systemContext } from "../platform/http/context.ts";
import { demoAreas, demoOrganisations, familyNames, givenNamesFemale, givenNamesMale, streets } from "./demo-data.ts";
import { randomGenerator } from "./random.ts";

export const demoPassword = "vigil-demo-2026";

export type DemoLogin = { email: string; role: string; description: string };

export class AlreadySeededError extends Error {}

/**
 * A believable, deterministic demo: the same seed gives the same people, places and
 * appointments (dates are relative to today so the demo always shows one continuity gap:
 * Haiti has had no DO since five days ago).
 */
export async function seedDemo(database: Database, seed = 20261123): Promise<DemoLogin[]> {
  const [{ value }] = await database.db.select({ value: count() }).from(organisations);
  if (value > 0) throw new AlreadySeededError("The database already holds data; demo data is loaded only into an empty database");
  const random = randomGenerator(seed);
  const context = systemContext(database, "demo seed");
  const today = todayIso();

  const orgIds = new Map<string, string>();
  for (const org of demoOrganisations) {
    const email = `${org.focal.toLowerCase().normalize("NFD").replace(/[^a-z ]/g, "").replace(/ /g, ".")}@${org.code.toLowerCase()}.example.org`;
    const created = await createOrganisation(context, {
      code: org.code,
      name: org.name,
      kind: org.kind,
      hqFocalPoints: [{ name: org.focal, email, title: "Headquarters Security Focal Point" }],
    });
    orgIds.set(org.code, created.id);
  }

  const areaIds = new Map<string, string>();
  const stations: { id: string; name: string; path: string; area: string }[] = [];
  for (const area of demoAreas) {
    const da = await createPlace(context, { kind: "designated_area", parentId: null, name: area.name, countryCode: area.countryCode, timeZone: area.timeZone });
    areaIds.set(area.name, da.id);
    const groups = [...area.securityAreas.map((sa) => ({ ...sa, isSecurityArea: true })), { name: area.name, stations: area.stations, isSecurityArea: false }];
    for (const group of groups) {
      let parentId = da.id;
      if (group.isSecurityArea) {
        const sa = await createPlace(context, { kind: "security_area", parentId: da.id, name: group.name });
        areaIds.set(group.name, sa.id);
        parentId = sa.id;
      }
      for (const [name, latitude, longitude, timeZone] of group.stations) {
        const station = await createPlace(context, { kind: "duty_station", parentId, name, latitude, longitude, timeZone: timeZone ?? null });
        stations.push({ id: station.id, name, path: "", area: area.name });
      }
    }
  }
  const stationByName = new Map(stations.map((station) => [station.name, station]));

  const codes = demoOrganisations.map((org) => org.code);
  const personIds: { id: string; org: string; station: string; area: string }[] = [];
  const makePerson = (overrides: Partial<PersonInput> & { station: string; org: string }): PersonInput => {
    const sex = random.pick(["female", "male"] as const);
    const recruitmentType = random.chance(0.3) ? "international" : random.chance(0.9) ? "locally_recruited" : "national_not_locally_recruited";
    const category =
      recruitmentType === "international" ? random.pick(["professional", "field_service", "consultant"] as const) : random.pick(["general_service", "national_officer", "volunteer"] as const);
    const grade = { professional: random.pick(["P-3", "P-4", "P-5"]), field_service: "FS-5", consultant: null, general_service: random.pick(["G-4", "G-5", "G-6"]), national_officer: random.pick(["NO-A", "NO-B", "NO-C"]), volunteer: null }[category] ?? null;
    const givenName = random.pick(sex === "female" ? givenNamesFemale : givenNamesMale);
    const familyName = random.pick(familyNames);
    const dependants = Array.from({ length: random.chance(0.55) ? random.integer(1, 4) : 0 }, (_, index) => ({
      givenName: random.pick(random.chance(0.5) ? givenNamesFemale : givenNamesMale),
      familyName,
      relationship: index === 0 && random.chance(0.7) ? ("spouse" as const) : ("child" as const),
      sex: random.pick(["female", "male"] as const),
      birthDate: `${random.integer(1975, 2022)}-0${random.integer(1, 9)}-1${random.integer(0, 9)}`,
      isEligible: true,
    }));
    return {
      organisationId: orgIds.get(overrides.org) as string,
      dutyStationId: stationByName.get(overrides.station)?.id as string,
      indexNumber: String(random.integer(100000, 999999)),
      givenName,
      familyName,
      sex,
      recruitmentType,
      category,
      grade,
      private: {
        phone: `+${random.integer(220, 509)} ${random.integer(20, 99)} ${random.integer(10, 99)} ${random.integer(10, 99)} ${random.integer(10, 99)}`,
        mobile: `+${random.integer(220, 509)} ${random.integer(60, 99)} ${random.integer(100, 999)} ${random.integer(100, 999)}`,
        email: `${`${givenName}.${familyName}`.toLowerCase().normalize("NFD").replace(/[^a-z.]/g, "")}@${overrides.org.toLowerCase()}.example.org`,
        emergencyContact: null,
        residentialAddress: `${random.integer(1, 250)} ${random.pick(streets)}, ${overrides.station}`,
      },
      dependants,
      ...Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== "station" && key !== "org")),
    };
  };

  const paths = new Map((await database.db.select({ id: places.id, path: places.path }).from(places)).map((row) => [row.id, row.path]));
  // Holders of organisation roles (people 100–115, 200–215, 300–315) work for that
  // organisation in that area; the first 40 people cover every duty station once.
  const areaOfBlock = ["Mali", "Democratic Republic of the Congo", "Haiti"];
  const assignment = (index: number) => {
    const block = Math.floor(index / 100) - 1;
    if (block >= 0 && block <= 2 && index % 100 < 36 && index % 10 < 6) {
      const inArea = stations.filter((station) => station.area === areaOfBlock[block]);
      return { station: random.pick(inArea), org: codes[index % 10] };
    }
    return { station: stations[index < 40 ? index : random.integer(0, stations.length - 1)], org: random.pick(codes) };
  };
  await database.db.transaction(async (tx) => {
    for (let index = 0; index < 400; index += 1) {
      const { station, org } = assignment(index);
      const input = makePerson({ station: station.name, org });
      const created = await insertPerson(tx, context, input, paths.get(station.id) as string);
      personIds.push({ id: created.id, org, station: station.name, area: station.area });
    }
  });

  // Named holders, with logins for the main roles.
  const logins: DemoLogin[] = [];
  const appoint = async (
    personIndex: number,
    role: AppointmentRole,
    place: string,
    options: { org?: string; startsOn?: string; endsOn?: string | null; by: string } = { by: "USG UNDSS" },
  ) => {
    const person = personIds[personIndex];
    await createAppointment(context, {
      personId: person.id,
      role,
      placeId: (areaIds.get(place) ?? stationByName.get(place)?.id) as string,
      organisationId: options.org ? (orgIds.get(options.org) ?? null) : null,
      startsOn: options.startsOn ?? addDays(today, -random.integer(90, 700)),
      endsOn: options.endsOn ?? null,
      appointedBy: options.by,
      letterNumber: `UNDSS/${today.slice(0, 4)}/${String(personIndex).padStart(4, "0")}`,
      letterDate: addDays(today, -random.integer(100, 800)),
    });
  };
  const account = async (personIndex: number | null, email: string, displayName: string, role: string, description: string, systemRoles: SystemRole[] = []) => {
    // Demo mode: the published demo password, which the password policy refuses everywhere else.
    await createUser(context, { email, displayName, password: demoPassword, systemRoles, personId: personIndex === null ? null : personIds[personIndex].id, locale: "en" }, { isDemoSeed: true });
    logins.push({ email, role, description });
  };

  // Mali: DO (with a past DO a.i. period), P/C/SA, ASCs and ASAs, representatives.
  await appoint(0, "do_ai", "Mali", { startsOn: addDays(today, -900), endsOn: addDays(today, -401), by: "USG UNDSS" });
  await appoint(1, "do", "Mali", { startsOn: addDays(today, -400), by: "Secretary-General" });
  await appoint(2, "pcsa", "Mali", { by: "USG UNDSS" });
  await appoint(3, "asc", "Bamako Security Area", { by: "DO Mali after SMT consultation" });
  await appoint(8, "asc", "Mopti Security Area", { by: "DO Mali after SMT consultation" });
  await appoint(4, "asa", "Bamako Security Area", { by: "P/C/SA Mali on behalf of the DO" });
  await appoint(9, "asa", "Mopti Security Area", { by: "P/C/SA Mali on behalf of the DO" });
  await appoint(5, "warden", "Bamako Security Area", { by: "ASC Bamako" });
  // DR Congo: DO and P/C/SA in force.
  await appoint(15, "do", "Democratic Republic of the Congo", { startsOn: addDays(today, -300), by: "Secretary-General" });
  await appoint(16, "pcsa", "Democratic Republic of the Congo", { by: "USG UNDSS" });
  // Haiti: the DO's appointment ended five days ago and no DO a.i. is appointed: the demo's continuity gap.
  await appoint(30, "do", "Haiti", { startsOn: addDays(today, -700), endsOn: addDays(today, -5), by: "Secretary-General" });
  await appoint(31, "csfp", "Haiti", { by: "DO Haiti" });
  // Representatives and organisation security focal points in every Designated Area.
  for (const [areaName, offset] of [["Mali", 100], ["Democratic Republic of the Congo", 200], ["Haiti", 300]] as const) {
    for (const [position, code] of codes.entries()) {
      if (code === "UNDSS") continue;
      await appoint(offset + position, "org_representative", areaName, { org: code, by: `${code} headquarters` });
      await appoint(offset + 10 + position, "org_security_focal_point", areaName, { org: code, by: `${code} headquarters` });
    }
  }
  await appoint(135, "security_cell_member", "Mali", { org: "UNHCR", by: "UNHCR Representative" });
  // The UNDSS headquarters desk officer for Mali (told of overdue measures; endorses security levels).
  await appoint(45, "desk_officer", "Mali", { by: "USG UNDSS" });

  await account(null, "admin@vigil.example", "Vigil Administrator", "System administrator", "manages accounts and the structure; no access to contacts", ["system_admin"]);
  await account(null, "analyst@vigil.example", "HQ Analyst", "Global analyst", "reads everything, changes nothing", ["global_analyst"]);
  await account(1, "do.mali@vigil.example", "DO Mali", "Designated Official, Mali", "chairs the SMT");
  await account(2, "pcsa.mali@vigil.example", "P/C/SA Mali", "Principal/Chief Security Adviser, Mali", "need-to-know on contacts");
  await account(8, "asc.mopti@vigil.example", "ASC Mopti", "Area Security Coordinator, Mopti", "Security Area scope");
  await account(102, "rep.unicef.mali@vigil.example", "UNICEF Representative Mali", "Representative of UNICEF, Mali", "own organisation's personnel");
  await account(113, "sfp.wfp.mali@vigil.example", "WFP Security Focal Point Mali", "Organisation security focal point (WFP), Mali", "own organisation's contacts");
  await account(5, "warden.bamako@vigil.example", "Warden Bamako", "Warden, Bamako Security Area", "reaches people in the zone");
  await account(45, "desk.mali@vigil.example", "UNDSS Desk Officer Mali", "UNDSS desk officer, Mali", "follows Mali's SRM; endorses its security levels");
  await account(null, "aviation@vigil.example", "HQ Aviation Risk", "Headquarters aviation risk", "keeps the air operators' categories and RMT policies; records the USG UNDSS's decision on a very high RMT", ["aviation_risk"]);
  await account(20, "staff@vigil.example", "Staff member", "Personnel (no appointment)", "their own record; reports incidents at their duty station");
  // A staff member in Bamako who travels (issue 13): the demo's trip to Mopti is theirs.
  const travellerIndex = personIds.findIndex((person, index) => index >= 40 && index < 100 && person.station === "Bamako");
  if (travellerIndex < 0) throw new Error("The demo has no staff member in Bamako to travel");
  await account(travellerIndex, "traveller.mali@vigil.example", "Staff member, Bamako", "Personnel, Mali (travels)", "files their trips; receives clearances and briefings");

  await seedMeetings(database, areaIds.get("Mali") as string, personIds.slice(0, 130).map((person) => person.id), today);
  // Security risk management: Mali's SRM, measures, programme criticality and security levels.
  await seedRisk(database);
  // Training certificates (travel clearance depends on them).
  await seedTraining(database, personIds, today, personIds[travellerIndex].id);
  // Mali's clearance rules and the demo's trips (after the security levels they are decided by).
  await seedTravel(database, today);
  // Readiness: Bamako's warden zones and their households.
  await seedReadiness(database);
  // A few years of incidents, so the incident list, dashboard, map and reports have something to show.
  await addDemoIncidents(database, 300, seed);
  return logins;
}

async function seedMeetings(database: Database, maliId: string, people: string[], today: string) {
  const context = systemContext(database, "demo seed");
  const attendees = [1, 2, 101, 102, 103, 104, 105].map((index, position) => ({ personId: people[index], attendance: position === 4 ? ("absent" as const) : ("present" as const) }));
  const first = await createMeeting(context, {
    body: "smt",
    placeId: maliId,
    heldOn: addDays(today, -40),
    title: "SMT monthly meeting",
    location: "UN House, Bamako",
    minutesHtml:
      "<h3>Security situation</h3><p>The P/C/SA briefed on the deterioration along the <strong>Mopti–Gao road</strong>: two checkpoints reported by partners.</p><h3>Security risk management</h3><ul><li>The SRM for Mopti Security Area is due for review.</li><li>Residential security measures for locally recruited personnel in Sévaré discussed.</li></ul><p>Next meeting in one month.</p>",
    attendees,
  });
  await addActionPoint(context, first.id, { kind: "decision", text: "Road missions Mopti–Gao require armed escort until further notice.", status: "open" });
  await addActionPoint(context, first.id, { kind: "action", text: "Update the warden lists for Bamako Security Area.", ownerPersonId: people[5], dueOn: addDays(today, -3), status: "open" });
  await addActionPoint(context, first.id, { kind: "action", text: "Circulate the revised relocation plan for Sévaré.", ownerPersonId: people[2], dueOn: addDays(today, -20), status: "done" });
  const second = await createMeeting(context, {
    body: "smt",
    placeId: maliId,
    heldOn: addDays(today, -10),
    title: "SMT extraordinary meeting: election period",
    location: "UN House, Bamako (and by video)",
    minutesHtml:
      "<p>The DO convened the SMT ahead of the election period.</p><ol><li>Movement restrictions in Bamako on polling day.</li><li>Stock of fuel and water at each office to cover <em>five days</em>.</li><li>Communication tree test with all wardens.</li></ol>",
    attendees,
  });
  await addActionPoint(context, second.id, { kind: "decision", text: "No missions outside Bamako on polling day and the day after.", status: "open" });
  await addActionPoint(context, second.id, { kind: "action", text: "Test the communications tree with every warden.", ownerPersonId: people[5], dueOn: addDays(today, 7), status: "open" });
  await addActionPoint(context, second.id, { kind: "action", text: "Confirm fuel and water stocks for five days at each office.", ownerPersonId: people[102], dueOn: addDays(today, 20), status: "open" });
}
