import { offsetAt } from "../../core/incidents/incident-import-time.ts";
import { incidentCategories } from "../../core/incidents/incident-taxonomy.data.ts";
import type { IncidentCategory, PersonOutcome, PremisesKind } from "../../core/incidents/incident-taxonomy.types.ts";
import type { IncidentInput, IncidentSex, IncidentSource } from "../../core/incidents/incident.schemas.ts";
import type { RecruitmentType } from "../../core/personnel/personnel.schemas.ts";
import { type NewIncident, insertIncidentRows } from "../modules/incidents/index.ts";
import { organisations, places } from "../modules/structure/index.ts";
import type { Database } from "../platform/db/database.ts";
import { type ServiceContext, systemContext } from "../platform/http/context.ts";
import { familyNames, givenNamesFemale, givenNamesMale } from "./demo-data.ts";
import { randomGenerator } from "./random.ts";

/**
 * Realistic SSIRS incidents, as many as asked (a million for the benchmarks), spread over the
 * duty stations of the database and the years since 2016. Deterministic: the same seed and the
 * same places give the same incidents. Every incident obeys the taxonomy rules, as the API and
 * the import enforce them, and is stored through the import's bulk insert (rollup triggers on).
 */

type Random = ReturnType<typeof randomGenerator>;

export type GeneratorStation = { id: string; name: string; path: string; latitude: number | null; longitude: number | null; areaId: string; areaPath: string; timeZone: string; weight: number };
export type GeneratorWorld = { stations: GeneratorStation[]; organisations: { id: string; code: string }[] };
export type GeneratedIncident = Omit<NewIncident, "importKey" | "stamps"> & { station: GeneratorStation; stamps: NonNullable<NewIncident["stamps"]> };

export async function loadGeneratorWorld(database: Database): Promise<GeneratorWorld> {
  const { db } = database;
  const rows = await db
    .select({ id: places.id, kind: places.kind, name: places.name, path: places.path, parentId: places.parentId, latitude: places.latitude, longitude: places.longitude, timeZone: places.timeZone })
    .from(places);
  const byId = new Map(rows.map((row) => [row.id, row]));
  // The place's own zone, else its nearest area's, else UTC (places made before zones were kept).
  const zoneOf = (row: (typeof rows)[number] | undefined): string => (!row ? "UTC" : (row.timeZone ?? zoneOf(row.parentId ? byId.get(row.parentId) : undefined)));
  const seenArea = new Set<string>();
  const stations = rows
    .filter((row) => row.kind === "duty_station")
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((row) => {
      const area = row.parentId ? byId.get(row.parentId) : undefined;
      // The first station of an area (its capital in the demo) sees more incidents.
      const isFirst = !seenArea.has(area?.id ?? row.id);
      seenArea.add(area?.id ?? row.id);
      return { id: row.id, name: row.name, path: row.path, latitude: row.latitude, longitude: row.longitude, areaId: area?.id ?? row.id, areaPath: area?.path ?? row.path, timeZone: zoneOf(row), weight: isFirst ? 4 : 1 };
    });
  const organisationRows = await db.select({ id: organisations.id, code: organisations.code }).from(organisations).orderBy(organisations.code);
  return { stations, organisations: organisationRows };
}

// The most frequent first (brief of issue 3 and JIU 2016 Table 1); fatalities are rare.
const categoryWeights: Record<string, number> = {
  road_traffic_accident: 18, robbery: 14, burglary: 12, intimidation: 11, theft: 8, harassment: 5, vehicle_break_in: 5,
  residence_break_in: 4, demonstration: 4, aggravated_assault: 3, arrest_detention: 3, medical_emergency: 3, carjacking: 2,
  injury_safety: 2, injury_violence: 1.5, fire: 1.5, natural_disaster: 1, kidnapping_threat: 1, bomb_threat: 1, shelling_crossfire: 1,
  abduction: 0.6, armed_attack_premises: 0.5, ied_explosive_attack: 0.5, explosive_remnants: 0.4, sexual_assault: 0.4,
  fatality_violence: 0.3, fatality_safety: 0.3, aviation_incident: 0.2,
};

function weightedPicker<T>(items: readonly T[], weightOf: (item: T) => number) {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) {
    total += weightOf(item);
    cumulative.push(total);
  }
  return (random: Random): T => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] > target) high = middle;
      else low = middle + 1;
    }
    return items[low];
  };
}

const pickCategory = weightedPicker(incidentCategories as readonly IncidentCategory[], (category) => categoryWeights[category.code] ?? 0.5);
const pickHour = weightedPicker([...Array(24).keys()], (hour) => (hour >= 7 && hour <= 21 ? 3 : hour >= 22 || hour <= 1 ? 2 : 1));
const pickSource = weightedPicker<[IncidentSource, number]>(
  [["un_security", 45], ["un_personnel", 25], ["host_authorities", 10], ["humanitarian_partner", 8], ["local_contact", 6], ["media", 4], ["other", 2]],
  ([, weight]) => weight,
);

/** What typically happens to people, per category: [outcome, chance of a line, most people on it]. */
const typicalPeople: Record<string, [PersonOutcome, number, number][]> = {
  road_traffic_accident: [["injured", 0.55, 3], ["killed", 0.04, 1], ["unharmed", 0.5, 2]],
  robbery: [["robbed", 0.9, 2], ["injured", 0.1, 1], ["threatened", 0.3, 2]],
  residence_break_in: [["robbed", 0.6, 2], ["threatened", 0.6, 3], ["assaulted", 0.1, 1]],
  intimidation: [["threatened", 0.95, 3]],
  harassment: [["harassed", 0.95, 2]],
  aggravated_assault: [["assaulted", 1, 1], ["injured", 0.4, 1]],
  arrest_detention: [["arrested", 0.6, 1], ["detained", 0.5, 2]],
  demonstration: [["threatened", 0.3, 4], ["injured", 0.08, 2], ["unharmed", 0.3, 5]],
  carjacking: [["robbed", 0.7, 1], ["threatened", 0.6, 2]],
  medical_emergency: [["ill", 0.9, 1], ["injured", 0.1, 1]],
  injury_safety: [["injured", 1, 2]],
  injury_violence: [["injured", 1, 1], ["assaulted", 0.5, 1]],
  fire: [["unharmed", 0.5, 5], ["injured", 0.1, 2]],
  natural_disaster: [["unharmed", 0.6, 10], ["injured", 0.05, 2], ["killed", 0.01, 1]],
  kidnapping_threat: [["threatened", 0.9, 2]],
  bomb_threat: [["threatened", 0.5, 10]],
  shelling_crossfire: [["unharmed", 0.6, 6], ["injured", 0.15, 2], ["killed", 0.02, 1]],
  ied_explosive_attack: [["injured", 0.3, 3], ["killed", 0.08, 2], ["unharmed", 0.4, 4]],
  explosive_remnants: [["unharmed", 0.6, 3], ["injured", 0.15, 1]],
  armed_attack_premises: [["unharmed", 0.6, 8], ["threatened", 0.4, 5], ["injured", 0.12, 2], ["killed", 0.03, 1]],
  abduction: [["abducted", 1, 2]],
  fatality_violence: [["killed", 1, 1], ["injured", 0.2, 2]],
  fatality_safety: [["killed", 1, 1], ["injured", 0.3, 2]],
  aviation_incident: [["unharmed", 0.8, 12], ["injured", 0.05, 3]],
  sexual_assault: [["sexually_assaulted", 1, 1]],
  theft: [["unharmed", 0.2, 1]],
};

const premisesFor: Partial<Record<string, PremisesKind[]>> = {
  burglary: ["residence", "residence", "residence", "office", "warehouse"],
  residence_break_in: ["residence"],
  armed_attack_premises: ["compound", "office", "warehouse", "residence"],
  fire: ["office", "residence", "warehouse"],
};

const premisesWords: Record<PremisesKind, string[]> = {
  office: ["UN House, main building", "Field office", "Sub-office annex"],
  residence: ["Staff residence", "Guest house", "Residence of a locally recruited staff member"],
  warehouse: ["Logistics warehouse", "Food stock warehouse"],
  compound: ["UN compound", "Humanitarian hub"],
  other: ["Radio room"],
};

const narratives: Record<string, [string, string]> = {
  road_traffic_accident: ["A UN vehicle collided with a truck on the road out of {place}.", "Un véhicule de l'ONU est entré en collision avec un camion à la sortie de {place}."],
  robbery: ["A staff member was robbed of a phone and cash at gunpoint in {place}.", "Un membre du personnel a été dépouillé de son téléphone et d'argent sous la menace d'une arme à {place}."],
  burglary: ["Premises in {place} were entered at night; equipment was stolen. No one was present.", "Des locaux ont été cambriolés de nuit à {place} ; du matériel a été volé. Personne n'était présent."],
  intimidation: ["Armed men threatened staff at a checkpoint near {place}.", "Des hommes armés ont menacé le personnel à un point de contrôle près de {place}."],
  theft: ["A laptop was stolen from a market stall visit in {place}.", "Un ordinateur portable a été volé lors d'un passage au marché de {place}."],
};

const pick = <T>(random: Random, values: readonly T[]) => values[Math.floor(random.next() * values.length)];
const pad = (value: number) => String(value).padStart(2, "0");

/** The instant as local ISO 8601 with the zone's offset then ("2021-03-04T18:20:00+01:00"). */
function localIso(instant: number, timeZone: string): string {
  const offset = offsetAt(timeZone, instant) ?? 0;
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  if (offset === 0) return `${local}Z`;
  const size = Math.abs(offset);
  return `${local}${offset < 0 ? "-" : "+"}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

function peopleFor(random: Random, category: IncidentCategory, isNearMiss: boolean, organisationIds: string[]): IncidentInput["peopleAffected"] {
  const allowed = (outcome: PersonOutcome) => category.outcomes.includes(outcome) && (!isNearMiss || outcome === "unharmed" || outcome === "threatened");
  const line = (outcome: PersonOutcome, most: number) => ({
    outcome,
    recruitmentType: (random.chance(0.25) ? "international" : random.chance(0.87) ? "locally_recruited" : "national_not_locally_recruited") as RecruitmentType,
    sex: (random.chance(0.05) ? "unknown" : random.chance(0.37) ? "female" : "male") as IncidentSex,
    count: outcome === "killed" ? 1 + (random.chance(0.1) ? 1 : 0) : random.integer(1, most),
    personId: null,
    organisationId: organisationIds.length && random.chance(0.7) ? pick(random, organisationIds) : null,
  });
  const lines = (typicalPeople[category.code] ?? [["unharmed", 0.3, 2]])
    .filter(([outcome, chance]) => allowed(outcome) && random.chance(chance))
    .map(([outcome, , most]) => line(outcome, most));
  const required = category.requiresOneOf.find(allowed);
  if (required && !isNearMiss && !lines.some((item) => category.requiresOneOf.includes(item.outcome))) lines.push(line(required, 1));
  if (isNearMiss && lines.length === 0) lines.push(line("unharmed", 3));
  return lines;
}

/** Past this age a generated incident has been through the workflow: the P/C/SA verifies within weeks. */
export const settledAfterDays = 90;

/**
 * Draft, submitted, verified or closed, and when each step was taken. Recent incidents are still
 * in hand; from a month on, a few still wait; past `settledAfterDays` every one was verified, and
 * most closed, as in real data (an incident left "submitted" for years reads as neglect).
 */
function workflowOf(random: Random, occurred: number, now: number): Pick<GeneratedIncident, "status" | "stamps"> {
  const ageDays = (now - occurred) / 86_400_000;
  const draw = random.next();
  const status =
    ageDays < 30
      ? draw < 0.1 ? "draft" : draw < 0.4 ? "submitted" : "verified"
      : ageDays < settledAfterDays
        ? draw < 0.01 ? "draft" : draw < 0.03 ? "submitted" : draw < 0.3 ? "verified" : "closed"
        : draw < 0.3 ? "verified" : "closed";
  const at = (base: number, minHours: number, maxHours: number) => new Date(Math.min(now, base + random.integer(minHours, maxHours) * 3_600_000));
  const submittedAt = at(occurred, 1, 48);
  const verifiedAt = status === "verified" || status === "closed" ? at(submittedAt.getTime(), 4, 240) : null;
  const closedAt = status === "closed" && verifiedAt ? at(verifiedAt.getTime(), 240, 1440) : null;
  return {
    status,
    stamps: {
      createdAt: status === "draft" ? at(occurred, 0, 6) : submittedAt,
      submittedAt: status === "draft" ? null : submittedAt,
      verifiedAt,
      verifiedByName: verifiedAt ? "P/C/SA" : null,
      closedAt,
    },
  };
}

export type GenerateOptions = { count: number; seed?: number; from?: string; to?: Date };

/** The incidents, one at a time (a million fit in no array comfortably). */
export function* generateIncidents(world: GeneratorWorld, options: GenerateOptions): Generator<GeneratedIncident> {
  if (world.stations.length === 0) throw new Error("There are no duty stations to place incidents at: load the structure (or the demo) first");
  const random = randomGenerator(options.seed ?? 20160101);
  const pickStation = weightedPicker(world.stations, (station) => station.weight);
  const start = Date.parse(`${options.from ?? "2016-01-01"}T00:00:00Z`);
  const now = (options.to ?? new Date()).getTime();
  const organisationIds = world.organisations.map((organisation) => organisation.id);
  for (let index = 0; index < options.count; index += 1) {
    const category = pickCategory(random);
    const station = pickStation(random);
    // Later years see more incidents (more personnel in the field, better reporting).
    const day = Math.floor((start + (now - start) * Math.sqrt(random.next())) / 86_400_000) * 86_400_000;
    const occurred = Math.min(now - 3_600_000, day + pickHour(random) * 3_600_000 + random.integer(0, 59) * 60_000 - (offsetAt(station.timeZone, day) ?? 0) * 60_000);
    const affectsUn = random.chance(0.88);
    const isNearMiss = category.canBeNearMiss && random.chance(0.04);
    const affected = affectsUn ? [...new Set(Array.from({ length: random.chance(0.2) ? 2 : 1 }, () => pick(random, organisationIds)))] : [];
    const premisesKinds = premisesFor[category.code] ?? (category.requiresPremises ? category.premisesKinds : []);
    const premisesKind = premisesKinds.length ? pick(random, premisesKinds) : null;
    const assets: IncidentInput["assetsAffected"] = [];
    if (category.requiresVehicle || category.code === "road_traffic_accident") assets.push({ kind: "vehicle", description: `UN-${random.integer(100, 9999)}` });
    if (category.code === "theft" || category.code === "burglary") assets.push({ kind: random.chance(0.7) ? "equipment" : "cash", description: pick(random, ["Laptop", "Satellite phone", "Petty cash", "Radio"]) });
    const [english, french] = narratives[category.code] ?? [`${category.label.en} reported at {place}.`, `${category.label.fr} signalé à {place}.`];
    const isFrench = random.chance(0.3);
    yield {
      station,
      input: {
        occurredAt: localIso(occurred, station.timeZone),
        timeZone: station.timeZone,
        place: { dutyStationId: station.id },
        categoryCode: category.code,
        description: (isFrench ? french : english).replace("{place}", station.name),
        source: pickSource(random)[0],
        sourceDetail: null,
        reporter: { name: `${pick(random, random.chance(0.5) ? givenNamesFemale : givenNamesMale)} ${pick(random, familyNames)}` },
        affectsUn,
        isNearMiss,
        involvesMilitaryOrFormedPolice: false,
        organisationsAffected: affected,
        peopleAffected: affectsUn ? peopleFor(random, category, isNearMiss, affected) : [],
        premisesAffected: premisesKind ? [{ kind: premisesKind, description: pick(random, premisesWords[premisesKind]) }] : [],
        assetsAffected: assets,
      },
      place: { placeId: station.id, placePath: station.path, dutyStationId: station.id, latitude: station.latitude, longitude: station.longitude },
      ...workflowOf(random, occurred, now),
    };
  }
}

export type InsertOptions = GenerateOptions & {
  batchSize?: number;
  /** "each": a `create` audit entry per incident (the demo); "batch": one per batch (a million for benchmarks). */
  audit?: "each" | "batch";
  onProgress?: (done: number, total: number) => void;
  context?: ServiceContext;
};

/**
 * Generates and stores incidents in batches, one transaction each, with multi-row INSERTs.
 * Import keys `generated:<seed>:<n>` make a second run with the same seed add nothing.
 */
export async function insertGeneratedIncidents(database: Database, options: InsertOptions): Promise<{ inserted: number }> {
  const seed = options.seed ?? 20160101;
  const context = options.context ?? systemContext(database, "incident generator");
  const batchSize = options.batchSize ?? 1000;
  const world = await loadGeneratorWorld(database);
  let batch: NewIncident[] = [];
  let done = 0;
  let inserted = 0;
  const flush = async () => {
    const stored = await database.db.transaction((tx) => insertIncidentRows(tx, context, batch, options.audit ?? "each"));
    inserted += stored.length;
    done += batch.length;
    batch = [];
    options.onProgress?.(done, options.count);
  };
  let index = 0;
  for (const incident of generateIncidents(world, { ...options, seed })) {
    batch.push({ ...incident, importKey: `generated:${seed}:${index}`, auditNote: { generatedBy: { from: null, to: `seed ${seed}` } } });
    index += 1;
    if (batch.length === batchSize) await flush();
  }
  if (batch.length) await flush();
  return { inserted };
}

/** A few hundred incidents for the demo dataset, each with its own audit entry (history shows its creation). */
export function addDemoIncidents(database: Database, count = 300, seed = 20261123): Promise<{ inserted: number }> {
  return insertGeneratedIncidents(database, { count, seed, audit: "each", batchSize: 300, context: systemContext(database, "demo seed") });
}

export const importHeaders = ["occurred_at", "time_zone", "duty_station", "category_code", "description", "source", "affects_un", "near_miss", "organisations", "people_affected", "premises", "assets", "status"];

/**
 * Generated incidents as rows of an import file (headers above): local times with their zone,
 * stations and organisations by name and code, people as export lines. For tests and benchmarks.
 */
export function generatedImportRows(world: GeneratorWorld, options: GenerateOptions): string[][] {
  const codes = new Map(world.organisations.map((organisation) => [organisation.id, organisation.code]));
  const items = (list: { kind: string; description: string }[]) => list.map((item) => `${item.kind}: ${item.description}`).join("; ");
  return [...generateIncidents(world, options)].map(({ input, station, status }) => [
    input.occurredAt.slice(0, 16).replace("T", " "),
    input.timeZone,
    station.name,
    input.categoryCode,
    input.description,
    input.source,
    String(input.affectsUn),
    String(input.isNearMiss),
    input.organisationsAffected.map((id) => codes.get(id)).join("; "),
    input.peopleAffected.map((line) => `${line.outcome}/${line.recruitmentType}/${line.sex}/${line.count}`).join("; "),
    items(input.premisesAffected),
    items(input.assetsAffected),
    status,
  ]);
}
