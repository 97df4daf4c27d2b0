import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { incidentProblems } from "../../core/incidents/incident-rules.ts";
import { incidentInput } from "../../core/incidents/incident.schemas.ts";
import { verifyAuditChain } from "../platform/audit/audit.service.ts";
import { openTestDatabase } from "../testing/test-database.ts";
import { type GeneratorWorld, generateIncidents, insertGeneratedIncidents, loadGeneratorWorld, settledAfterDays } from "./incident-generator.ts";

/** The incident generator: valid under the taxonomy rules, deterministic, realistic, fast to store. */
let database: Awaited<ReturnType<typeof openTestDatabase>>;
let world: GeneratorWorld;
const to = new Date("2026-06-30T12:00:00Z");

beforeAll(async () => {
  database = await openTestDatabase();
  world = await loadGeneratorWorld(database);
});
afterAll(() => database.drop());

describe("generated incidents", () => {
  const sample = () => [...generateIncidents(world, { count: 5000, seed: 7, to })];

  it("every one passes the API's schema and the SSIRS taxonomy rules", () => {
    const problems: string[] = [];
    for (const [index, incident] of sample().entries()) {
      const parsed = incidentInput.safeParse(incident.input);
      if (!parsed.success) problems.push(`${index}: ${parsed.error.message}`);
      else for (const problem of incidentProblems(parsed.data)) problems.push(`${index} ${incident.input.categoryCode}: ${problem.field} ${problem.message}`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it("is the same for the same seed, and different for another", () => {
    const first = [...generateIncidents(world, { count: 200, seed: 7, to })].map((item) => item.input);
    const again = [...generateIncidents(world, { count: 200, seed: 7, to })].map((item) => item.input);
    const other = [...generateIncidents(world, { count: 200, seed: 8, to })].map((item) => item.input);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it("looks like field data: frequent road accidents, robberies, burglaries and intimidation; rare fatalities; mostly verified or closed", () => {
    const incidents = sample();
    const byCategory = new Map<string, number>();
    for (const { input } of incidents) byCategory.set(input.categoryCode, (byCategory.get(input.categoryCode) ?? 0) + 1);
    const top = [...byCategory.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([code]) => code);
    expect(new Set(top)).toEqual(new Set(["road_traffic_accident", "robbery", "burglary", "intimidation"]));
    const fatalities = (byCategory.get("fatality_violence") ?? 0) + (byCategory.get("fatality_safety") ?? 0);
    expect(fatalities / incidents.length).toBeLessThan(0.01);
    const settled = incidents.filter((item) => item.status === "verified" || item.status === "closed").length;
    expect(settled / incidents.length).toBeGreaterThan(0.85);
    expect(incidents.some((item) => item.status === "draft")).toBe(true);
    const years = new Set(incidents.map((item) => item.input.occurredAt.slice(0, 4)));
    expect([...years].sort()).toEqual(["2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"]);
    expect(new Set(incidents.map((item) => item.station.id)).size).toBe(world.stations.length);
    expect(incidents.every((item) => Date.parse(item.input.occurredAt) < to.getTime())).toBe(true);
  });

  it("leaves no incident older than the settling age as a draft or waiting for verification, and dates each step in order", () => {
    const incidents = sample();
    const settledBefore = to.getTime() - settledAfterDays * 86_400_000;
    const old = incidents.filter((item) => Date.parse(item.input.occurredAt) < settledBefore);
    expect(old.length).toBeGreaterThan(3000);
    expect(old.filter((item) => item.status === "draft" || item.status === "submitted").map((item) => item.input.occurredAt)).toEqual([]);
    for (const { stamps, status } of old) {
      expect(stamps.verifiedAt).not.toBeNull();
      expect((stamps.verifiedAt as Date).getTime()).toBeGreaterThanOrEqual((stamps.submittedAt as Date).getTime());
      if (status === "closed") expect((stamps.closedAt as Date).getTime()).toBeGreaterThanOrEqual((stamps.verifiedAt as Date).getTime());
    }
    // Some recent ones are still in hand, as in real data.
    expect(incidents.some((item) => item.status === "submitted")).toBe(true);
  });
});

describe("storing generated incidents", () => {
  it("stores them in batches with the rollups kept exact and the audit chain valid; the same seed again adds nothing", async () => {
    const progress: number[] = [];
    const first = await insertGeneratedIncidents(database, { count: 1200, seed: 11, batchSize: 500, to, onProgress: (done) => progress.push(done) });
    expect(first.inserted).toBe(1200);
    expect(progress).toEqual([500, 1000, 1200]);
    const again = await insertGeneratedIncidents(database, { count: 1200, seed: 11, batchSize: 500, to });
    expect(again.inserted).toBe(0);
    const [stored] = await database.query<{ total: number; counted: number }>(
      "select count(*)::int as total, count(*) filter (where status <> 'draft')::int as counted from incidents where import_key like 'generated:11:%'",
    );
    expect(stored.total).toBe(1200);
    const [rollup] = await database.query<{ incidents: number }>("select coalesce(sum(incidents), 0)::int as incidents from incident_monthly_rollup");
    const [direct] = await database.query<{ incidents: number }>("select count(*)::int as incidents from incidents where status <> 'draft'");
    expect(rollup.incidents).toBe(direct.incidents);
    const [people] = await database.query<{ rolled: number; direct: number }>(
      "select (select coalesce(sum(people), 0) from incident_people_monthly_rollup)::int as rolled, (select coalesce(sum(p.count), 0) from incident_people p join incidents i on i.id = p.incident_id where i.status <> 'draft')::int as direct",
    );
    expect(people.rolled).toBe(people.direct);
    const audited = await database.query<{ count: number }>("select count(*)::int as count from audit_log where entity_type = 'incident' and action = 'create' and changes -> 'generatedBy' ->> 'to' = 'seed 11'");
    expect(audited[0].count).toBe(1200);
    expect((await verifyAuditChain(database)).isValid).toBe(true);
  });
});
