import fc from "fast-check";
import { recruitmentTypes } from "../personnel/personnel.schemas.ts";
import { nearMissOutcomes } from "./incident-rules.ts";
import { incidentCategories } from "./incident-taxonomy.data.ts";
import { type IncidentCategory, assetKinds, personOutcomes, premisesKinds } from "./incident-taxonomy.types.ts";
import { type IncidentInput, incidentInput, incidentSexes } from "./incident.schemas.ts";

/** Shared by the incident tests: a valid incident, and generators of valid and arbitrary ones. */

export const organisationA = "0b9f6b5e-8a3c-4c1e-9d4f-1a2b3c4d5e6f";
export const organisationB = "6c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5";
export const dutyStationId = "9e8d7c6b-5a49-4383-a271-605f4e3d2c1b";

/** A raw incident body as a client would send it: a road traffic accident in Nairobi. */
export function rawIncident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: "2026-05-17T14:30:00+03:00",
    timeZone: "Africa/Nairobi",
    place: { dutyStationId },
    categoryCode: "road_traffic_accident",
    description: "A UN vehicle left the road near Naivasha.",
    source: "un_security",
    reporter: { name: "Amina Odhiambo" },
    organisationsAffected: [organisationA],
    peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
    assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-1234" }],
    ...overrides,
  };
}

/** The parsed incident, with fields replaced after parsing (to reach the rules with any value). */
export function incident(overrides: Partial<IncidentInput> = {}): IncidentInput {
  return { ...incidentInput.parse(rawIncident()), ...overrides };
}

export const person = (
  outcome: IncidentInput["peopleAffected"][number]["outcome"],
  extra: Partial<IncidentInput["peopleAffected"][number]> = {},
): IncidentInput["peopleAffected"][number] => ({ outcome, recruitmentType: "international", sex: "female", count: 1, ...extra });

// Zones without daylight saving, so a generated instant's offset is always the one written here.
const zones = [
  { name: "Africa/Nairobi", offset: "+03:00", minutes: 180 },
  { name: "Asia/Kathmandu", offset: "+05:45", minutes: 345 },
  { name: "America/Bogota", offset: "-05:00", minutes: -300 },
  { name: "UTC", offset: "Z", minutes: 0 },
] as const;

const instantArbitrary = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => Math.floor(ms / 1000) * 1000);

/** occurredAt written in the zone's local time with its offset, or in UTC with Z. */
const timeArbitrary = fc.record({ zone: fc.constantFrom(...zones), instant: instantArbitrary, isUtc: fc.boolean() }).map(
  ({ zone, instant, isUtc }) => {
    if (isUtc || zone.offset === "Z") return { timeZone: zone.name, occurredAt: new Date(instant).toISOString().replace(".000Z", "Z") };
    const local = new Date(instant + zone.minutes * 60_000).toISOString().slice(0, 19);
    return { timeZone: zone.name, occurredAt: `${local}${zone.offset}` };
  },
);

const premisesArbitrary = (kinds: readonly (typeof premisesKinds)[number][]) =>
  fc.record({ kind: fc.constantFrom(...kinds), description: fc.constant("Office block A") });
const assetArbitrary = (kinds: readonly (typeof assetKinds)[number][]) =>
  fc.record({ kind: fc.constantFrom(...kinds), description: fc.constant("Laptop") });

const rowSeedArbitrary = fc.record({
  outcomeIndex: fc.nat(),
  organisationIndex: fc.option(fc.nat(), { nil: null }),
  personId: fc.option(fc.uuid(), { nil: null }),
  count: fc.integer({ min: 1, max: 40 }),
  recruitmentType: fc.constantFrom(...recruitmentTypes),
  sex: fc.constantFrom(...incidentSexes),
});

/** An incident that obeys every rule, built from what its category's data allows. */
export function validIncidentOf(category: IncidentCategory): fc.Arbitrary<IncidentInput> {
  return fc
    .record({
      time: timeArbitrary,
      affectsUn: fc.boolean(),
      isNearMiss: category.canBeNearMiss ? fc.boolean() : fc.constant(false),
      organisations: fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 3 }),
      rowSeeds: fc.array(rowSeedArbitrary, { maxLength: 5 }),
      premises: fc.array(premisesArbitrary(premisesKinds), { maxLength: 2 }),
      assets: fc.array(assetArbitrary(category.isPremisesOnly ? assetKinds.filter((kind) => kind !== "vehicle") : assetKinds), { maxLength: 3 }),
      requiredPremises: premisesArbitrary(category.premisesKinds),
    })
    .map(({ time, affectsUn, isNearMiss, organisations, rowSeeds, premises, assets, requiredPremises }) => {
      const pool = category.outcomes.filter((outcome) => !isNearMiss || nearMissOutcomes.includes(outcome));
      const rows = rowSeeds.map((seed) => ({
        outcome: pool[seed.outcomeIndex % pool.length],
        recruitmentType: seed.recruitmentType,
        sex: seed.sex,
        count: seed.personId ? 1 : seed.count,
        personId: seed.personId,
        organisationId: seed.organisationIndex === null ? null : organisations[seed.organisationIndex % organisations.length],
      }));
      if (category.requiresOneOf.length > 0 && !isNearMiss) rows.push(person(category.requiresOneOf[0]) as (typeof rows)[number]);
      return incident({
        ...time,
        categoryCode: category.code,
        affectsUn,
        isNearMiss,
        involvesMilitaryOrFormedPolice: false,
        organisationsAffected: affectsUn ? organisations : [],
        peopleAffected: affectsUn ? rows : [],
        premisesAffected: category.requiresPremises ? [requiredPremises, ...premises] : premises,
        assetsAffected: category.requiresVehicle ? [...assets, { kind: "vehicle", description: "Pick-up UN-77" }] : assets,
      });
    });
}

export const validIncidentArbitrary: fc.Arbitrary<IncidentInput> = fc.constantFrom(...incidentCategories).chain(validIncidentOf);

/** Codes that must never be mistaken for a category: real ones, near misses, object keys, anything. */
export const anyCategoryCode = fc.oneof(
  fc.constantFrom(...incidentCategories.map((category) => category.code)),
  fc.constantFrom("sexual_rape", "Sexual_Assault", "burglary_vehicle", "constructor", "__proto__", "toString", ""),
  fc.string(),
  fc.string({ unit: "binary" }),
);

/** Any incident of the right shape, with values no schema would let through (counts, times, zones). */
export const arbitraryIncident: fc.Arbitrary<IncidentInput> = fc.record({
  occurredAt: fc.oneof(fc.string(), timeArbitrary.map((time) => time.occurredAt), fc.constant("2026-13-45T99:99:99+99:99")),
  timeZone: fc.oneof(fc.string(), fc.constantFrom("Africa/Nairobi", "Europe/Paris", "Mars/Olympus", "+03:00")),
  place: fc.constant({ dutyStationId }),
  categoryCode: anyCategoryCode,
  description: fc.string(),
  source: fc.constant("other" as const),
  sourceDetail: fc.constant(null),
  reporter: fc.constant({ name: "Reporter" }),
  affectsUn: fc.boolean(),
  isNearMiss: fc.boolean(),
  involvesMilitaryOrFormedPolice: fc.boolean(),
  organisationsAffected: fc.array(fc.constantFrom(organisationA, organisationB, "not-a-uuid"), { maxLength: 4 }),
  peopleAffected: fc.array(
    fc.record({
      outcome: fc.constantFrom(...personOutcomes),
      recruitmentType: fc.constantFrom(...recruitmentTypes),
      sex: fc.constantFrom(...incidentSexes),
      count: fc.oneof(fc.integer(), fc.double()),
      personId: fc.option(fc.uuid(), { nil: null }),
      organisationId: fc.option(fc.constantFrom(organisationA, organisationB), { nil: undefined }),
    }),
    { maxLength: 6 },
  ),
  premisesAffected: fc.array(premisesArbitrary(premisesKinds), { maxLength: 3 }),
  assetsAffected: fc.array(assetArbitrary(assetKinds), { maxLength: 3 }),
});
