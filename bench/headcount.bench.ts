/**
 * Headcount at full scale (issue 13, Performance): who is in one Designated Area at a moment,
 * `GET /api/travel/headcount` (counts by organisation, recruitment type, sex and place), with
 * 180,000 personnel, 300,000 dependants and 200,000 trips in the year. Goal: p95 ≤ 100 ms on
 * PostgreSQL and PGlite, printed beside `GET /api/auth/me` measured in the same run.
 *   npx tsx bench/headcount.bench.ts [--db pglite|postgres|both] [--personnel 180000] [--dependants 300000] [--trips 200000]
 *     [--pglite-dir <dir> | --postgres-url <url>: keep (and reuse) the database]
 *
 * The data are generated with set-based SQL (`insert … select generate_series`) on top of the demo:
 * 50 extra Designated Areas (2 Security Areas × 3 duty stations each) hold 90 % of the personnel,
 * Mali (the area measured, its P/C/SA calling) 10 %: 18,000 personnel and about 30,000 dependants,
 * a large country. Trips depart through the year around today (half past, half to come), last 1 to
 * 10 days with two legs (out and back), 85 % cleared, 10 % notified, the rest in other statuses;
 * one in ten goes to Mali, one traveller in ten is a dependant. Measured: the headcount of Mali now
 * and at a moment 60 days ago, then the first page of the people list.
 */
import type { Database } from "../src/server/platform/db/database.ts";
import { type DatabaseKind, kindsToRun, machine, ms, openBenchDatabase, option, percentile, signedIn, startApp } from "./incidents-support.ts";

const personnel = Number(option("personnel", "180000"));
const dependantCount = Number(option("dependants", "300000"));
const tripCount = Number(option("trips", "200000"));
const repeats = 40;
const user = "pcsa.mali@vigil.example";

async function generate(database: Database): Promise<void> {
  const q = (text: string) => database.query(text);
  const started = performance.now();
  await q(`insert into places (id, kind, parent_id, name, path, latitude, longitude)
    select id, 'designated_area', null, 'Bench area ' || n, '/' || id || '/', null, null from (select gen_random_uuid() as id, n from generate_series(1, 50) n) a`);
  await q(`insert into places (id, kind, parent_id, name, path)
    select id, 'security_area', da.parent, da.name || ' SA ' || k, da.path || id || '/'
    from (select gen_random_uuid() as id, p.id as parent, p.name, p.path, k from places p, generate_series(1, 2) k where p.name like 'Bench area %' and p.kind = 'designated_area') da`);
  await q(`insert into places (id, kind, parent_id, name, path, latitude, longitude)
    select id, 'duty_station', sa.parent, sa.name || ' DS ' || k, sa.path || id || '/', 10 + random() * 10, -5 + random() * 10
    from (select gen_random_uuid() as id, p.id as parent, p.name, p.path, k from places p, generate_series(1, 3) k where p.name like 'Bench area %' and p.kind = 'security_area') sa`);
  // Stations numbered: Mali's and the bench areas', for picking by arithmetic.
  await q(`create unlogged table bench_stations as
    select id, path, row_number() over (order by id) as rn, (path like (select path from places where name = 'Mali') || '%') as is_mali
    from places where kind = 'duty_station' and (name like 'Bench area %' or path like (select path from places where name = 'Mali') || '%')`);
  await q(`create unlogged table bench_mali as select id, path, row_number() over (order by id) as rn from bench_stations where is_mali`);
  await q(`create unlogged table bench_other as select id, path, row_number() over (order by id) as rn from bench_stations where not is_mali`);
  await q(`create unlogged table bench_organisations as select id, row_number() over (order by code) as rn from organisations`);
  // Rows are picked by number, one lookup per generated row: indexed, or the generation is quadratic.
  for (const table of ["bench_mali", "bench_other", "bench_organisations"]) await q(`create index on ${table} (rn)`);
  const [counts] = await database.query<{ mali: number; other: number; organisations: number }>(
    "select (select count(*)::int from bench_mali) as mali, (select count(*)::int from bench_other) as other, (select count(*)::int from bench_organisations) as organisations",
  );
  await q(`insert into persons (organisation_id, duty_station_id, place_path, given_name, family_name, sex, recruitment_type, category)
    select o.id, s.id, s.path, 'Bench', 'Person ' || g,
      case when g % 2 = 0 then 'female' else 'male' end,
      case when g % 5 = 0 then 'international' when g % 5 = 1 then 'national_not_locally_recruited' else 'locally_recruited' end,
      'general_service'
    from generate_series(1, ${personnel}) g
    join bench_organisations o on o.rn = 1 + g % ${counts.organisations}
    join lateral (
      select id, path from bench_mali where g % 10 = 0 and rn = 1 + (g / 10) % ${counts.mali}
      union all
      select id, path from bench_other where g % 10 <> 0 and rn = 1 + g % ${counts.other}
    ) s on true`);
  await q(`create unlogged table bench_people as select id, row_number() over (order by id) as rn from persons where given_name = 'Bench'`);
  await q("create index on bench_people (rn)");
  // Two dependants for most people, none for some: the total asked for.
  const perPerson = Math.ceil(dependantCount / personnel);
  await q(`insert into dependants (person_id, given_name, family_name, relationship, sex, is_eligible)
    select p.id, 'Bench', 'Dependant ' || p.rn || '-' || k, case when k = 1 then 'spouse' else 'child' end,
      case when (p.rn + k) % 2 = 0 then 'female' else 'male' end, (p.rn + k) % 20 <> 0
    from bench_people p, generate_series(1, ${perPerson}) k
    where (p.rn - 1) * ${perPerson} + k <= ${dependantCount}`);
  await q(`create unlogged table bench_dependants as select id, row_number() over (order by id) as rn from dependants where given_name = 'Bench'`);
  await q("create index on bench_dependants (rn)");
  for (const table of ["bench_mali", "bench_other", "bench_people", "bench_dependants"]) await q(`analyze ${table}`);
  const [{ dependants }] = await database.query<{ dependants: number }>("select count(*)::int as dependants from bench_dependants");
  await q(`create unlogged table bench_trips as
    select gen_random_uuid() as id, g,
      now() - interval '182 days' + (g * 365.0 / ${tripCount}) * interval '1 day' as departs_at,
      now() - interval '182 days' + (g * 365.0 / ${tripCount}) * interval '1 day' + (1 + g % 10) * interval '1 day' as returns_at,
      case when g % 20 < 17 then 'cleared' when g % 20 < 19 then 'notified' else 'under_review' end as status,
      case when g % 10 = 3 then (select id from bench_mali where rn = 1 + (g / 10) % ${counts.mali})
        else (select id from bench_other where rn = 1 + (g::bigint * 7) % ${counts.other}) end as destination,
      case when g % 10 = 7 then null else (select id from bench_people where rn = 1 + (g::bigint * 7919) % ${personnel}) end as person_id,
      case when g % 10 = 7 then (select id from bench_dependants where rn = 1 + (g::bigint * 104729) % ${dependants}) else null end as dependant_id
    from generate_series(1, ${tripCount}) g`);
  await q(`insert into travel_requests (id, number, kind, status, purpose, scope_paths, organisation_ids, departs_at, returns_at)
    select t.id, 'BENCH-' || g, case when status = 'notified' then 'notification' else 'clearance' end, status, 'Benchmark trip',
      array[p.place_path, dest.path], array[p.organisation_id], departs_at, returns_at
    from bench_trips t
    join persons p on p.id = coalesce(t.person_id, (select d.person_id from dependants d where d.id = t.dependant_id))
    join places dest on dest.id = t.destination`);
  await q(`insert into travel_travellers (request_id, person_id, dependant_id, position) select id, person_id, dependant_id, 0 from bench_trips`);
  await q(`insert into travel_legs (request_id, position, from_place_id, from_path, to_place_id, to_path, departure_local, arrival_local, departure_at, arrival_at, transport, status)
    select t.id, leg.position, leg.from_id, leg.from_path, leg.to_id, leg.to_path, '2026-01-01T07:00', '2026-01-01T16:00', leg.departure_at, leg.departure_at + interval '8 hours', 'road', 'cleared'
    from bench_trips t
    join persons p on p.id = coalesce(t.person_id, (select d.person_id from dependants d where d.id = t.dependant_id))
    join places dest on dest.id = t.destination
    cross join lateral (values
      (0, p.duty_station_id, p.place_path, dest.id, dest.path, t.departs_at),
      (1, dest.id, dest.path, p.duty_station_id, p.place_path, t.returns_at - interval '8 hours')
    ) as leg(position, from_id, from_path, to_id, to_path, departure_at)`);
  for (const table of ["bench_stations", "bench_mali", "bench_other", "bench_organisations", "bench_people", "bench_dependants", "bench_trips"]) await q(`drop table ${table}`);
  await q("analyze");
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function benchmark(kind: DatabaseKind) {
  const bench = await openBenchDatabase(kind);
  try {
    const [{ count }] = await bench.database.query<{ count: number }>("select count(*)::int as count from persons where given_name = 'Bench'");
    if (count === 0) await generate(bench.database);
    const [sizes] = await bench.database.query<Record<string, number>>(
      "select (select count(*)::int from persons) as persons, (select count(*)::int from dependants) as dependants, (select count(*)::int from travel_requests) as trips",
    );
    console.log(`[${kind}] ${sizes.persons} personnel, ${sizes.dependants} dependants, ${sizes.trips} trips`);
    const app = await startApp(bench.database);
    const call = await signedIn(app, user);
    const [{ id: mali }] = await bench.database.query<{ id: string }>("select id from places where name = 'Mali'");
    // `changeFirst`: a dependant is written before each request (outside the timing), so the
    // stationed count kept under the reference stamp must be read again: the first headcount after
    // any change to the register.
    const timings = async (url: string, changeFirst = false) => {
      const times: number[] = [];
      for (let index = 0; index < repeats + 3; index += 1) {
        if (changeFirst) await bench.database.query("update dependants set is_eligible = is_eligible where id = (select id from dependants order by id limit 1)");
        const started = performance.now();
        const response = await call({ method: "GET", url });
        const elapsed = performance.now() - started;
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode} ${response.body.slice(0, 300)}`);
        if (index >= 3) times.push(elapsed);
      }
      return times;
    };
    const baseline = percentile(await timings("/api/auth/me"), 95);
    console.log(`[${kind}] baseline GET /api/auth/me: p95 ${ms(baseline)}`);
    const past = new Date(Date.now() - 60 * 86_400_000).toISOString();
    const cases: [string, string, boolean?][] = [
      ["headcount of Mali now", `/api/travel/headcount?placeId=${mali}`],
      ["headcount of Mali now, first after a change to the register", `/api/travel/headcount?placeId=${mali}`, true],
      ["headcount of Mali 60 days ago", `/api/travel/headcount?placeId=${mali}&at=${encodeURIComponent(past)}`],
      ["people of Mali now, first page", `/api/travel/headcount/people?placeId=${mali}`],
    ];
    for (const [name, url, changeFirst] of cases) {
      const p95 = percentile(await timings(url, changeFirst), 95);
      const response = await call({ method: "GET", url });
      const total = name.startsWith("people") ? response.json().total : response.json().totals.total;
      console.log(`[${kind}] ${name} (${total} people): p95 ${ms(p95)} = ${(p95 / 100).toFixed(2)}× the 100 ms goal (${(p95 / baseline).toFixed(1)}× /api/auth/me)`);
    }
    await app.close();
  } finally {
    await bench.dispose();
  }
}

console.log(`Headcount benchmark on ${machine()}`);
for (const kind of kindsToRun()) await benchmark(kind);
