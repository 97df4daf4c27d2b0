import { z } from "zod";
import { earliestDate, isoDate, latestDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";
import { typeset } from "../language/french-typography.ts";
import { isAir, transportModes } from "./clearance.ts";

/**
 * A travel request (issue 13 §3): travellers, a purpose and legs in order. Times are typed as the
 * traveller reads them on a ticket, in the local time of each leg's place (departure at the
 * origin, arrival at the destination); the server turns them into instants with each place's zone.
 */
const localDateTime = z
  .string({ message: "must be a local date and time as YYYY-MM-DDTHH:MM" })
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { message: "must be a local date and time as YYYY-MM-DDTHH:MM" })
  // The date part follows every date typed into Vigil: a real day (no 31 February), years 1900–2100.
  .refine((value) => !/^\d{4}-/.test(value) || isoDate.safeParse(value.slice(0, 10)).success, { message: `must be a real date between ${earliestDate} and ${latestDate}` });
const optionalText = (max: number) => z.string().trim().max(max, { message: `must be at most ${max} characters` }).nullable().optional();
const coordinate = (limit: number) => z.number().min(-limit).max(limit).nullable().optional();

export const legInput = z.object({
  fromPlaceId: uuidSchema.describe("A duty station, or the Security Area of a locality"),
  fromLocality: optionalText(200),
  toPlaceId: uuidSchema.describe("A duty station, or the Security Area of a locality"),
  toLocality: optionalText(200).describe("A locality inside the Security Area, when the destination is not a duty station"),
  toLatitude: coordinate(90),
  toLongitude: coordinate(180),
  departureLocal: localDateTime.describe("Departure in the origin's local time"),
  arrivalLocal: localDateTime.describe("Arrival in the destination's local time"),
  transport: z.enum(transportModes, { message: `must be one of ${transportModes.join(", ")}` }),
  operatorId: uuidSchema.nullable().optional().describe("The air operator, for air legs"),
  vehicleArrangement: optionalText(300).describe("For road legs: own vehicle, UN convoy, armoured, escorted…"),
  accommodation: optionalText(300),
  contact: optionalText(300).describe("Who to reach while there (need-to-know)"),
});
export type LegInput = z.infer<typeof legInput>;

export const travellerInput = z.union([z.object({ personId: uuidSchema }), z.object({ dependantId: uuidSchema })], {
  message: "must name a person (personId) or a dependant (dependantId)",
});
export type TravellerInput = z.infer<typeof travellerInput>;

export const requestKinds = ["clearance", "notification"] as const;
export type RequestKind = (typeof requestKinds)[number];

export const travelRequestInput = z.object({
  kind: z.enum(requestKinds).default("clearance").describe("notification: destinations that need no clearance, recorded for the headcount"),
  purpose: requiredText(500),
  activityKey: uuidSchema.nullable().optional().describe("The SRM activity the trip serves (required at security levels 5 and 6)"),
  isLateNotification: z.boolean().default(false).describe("A trip recorded after its departure"),
  travellers: z.array(travellerInput).min(1, { message: "needs at least one traveller" }).max(50, { message: "at most 50 travellers per request" }),
  legs: z.array(legInput).min(1, { message: "needs at least one leg" }).max(20, { message: "at most 20 legs per request" }),
});
export type TravelRequestInput = z.infer<typeof travelRequestInput>;

/** A leg once its times are instants (ms since the epoch). */
export type TimedLeg = { fromPlaceId: string; toPlaceId: string; departureAt: number; arrivalAt: number; transport: LegInput["transport"]; operatorId?: string | null };

export type ItineraryProblem = { field: string; message: string };

type Language = "en" | "fr";
const say = (language: Language, en: string, fr: string) => typeset(language === "fr" ? fr : en, language);

/**
 * What is wrong with an itinerary, per field, in the reader's language: arrival after departure,
 * each leg leaving from where the previous one arrived and not before it arrived, an operator on
 * air legs, and no departure in the past unless the trip is recorded as a late notification.
 */
export function itineraryProblems(legs: readonly TimedLeg[], now: number, isLateNotification: boolean, language: Language): ItineraryProblem[] {
  const problems: ItineraryProblem[] = [];
  legs.forEach((leg, index) => {
    const at = (field: string) => `legs.${index}.${field}`;
    if (leg.arrivalAt <= leg.departureAt) problems.push({ field: at("arrivalLocal"), message: say(language, "must be after the departure", "doit suivre le départ") });
    if (leg.fromPlaceId === leg.toPlaceId) problems.push({ field: at("toPlaceId"), message: say(language, "must differ from the origin", "doit différer du point de départ") });
    if (isAir(leg.transport) && !leg.operatorId)
      problems.push({ field: at("operatorId"), message: say(language, "is required for an air leg", "est obligatoire pour un trajet aérien") });
    const previous = legs[index - 1];
    if (previous) {
      if (leg.fromPlaceId !== previous.toPlaceId)
        problems.push({ field: at("fromPlaceId"), message: say(language, "must be where the previous leg arrives", "doit être l'arrivée du trajet précédent") });
      if (leg.departureAt < previous.arrivalAt)
        problems.push({ field: at("departureLocal"), message: say(language, "must not be before the previous leg arrives", "ne doit pas précéder l'arrivée du trajet précédent") });
    }
  });
  const first = legs[0];
  if (first && first.departureAt < now && !isLateNotification) {
    problems.push({
      field: "legs.0.departureLocal",
      message: say(language, "is in the past: record the trip as a late notification", "est passé : enregistrez le voyage comme notification tardive"),
    });
  }
  return problems;
}

/** Whole days between two instants, rounded down: the lead time a request gave. */
export const daysBetween = (from: number, to: number) => Math.floor((to - from) / 86_400_000);

/** A reviewer's decision on a leg: clear (with conditions of their own, if any), refuse, or ask for changes; the last two say why. */
export const legDecisions = ["clear", "refuse", "request_changes"] as const;
export const legDecisionInput = z
  .object({
    decision: z.enum(legDecisions, { message: `must be one of ${legDecisions.join(", ")}` }),
    conditions: z.array(requiredText(300)).max(10, { message: "at most 10 conditions" }).default([]).describe("The reviewer's own conditions, added to the area's"),
    note: z.string().trim().max(1000, { message: "must be at most 1000 characters" }).nullable().optional().describe("Why: required to refuse or to ask for changes"),
  })
  .superRefine((value, issues) => {
    if (value.decision !== "clear" && !value.note) issues.addIssue({ code: "custom", path: ["note"], message: "is required to refuse or to ask for changes" });
  });
export type LegDecisionInput = z.infer<typeof legDecisionInput>;
