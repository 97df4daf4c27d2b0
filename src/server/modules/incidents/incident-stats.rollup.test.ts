import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentInput } from "../../../core/incidents/incident.schemas.ts";
import { randomUUID } from "node:crypto";
import { backupDatabase, restoreDatabase } from "../../platform/db/backup.ts";
import { serviceContext } from "../../platform/http/context.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { getIncidentStats } from "./incident-stats.service.ts";
import { analysisFixtures, clearIncidents, areaPathOf, bodyFrom, incidentArbitrary, localMonth, recordIncident } from "./incident-stats.testing.ts";

/**
 * The monthly and yearly rollups (kept by statement-level triggers, migration 0009) always equal
 * the same aggregation computed from the base tables, here in JavaScript (local month by Intl,
 * area by cutting the path), whatever sequence of creations, revisions (date, place, category,
 * soft switch, people), workflow steps and deletions happened; and again after a backup is restored.
 * Nothing in the API deletes an incident, so deletions, and changes no service makes (statements
 * touching many incidents or lines at once, incidents and their lines inserted by one statement),
 * are done in SQL: the triggers must hold for any write.
 */
let t: TestApp;
let f: Awaited<ReturnType<typeof analysisFixtures>>;
const places = ["Bamako", "Kati", "Mopti", "Djenné", "Gao", "Kidal", "near Mopti"];
const placeOf = (name: string) => (name === "near Mopti" ? { coordinates: { latitude: 14.49, longitude: -4.19 } } : { dutyStationId: f.place(name).id });

beforeAll(async () => {
  t = await startTestApp();
  await clearIncidents(t);
  f = await analysisFixtures(t);
});
afterAll(() => t.close());

type Counts = Record<string, number>;
type Rollups = {
  incidents: Counts;
  people: Counts;
  outcomes: Counts;
  demography: Counts;
  yearly: Counts;
  outcomesYearly: Counts;
  demographyYearly: Counts;
  areaMonthly: Counts;
};

/** Monthly counts summed per year: the key's first part "YYYY-MM" becomes "YYYY". */
function byYear(counts: Counts): Counts {
  const years: Counts = {};
  for (const [key, n] of Object.entries(counts)) {
    const yearKey = `${key.slice(0, 4)}${key.slice(7)}`;
    years[yearKey] = (years[yearKey] ?? 0) + n;
  }
  return Object.fromEntries(Object.entries(years).filter(([, n]) => n !== 0));
}

/** What the rollups should hold, from `incidents` and `incident_people`, in JavaScript. */
async function expectedRollups(): Promise<Rollups> {
  const rows = await t.database.query<{ id: string; status: string; occurred_at: Date | string; time_zone: string; place_path: string; category_code: string; affects_un: boolean }>(
    "select id, status, occurred_at, time_zone, place_path, category_code, affects_un from incidents",
  );
  const lines = await t.database.query<{ incident_id: string; outcome: string; recruitment_type: string; sex: string; count: number }>(
    "select incident_id, outcome, recruitment_type, sex, count from incident_people",
  );
  const incidents: Counts = {};
  const people: Counts = {};
  const outcomes: Counts = {};
  const demography: Counts = {};
  const areaMonthly: Counts = {};
  const keys = new Map<string, string>();
  const parts = new Map<string, { month: string; area: string; affectsUn: boolean }>();
  for (const row of rows) {
    if (row.status === "draft") continue;
    const key = [localMonth(new Date(row.occurred_at).toISOString(), row.time_zone), areaPathOf(row.place_path), row.category_code, row.affects_un].join("|");
    keys.set(row.id, key);
    parts.set(row.id, { month: localMonth(new Date(row.occurred_at).toISOString(), row.time_zone), area: areaPathOf(row.place_path), affectsUn: row.affects_un });
    incidents[key] = (incidents[key] ?? 0) + 1;
    const areaKey = [localMonth(new Date(row.occurred_at).toISOString(), row.time_zone), areaPathOf(row.place_path), row.affects_un].join("|");
    areaMonthly[areaKey] = (areaMonthly[areaKey] ?? 0) + 1;
  }
  for (const line of lines) {
    const key = keys.get(line.incident_id);
    if (!key) continue;
    const full = [key, line.outcome, line.recruitment_type, line.sex].join("|");
    people[full] = (people[full] ?? 0) + line.count;
    const byOutcome = [key, line.outcome].join("|");
    outcomes[byOutcome] = (outcomes[byOutcome] ?? 0) + line.count;
    const { month, area, affectsUn } = parts.get(line.incident_id) as { month: string; area: string; affectsUn: boolean };
    const byDemography = [month, area, affectsUn, line.recruitment_type, line.sex].join("|");
    demography[byDemography] = (demography[byDemography] ?? 0) + line.count;
  }
  return { incidents, people, outcomes, demography, yearly: byYear(incidents), outcomesYearly: byYear(outcomes), demographyYearly: byYear(demography), areaMonthly };
}

/** What the rollups hold; a zero row is an empty cell (the triggers add and subtract, never delete). */
async function actualRollups(): Promise<Rollups> {
  const incidentRows = await t.database.query<{ key: string; n: number }>(
    "select concat_ws('|', to_char(month, 'YYYY-MM'), area_path, category_code, affects_un::text) as key, incidents as n from incident_monthly_rollup where incidents <> 0",
  );
  const peopleRows = await t.database.query<{ key: string; n: number }>(
    `select concat_ws('|', to_char(month, 'YYYY-MM'), area_path, category_code, affects_un::text, outcome, recruitment_type, sex) as key, people as n
       from incident_people_monthly_rollup where people <> 0`,
  );
  const outcomeRows = await t.database.query<{ key: string; n: number }>(
    `select concat_ws('|', to_char(month, 'YYYY-MM'), area_path, category_code, affects_un::text, outcome) as key, people as n
       from incident_outcome_monthly_rollup where people <> 0`,
  );
  const demographyRows = await t.database.query<{ key: string; n: number }>(
    `select concat_ws('|', to_char(month, 'YYYY-MM'), area_path, affects_un::text, recruitment_type, sex) as key, people as n
       from incident_demography_monthly_rollup where people <> 0`,
  );
  const yearlyRows = await t.database.query<{ key: string; n: number }>(
    "select concat_ws('|', to_char(year, 'YYYY'), area_path, category_code, affects_un::text) as key, incidents as n from incident_yearly_rollup where incidents <> 0",
  );
  const outcomeYearlyRows = await t.database.query<{ key: string; n: number }>(
    `select concat_ws('|', to_char(year, 'YYYY'), area_path, category_code, affects_un::text, outcome) as key, people as n
       from incident_outcome_yearly_rollup where people <> 0`,
  );
  const demographyYearlyRows = await t.database.query<{ key: string; n: number }>(
    `select concat_ws('|', to_char(year, 'YYYY'), area_path, affects_un::text, recruitment_type, sex) as key, people as n
       from incident_demography_yearly_rollup where people <> 0`,
  );
  const areaMonthlyRows = await t.database.query<{ key: string; n: number }>(
    "select concat_ws('|', to_char(month, 'YYYY-MM'), area_path, affects_un::text) as key, incidents as n from incident_area_monthly_rollup where incidents <> 0",
  );
  const counts = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((row) => [row.key, row.n]));
  return {
    areaMonthly: counts(areaMonthlyRows),
    incidents: counts(incidentRows),
    people: counts(peopleRows),
    outcomes: counts(outcomeRows),
    demography: counts(demographyRows),
    yearly: counts(yearlyRows),
    outcomesYearly: counts(outcomeYearlyRows),
    demographyYearly: counts(demographyYearlyRows),
  };
}

const sorted = (counts: Counts) => Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
async function expectRollupsExact(label: string) {
  const [expected, actual] = await Promise.all([expectedRollups(), actualRollups()]);
  expect(sorted(actual.incidents), `${label}: incident_monthly_rollup`).toEqual(sorted(expected.incidents));
  expect(sorted(actual.people), `${label}: incident_people_monthly_rollup`).toEqual(sorted(expected.people));
  expect(sorted(actual.outcomes), `${label}: incident_outcome_monthly_rollup`).toEqual(sorted(expected.outcomes));
  expect(sorted(actual.demography), `${label}: incident_demography_monthly_rollup`).toEqual(sorted(expected.demography));
  expect(sorted(actual.yearly), `${label}: incident_yearly_rollup`).toEqual(sorted(expected.yearly));
  expect(sorted(actual.outcomesYearly), `${label}: incident_outcome_yearly_rollup`).toEqual(sorted(expected.outcomesYearly));
  expect(sorted(actual.demographyYearly), `${label}: incident_demography_yearly_rollup`).toEqual(sorted(expected.demographyYearly));
  expect(sorted(actual.areaMonthly), `${label}: incident_area_monthly_rollup`).toEqual(sorted(expected.areaMonthly));
}

/**
 * The dashboard read from the rollups (whole years from the yearly tables, the months at the ends
 * from the monthly ones) equals the dashboard computed live from the base tables: the same global
 * scope, made live by an extra grant on one duty station (finer than the rollups' areas).
 */
const dashboardPeriods = [
  { from: "2024-01", to: "2024-12" },
  { from: "2023-01", to: "2025-12" },
  { from: "2023-03", to: "2025-08" },
  { from: "2022-11", to: "2026-02" },
  { from: "2024-05", to: "2024-05" },
  { from: "2024-02", to: "2025-01" },
];
async function expectDashboardsEqual(label: string) {
  const analyst = { role: "global_analyst" as const, placePath: null, organisationId: null };
  const actor = (grants: (typeof analyst | { role: "asc"; placePath: string; organisationId: null })[]) => ({ userId: randomUUID(), personId: null, displayName: "Analyst", grants });
  const fromRollups = serviceContext(t.database, actor([analyst]), null);
  const live = serviceContext(t.database, actor([analyst, { role: "asc", placePath: f.place("Mopti").path, organisationId: null }]), null);
  for (const period of dashboardPeriods) {
    for (const filter of [{}, { categoryCode: "robbery" }, { affectsUn: "true" as const }]) {
      const query = { ...period, ...filter };
      const [rolled, computed] = await Promise.all([getIncidentStats(fromRollups, query), getIncidentStats(live, query)]);
      expect([rolled.source, computed.source]).toEqual(["rollup", "live"]);
      expect({ ...rolled, source: "live" }, `${label}: dashboard ${JSON.stringify(query)}`).toEqual(computed);
    }
  }
}

// ----- The actions ----------------------------------------------------------------------

type Action =
  | { kind: "create"; input: IncidentInput; place: string; status: "draft" | "submitted" | "verified" | "closed" }
  | { kind: "revise"; target: number; field: "date" | "place" | "category" | "softSwitch" | "people" | "everything"; input: IncidentInput; place: string }
  | { kind: "step"; target: number }
  | { kind: "sql"; target: number; change: SqlChange };

/** Changes made in SQL; the "…Many" ones touch every other incident (or all their lines) in one statement. */
const sqlChanges = ["delete", "peopleCount", "moveDate", "deleteLine", "deleteLines", "moveLines", "moveMany", "draftMany", "peopleMany", "deleteMany", "copyMany"] as const;
type SqlChange = (typeof sqlChanges)[number];

const input = incidentArbitrary(2023, 2025);
const place = fc.constantFrom(...places);
const target = fc.nat({ max: 30 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("create" as const), input, place, status: fc.constantFrom("draft" as const, "submitted" as const, "verified" as const, "closed" as const) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("revise" as const),
      target,
      field: fc.constantFrom("date" as const, "place" as const, "category" as const, "softSwitch" as const, "people" as const, "everything" as const),
      input,
      place,
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("step" as const), target }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("sql" as const), target, change: fc.constantFrom(...sqlChanges) }) },
);

function patchFor(action: Extract<Action, { kind: "revise" }>): Record<string, unknown> {
  const body = bodyFrom(action.input, placeOf(action.place), f.organisations);
  switch (action.field) {
    case "date":
      return { occurredAt: body.occurredAt, timeZone: body.timeZone };
    case "place":
      return { place: body.place };
    case "category":
      return { categoryCode: body.categoryCode };
    case "softSwitch":
      return { affectsUn: false, organisationsAffected: [], peopleAffected: [] };
    case "people":
      return { peopleAffected: body.peopleAffected, organisationsAffected: body.organisationsAffected };
    default: {
      const { description: _description, reporter: _reporter, ...rest } = body;
      return rest;
    }
  }
}

const nextStep = { draft: "submitted", submitted: "verified", verified: "closed" } as Record<string, string | undefined>;

async function apply(action: Action, ids: string[]) {
  if (action.kind === "create") {
    ids.push(await recordIncident(t, demo.pcsaMali, bodyFrom(action.input, placeOf(action.place), f.organisations), action.status));
    return;
  }
  if (ids.length === 0) return;
  const index = action.target % ids.length;
  const id = ids[index];
  if (action.kind === "revise") {
    // A revision the rules refuse (a category that does not fit the people, say) changes nothing: that must hold too.
    const response = await t.request(demo.pcsaMali, { method: "PATCH", url: `/api/incidents/${id}`, payload: patchFor(action) });
    expect([200, 404, 422], response.body).toContain(response.statusCode);
  } else if (action.kind === "step") {
    const [row] = await t.database.query<{ status: string }>("select status from incidents where id = $1", [id]);
    const to = row && nextStep[row.status];
    if (to) expect((await t.request(demo.pcsaMali, { method: "POST", url: `/api/incidents/${id}/transition`, payload: { to } })).statusCode).toBe(200);
  } else {
    await applySql(action.change, id, ids.filter((_, other) => other % 2 === index % 2));
  }
}

/** One SQL statement; `some` are every other incident recorded so far (one of them is `id`). */
async function applySql(change: SqlChange, id: string, some: string[]) {
  if (change === "delete") {
    await t.database.query("delete from incidents where id = $1", [id]);
  } else if (change === "peopleCount") {
    await t.database.query("update incident_people set count = count + 1 where incident_id = $1", [id]);
  } else if (change === "deleteLine") {
    await t.database.query("delete from incident_people where id = (select id from incident_people where incident_id = $1 limit 1)", [id]);
  } else if (change === "deleteLines") {
    await t.database.query("delete from incident_people where incident_id = $1", [id]);
  } else if (change === "moveLines") {
    // Lines change incident: out of one incident's key, into another's.
    await t.database.query("update incident_people set incident_id = $1 where incident_id = any($2::uuid[])", [id, some]);
  } else if (change === "moveMany") {
    // Some rows move month (and, across the new year, year), others category; some do not move at all.
    await t.database.query(
      `update incidents set occurred_at = occurred_at + case when id = $1 then interval '0 days' else interval '75 days' end,
         category_code = case when category_code = 'robbery' then 'burglary' else category_code end where id = any($2::uuid[])`,
      [id, some],
    );
  } else if (change === "draftMany") {
    // Back to draft and on again in two statements: out of the counts, then in.
    await t.database.query("update incidents set status = 'draft' where id = any($1::uuid[]) and status <> 'draft'", [some]);
    await t.database.query("update incidents set status = 'submitted' where id = any($1::uuid[]) and id <> $2", [some, id]);
  } else if (change === "peopleMany") {
    await t.database.query("update incident_people set count = count + 2, sex = case when sex = 'female' then 'male' else sex end where incident_id = any($1::uuid[])", [some]);
  } else if (change === "deleteMany") {
    await t.database.query("delete from incidents where id = any($1::uuid[])", [some]);
  } else if (change === "copyMany") {
    // Incidents and their lines inserted by one statement (the lines' statement trigger must see the new incidents).
    await t.database.query(
      `with copies as (select id as original, gen_random_uuid() as id from incidents where id = any($1::uuid[])),
       inserted as (
         insert into incidents select (jsonb_populate_record(null::incidents, to_jsonb(i) || jsonb_build_object('id', c.id, 'import_key', null))).*
           from incidents i join copies c on c.original = i.id)
       insert into incident_people (incident_id, outcome, recruitment_type, sex, count, person_id, organisation_id)
       select c.id, p.outcome, p.recruitment_type, p.sex, p.count, p.person_id, p.organisation_id from incident_people p join copies c on c.original = p.incident_id`,
      [some],
    );
  } else {
    await t.database.query("update incidents set occurred_at = occurred_at + interval '20 days' where id = $1", [id]);
  }
}

describe("the monthly rollups", () => {
  it("equal the live aggregation after any sequence of changes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 16 }), async (actions) => {
        await t.database.query("delete from incidents");
        await expectRollupsExact("after deleting everything");
        const ids: string[] = [];
        for (const [index, step] of actions.entries()) {
          await apply(step, ids);
          await expectRollupsExact(`after action ${index + 1} (${step.kind})`);
        }
        await expectDashboardsEqual(`after ${actions.length} actions`);
      }),
      { numRuns: 25, seed: 20260517 },
    );
  }, 600_000);

  it("are rebuilt exactly when a backup is restored", async () => {
    const ids: string[] = [];
    for (const step of fc.sample(action, { numRuns: 25, seed: 7 })) await apply(step, ids);
    await expectRollupsExact("before the backup");
    const before = await actualRollups();
    const directory = mkdtempSync(path.join(tmpdir(), "vigil-rollup-"));
    try {
      const file = path.join(directory, "backup.jsonl.gz");
      await backupDatabase(t.database, file);
      await t.database.query("update incident_monthly_rollup set incidents = incidents + 5");
      await restoreDatabase(t.database, file);
      await expectRollupsExact("after the restore");
      expect(await actualRollups()).toEqual(before);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 300_000);
});
