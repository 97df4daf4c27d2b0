import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IncidentInput } from "../../../core/incidents/incident.schemas.ts";
import { backupDatabase, restoreDatabase } from "../../platform/db/backup.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { analysisFixtures, clearIncidents, areaPathOf, bodyFrom, incidentArbitrary, localMonth, recordIncident } from "./incident-stats.testing.ts";

/**
 * The monthly rollups (kept by triggers, migration 0005) always equal the same aggregation
 * computed from the base tables, here in JavaScript (local month by Intl, area by cutting the
 * path), whatever sequence of creations, revisions (date, place, category, soft switch, people),
 * workflow steps and deletions happened; and again after a backup is restored.
 * Nothing in the API deletes an incident, so deletions, and a few other changes no service
 * makes, are done in SQL: the triggers must hold for any write.
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

/** What the rollups should hold, from `incidents` and `incident_people`, in JavaScript. */
async function expectedRollups(): Promise<{ incidents: Counts; people: Counts; outcomes: Counts; demography: Counts }> {
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
  const keys = new Map<string, string>();
  const parts = new Map<string, { month: string; area: string; affectsUn: boolean }>();
  for (const row of rows) {
    if (row.status === "draft") continue;
    const key = [localMonth(new Date(row.occurred_at).toISOString(), row.time_zone), areaPathOf(row.place_path), row.category_code, row.affects_un].join("|");
    keys.set(row.id, key);
    parts.set(row.id, { month: localMonth(new Date(row.occurred_at).toISOString(), row.time_zone), area: areaPathOf(row.place_path), affectsUn: row.affects_un });
    incidents[key] = (incidents[key] ?? 0) + 1;
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
  return { incidents, people, outcomes, demography };
}

/** What the rollups hold; a zero row is an empty cell (the triggers add and subtract, never delete). */
async function actualRollups(): Promise<{ incidents: Counts; people: Counts; outcomes: Counts; demography: Counts }> {
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
  const counts = (rows: { key: string; n: number }[]) => Object.fromEntries(rows.map((row) => [row.key, row.n]));
  return { incidents: counts(incidentRows), people: counts(peopleRows), outcomes: counts(outcomeRows), demography: counts(demographyRows) };
}

const sorted = (counts: Counts) => Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
async function expectRollupsExact(label: string) {
  const [expected, actual] = await Promise.all([expectedRollups(), actualRollups()]);
  expect(sorted(actual.incidents), `${label}: incident_monthly_rollup`).toEqual(sorted(expected.incidents));
  expect(sorted(actual.people), `${label}: incident_people_monthly_rollup`).toEqual(sorted(expected.people));
  expect(sorted(actual.outcomes), `${label}: incident_outcome_monthly_rollup`).toEqual(sorted(expected.outcomes));
  expect(sorted(actual.demography), `${label}: incident_demography_monthly_rollup`).toEqual(sorted(expected.demography));
}

// ----- The actions ----------------------------------------------------------------------

type Action =
  | { kind: "create"; input: IncidentInput; place: string; status: "draft" | "submitted" | "verified" | "closed" }
  | { kind: "revise"; target: number; field: "date" | "place" | "category" | "softSwitch" | "people" | "everything"; input: IncidentInput; place: string }
  | { kind: "step"; target: number }
  | { kind: "sql"; target: number; change: "delete" | "peopleCount" | "moveDate" | "deleteLine" };

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
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("sql" as const), target, change: fc.constantFrom("delete" as const, "peopleCount" as const, "moveDate" as const, "deleteLine" as const) }) },
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
  const id = ids[action.target % ids.length];
  if (action.kind === "revise") {
    // A revision the rules refuse (a category that does not fit the people, say) changes nothing: that must hold too.
    const response = await t.request(demo.pcsaMali, { method: "PATCH", url: `/api/incidents/${id}`, payload: patchFor(action) });
    expect([200, 404, 422], response.body).toContain(response.statusCode);
  } else if (action.kind === "step") {
    const [row] = await t.database.query<{ status: string }>("select status from incidents where id = $1", [id]);
    const to = row && nextStep[row.status];
    if (to) expect((await t.request(demo.pcsaMali, { method: "POST", url: `/api/incidents/${id}/transition`, payload: { to } })).statusCode).toBe(200);
  } else if (action.change === "delete") {
    await t.database.query("delete from incidents where id = $1", [id]);
  } else if (action.change === "peopleCount") {
    await t.database.query("update incident_people set count = count + 1 where incident_id = $1", [id]);
  } else if (action.change === "deleteLine") {
    await t.database.query("delete from incident_people where id = (select id from incident_people where incident_id = $1 limit 1)", [id]);
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
