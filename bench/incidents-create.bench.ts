/**
 * (a) Recording an incident through the HTTP API (session, permission, validation, taxonomy
 * rules, place resolution, audit entry, the answer) against a raw single-row INSERT of the same
 * incident through the same database driver, interleaved in the same run. Goal: ≥ 0.5× (the
 * API keeps at least half the throughput of the bare insert). Also measured, interleaved: the
 * API's own write statement called directly (the incident, its people line and its audit entry,
 * no HTTP, session or checks), which bounds what any request handling could reach.
 *   npx tsx bench/incidents-create.bench.ts [--db pglite|postgres|both] [--runs 300]
 */
import { randomUUID } from "node:crypto";
import { incidentInput } from "../src/core/incidents/incident.schemas.ts";
import { insertIncident, prepareIncident } from "../src/server/modules/incidents/index.ts";
import { systemContext } from "../src/server/platform/http/context.ts";
import { type DatabaseKind, kindsToRun, machine, ms, openBenchDatabase, option, percentile, signedIn, startApp } from "./incidents-support.ts";

const runs = Number(option("runs", "300"));
const warmUp = 20;

async function benchmark(kind: DatabaseKind) {
  const bench = await openBenchDatabase(kind);
  const app = await startApp(bench.database);
  const asPcsa = await signedIn(app, "pcsa.mali@vigil.example");
  const [station] = await bench.database.query<{ id: string; path: string; latitude: number; longitude: number }>(
    "select id, path, latitude, longitude from places where name = 'Mopti'",
  );
  const [organisation] = await bench.database.query<{ id: string }>("select id from organisations where code = 'WFP'");
  const [user] = await bench.database.query<{ id: string }>("select id from users where email = 'pcsa.mali@vigil.example'");
  const body = (index: number) => ({
    occurredAt: "2026-01-10T09:30:00Z",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: station.id },
    categoryCode: "road_traffic_accident",
    description: `Benchmark ${index}: a UN vehicle left the road near Mopti.`,
    source: "un_security",
    reporter: { name: "Benchmark" },
    organisationsAffected: [organisation.id],
    peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1, organisationId: organisation.id }],
    assetsAffected: [{ kind: "vehicle", description: "UN-1234" }],
  });
  const insert = `insert into incidents (id, taxonomy_version, category_code, status, occurred_at, time_zone, place_id, place_path, duty_station_id,
      latitude, longitude, description, source, reporter_name, affects_un, is_near_miss, is_sensitive, organisations_affected,
      premises_affected, assets_affected, created_by_user_id)
    values ($1, 1, 'road_traffic_accident', 'draft', $2, 'Africa/Bamako', $3, $4, $3, $5, $6, $7, 'un_security', 'Benchmark', true, false, false,
      $8::uuid[], '[]'::jsonb, $9::jsonb, $10)`;
  const raw = (index: number) =>
    bench.database.query(insert, [
      randomUUID(),
      "2026-01-10T09:30:00Z",
      station.id,
      station.path,
      station.latitude,
      station.longitude,
      `Raw ${index}: a UN vehicle left the road near Mopti.`,
      `{${organisation.id}}`,
      JSON.stringify([{ kind: "vehicle", description: "UN-1234" }]),
      user.id,
    ]);
  const api = async (index: number) => {
    const response = await asPcsa({ method: "POST", url: "/api/incidents", payload: body(index) });
    if (response.statusCode !== 201) throw new Error(`create answered ${response.statusCode} ${response.body}`);
  };
  // The write statement alone, as the pcsa's request would send it, its place resolved once.
  const system = systemContext(bench.database, "bench");
  const writer = { ...system, actor: { ...system.actor, userId: user.id } };
  const place = await prepareIncident(writer, incidentInput.parse(body(0)));
  const write = (index: number) => insertIncident(bench.database.db, writer, incidentInput.parse(body(index)), place);
  const apiTimes: number[] = [];
  const rawTimes: number[] = [];
  const writeTimes: number[] = [];
  for (let index = 0; index < warmUp + runs; index += 1) {
    // Interleaved, so both see the same machine load and the same table size.
    let started = performance.now();
    await api(index);
    const apiMs = performance.now() - started;
    started = performance.now();
    await raw(index);
    const rawMs = performance.now() - started;
    started = performance.now();
    await write(index);
    const writeMs = performance.now() - started;
    if (index >= warmUp) {
      apiTimes.push(apiMs);
      rawTimes.push(rawMs);
      writeTimes.push(writeMs);
    }
  }
  await app.close();
  await bench.dispose();
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const ratio = mean(rawTimes) / mean(apiTimes);
  console.log(`[${kind}] create through the API: mean ${ms(mean(apiTimes))}, median ${ms(percentile(apiTimes, 50))}, p95 ${ms(percentile(apiTimes, 95))}`);
  console.log(`[${kind}] raw single-row INSERT (same driver): mean ${ms(mean(rawTimes))}, median ${ms(percentile(rawTimes, 50))}`);
  console.log(`[${kind}] the API's write statement alone (incident, people line, audit entry): mean ${ms(mean(writeTimes))}, median ${ms(percentile(writeTimes, 50))} = ${(mean(rawTimes) / mean(writeTimes)).toFixed(2)}× the raw insert's throughput`);
  console.log(`[${kind}] API throughput = ${ratio.toFixed(2)}× the raw insert's (goal ≥ 0.5×; ${runs} of each)`);
}

console.log(`machine: ${machine()}`);
for (const kind of kindsToRun()) await benchmark(kind);
