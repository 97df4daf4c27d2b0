/**
 * The cost of durable commits on the embedded database (PGLITE_DURABILITY): incidents created per
 * second through the HTTP API with `full` (fsync on: each commit's WAL flushed to the disk before
 * it is acknowledged) as a ratio to `fast` (fsync off, PGlite's own default), interleaved in the
 * same run on two copies of one seeded data directory. The figure depends on the disk: run it on
 * the disk that will hold DATA_DIR (`--dir <directory on that disk>`; the system's temporary
 * directory by default, which may be memory).
 *   npx tsx bench/pglite-durability.bench.ts [--runs 400] [--dir <directory>]
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadResponsibilityRegister } from "../src/server/modules/responsibilities/index.ts";
import { openDatabase, runMigrations } from "../src/server/platform/db/database.ts";
import type { PgliteDurability } from "../src/server/platform/db/pglite-open.ts";
import { seedDemo } from "../src/server/seed/demo.seed.ts";
import { machine, ms, option, signedIn, startApp } from "./incidents-support.ts";

const runs = Number(option("runs", "400"));
const batch = 20;
const root = mkdtempSync(path.join(option("dir", tmpdir()), "vigil-durability-"));

async function seeded(): Promise<string> {
  const dataDir = path.join(root, "seed");
  const database = await openDatabase({ dataDir, durability: "fast" });
  await runMigrations(database);
  await loadResponsibilityRegister(database);
  await seedDemo(database);
  await database.close();
  return dataDir;
}

async function open(durability: PgliteDurability, seed: string) {
  const dataDir = path.join(root, durability);
  cpSync(seed, dataDir, { recursive: true });
  const database = await openDatabase({ dataDir, durability });
  const [{ fsync }] = await database.query<{ fsync: string }>("show fsync");
  const app = await startApp(database);
  const asPcsa = await signedIn(app, "pcsa.mali@vigil.example");
  const [station] = await database.query<{ id: string }>("select id from places where name = 'Mopti'");
  const [organisation] = await database.query<{ id: string }>("select id from organisations where code = 'WFP'");
  let created = 0;
  const create = async () => {
    created += 1;
    const response = await asPcsa({
      method: "POST",
      url: "/api/incidents",
      payload: {
        occurredAt: "2026-01-10T09:30:00Z",
        timeZone: "Africa/Bamako",
        place: { dutyStationId: station.id },
        categoryCode: "road_traffic_accident",
        description: `Durability benchmark ${created}: a UN vehicle left the road near Mopti.`,
        source: "un_security",
        reporter: { name: "Benchmark" },
        organisationsAffected: [organisation.id],
        peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1, organisationId: organisation.id }],
      },
    });
    if (response.statusCode !== 201) throw new Error(`create answered ${response.statusCode} ${response.body}`);
  };
  const close = async () => {
    await app.close();
    await database.close();
  };
  return { durability, fsync, create, close, elapsedMs: 0, count: 0 };
}

console.log(`machine: ${machine()}; data directories under ${root}`);
try {
  const seed = await seeded();
  const sides = [await open("full", seed), await open("fast", seed)];
  for (const side of sides) for (let index = 0; index < batch; index += 1) await side.create(); // warm-up
  // Interleaved batches, so both see the same machine load and table sizes.
  for (let done = 0; done < runs; done += batch) {
    for (const side of sides) {
      const started = performance.now();
      for (let index = 0; index < batch; index += 1) await side.create();
      side.elapsedMs += performance.now() - started;
      side.count += batch;
    }
  }
  const perSecond = (side: (typeof sides)[number]) => (side.count / side.elapsedMs) * 1000;
  for (const side of sides) {
    console.log(`[${side.durability}] fsync=${side.fsync}: ${perSecond(side).toFixed(0)} incidents/s (mean ${ms(side.elapsedMs / side.count)} per create, ${side.count} creates)`);
  }
  const [full, fast] = sides;
  console.log(`full durability = ${(perSecond(full) / perSecond(fast)).toFixed(2)}× the throughput of fast (fsync off)`);
  for (const side of sides) await side.close();
} finally {
  rmSync(root, { recursive: true, force: true });
}
