import {
  categoryName,
  defaultCriticalCategoryCodes,
  findCategory,
  incidentCategories,
  taxonomyVersion,
} from "./incident-taxonomy.data.ts";
import type { IncidentCategory, PersonOutcome } from "./incident-taxonomy.types.ts";
import type { IncidentInput } from "./incident.schemas.ts";

export type IncidentProblem = { field: string; message: string };

/** The fields the rules read: a parsed `incidentInput`, or a stored incident merged with a patch. */
export type IncidentRuleInput = Pick<
  IncidentInput,
  | "occurredAt"
  | "timeZone"
  | "categoryCode"
  | "affectsUn"
  | "isNearMiss"
  | "involvesMilitaryOrFormedPolice"
  | "organisationsAffected"
  | "peopleAffected"
  | "premisesAffected"
  | "assetsAffected"
>;

/** A near miss could have harmed people but did not: the only outcomes it may record. */
export const nearMissOutcomes: readonly PersonOutcome[] = ["unharmed", "threatened"];

/**
 * The SSIRS business rules, as a list of problems (empty when the incident may be recorded).
 * Pure and total: it never throws, whatever the category code. Each problem names the field at
 * fault, with dotted paths for list items (`peopleAffected.2.outcome`), as the API reports them.
 */
export function incidentProblems(input: IncidentRuleInput): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  if (input.involvesMilitaryOrFormedPolice) {
    // SSIRS policy: no incidents involving military contingents or formed police units (IASMN 2015 §60)
    problems.push({
      field: "involvesMilitaryOrFormedPolice",
      message:
        "incidents involving members of military contingents or formed police units are not recorded in SSIRS, " +
        "in line with the Applicability section of the Security Policy Manual (IASMN 2015 §60): record them in the mission's own system",
    });
  }
  problems.push(...timeZoneProblems(input.occurredAt, input.timeZone));
  problems.push(...situationalAwarenessProblems(input));
  problems.push(...listProblems(input));
  const category = findCategory(input.categoryCode);
  if (!category) {
    problems.push(unknownCategoryProblem(input.categoryCode));
    return problems;
  }
  problems.push(...nearMissProblems(category, input));
  problems.push(...peopleProblems(category, input));
  problems.push(...premisesAndAssetProblems(category, input));
  return problems;
}

function unknownCategoryProblem(code: unknown): IncidentProblem {
  const shown = typeof code === "string" ? JSON.stringify(code.slice(0, 64)) : "this code";
  const sexualAssault = incidentCategories.find((category) => category.isSexualAssault)!;
  // SSIRS policy: all kinds of sexual assault under one category (IASMN 2015 §57)
  if (typeof code === "string" && /sexual|(?:^|[^a-z])rape/i.test(code)) {
    return {
      field: "categoryCode",
      message: `${shown} is not a category: all kinds of sexual assault are recorded under the one category ${categoryName(sexualAssault)}, which has no sub-categories (IASMN 2015 §57)`,
    };
  }
  // SSIRS policy: one burglary category, for premises only (IASMN 2015 §59)
  if (typeof code === "string" && /burglar/i.test(code)) {
    return {
      field: "categoryCode",
      message: `${shown} is not a category: burglary is one category, Burglary (burglary), reserved for premises; a vehicle break-in is Vehicle break-in (vehicle_break_in) (IASMN 2015 §59)`,
    };
  }
  return { field: "categoryCode", message: `${shown} is not a category of incident taxonomy version ${taxonomyVersion}` };
}

/** The offset written in an ISO date-time in minutes, or null for Z, +00:00, -00:00 or no offset. */
function statedOffsetMinutes(occurredAt: string): number | null {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(occurredAt);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return minutes === 0 ? null : (match[1] === "-" ? -1 : 1) * minutes;
}

/** The zone's UTC offset at that instant in minutes, or null when the zone or instant is unusable. */
function zoneOffsetMinutes(timeZone: string, instant: number): number | null {
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(new Date(instant))
      .find((part) => part.type === "timeZoneName")?.value;
    const match = name ? /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name) : null;
    if (!match) return null;
    if (!match[1]) return 0;
    return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  } catch {
    return null;
  }
}

const formatOffset = (minutes: number) => {
  const size = Math.abs(minutes);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
};

/**
 * The offset stated in `occurredAt` is the local time the reporter saw: it must be the time zone's
 * offset at that moment, or reports by local time of day are wrong. A UTC time (Z or +00:00)
 * states no local offset and is always accepted.
 */
function timeZoneProblems(occurredAt: string, timeZone: string): IncidentProblem[] {
  if (typeof occurredAt !== "string" || typeof timeZone !== "string") return [];
  const stated = statedOffsetMinutes(occurredAt);
  const instant = Date.parse(occurredAt);
  if (stated === null || Number.isNaN(instant)) return [];
  const actual = zoneOffsetMinutes(timeZone, instant);
  if (actual === null) return [{ field: "timeZone", message: "must be an IANA time zone name, as Africa/Nairobi" }];
  if (actual === stated) return [];
  return [
    {
      field: "timeZone",
      message: `is ${formatOffset(actual)} at that moment, but occurredAt says ${formatOffset(stated)}: correct the time zone or the time`,
    },
  ];
}

/**
 * SSIRS policy: an incident recorded for situational awareness only does not affect the UN
 * (IASMN 2015 §57, §60), so it names no UN organisation and counts no personnel. People affected
 * are UN personnel, counted by recruitment type.
 */
function situationalAwarenessProblems(input: IncidentRuleInput): IncidentProblem[] {
  if (input.affectsUn) return [];
  const problems: IncidentProblem[] = [];
  if (input.organisationsAffected.length > 0) {
    problems.push({
      field: "organisationsAffected",
      message: "must be empty for an incident recorded for situational awareness only; set affectsUn if it affects the UN",
    });
  }
  if (input.peopleAffected.length > 0) {
    problems.push({
      field: "peopleAffected",
      message:
        "counts UN personnel affected, so it must be empty for an incident recorded for situational awareness only; set affectsUn if it affects the UN",
    });
  }
  return problems;
}

function listProblems(input: IncidentRuleInput): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  const organisations = new Set<string>();
  input.organisationsAffected.forEach((id, index) => {
    if (organisations.has(id)) problems.push({ field: `organisationsAffected.${index}`, message: "is listed twice" });
    organisations.add(id);
  });
  input.peopleAffected.forEach((row, index) => {
    if (row.personId != null && row.count !== 1) {
      problems.push({ field: `peopleAffected.${index}.count`, message: "must be 1 on a line linked to one person" });
    }
    if (row.organisationId != null && !organisations.has(row.organisationId)) {
      problems.push({
        field: `peopleAffected.${index}.organisationId`,
        message: "must be one of the organisations affected: add it to organisationsAffected",
      });
    }
  });
  return problems;
}

function nearMissProblems(category: IncidentCategory, input: IncidentRuleInput): IncidentProblem[] {
  if (!input.isNearMiss || category.canBeNearMiss) return [];
  return [
    {
      field: "isNearMiss",
      message: `a near miss harmed no one, so it cannot be recorded under ${categoryName(category)}: choose the category of what nearly happened (for example Road traffic accident)`,
    },
  ];
}

const categoriesAllowing = (outcome: PersonOutcome) =>
  incidentCategories
    .filter((category) => category.outcomes.includes(outcome))
    .map(categoryName)
    .join(", ");

/**
 * People affected must fit the category (each category lists its outcomes, see the taxonomy data):
 * - killed: only fatality categories and events that can kill many at once (attacks, shelling,
 *   explosives, unrest, disasters, road, fire, aviation); a crime against a person that kills is a
 *   fatality by violence, as JIU 2016 Table 1 counts it;
 * - abducted, arrested/detained and sexually assaulted: only their own category;
 * - perpetrator outcomes (threatened, harassed, assaulted, robbed…): never in hazards or safety;
 * - a near miss: no one harmed (only unharmed or threatened);
 * - fatality, injury, abduction, sexual assault, arrest: at least one person with that outcome,
 *   unless recorded for situational awareness only or as a near miss (an attempt).
 */
function peopleProblems(category: IncidentCategory, input: IncidentRuleInput): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  input.peopleAffected.forEach((row, index) => {
    const field = `peopleAffected.${index}.outcome`;
    if (!category.outcomes.includes(row.outcome)) {
      const where =
        row.outcome === "sexually_assaulted"
          ? "all kinds of sexual assault are recorded under the one category" // IASMN 2015 §57
          : "that outcome is recorded only under";
      problems.push({
        field,
        message: `"${row.outcome}" does not fit the category ${categoryName(category)}: ${where} ${categoriesAllowing(row.outcome)}`,
      });
    } else if (input.isNearMiss && !nearMissOutcomes.includes(row.outcome)) {
      problems.push({
        field,
        message: `a near miss harmed no one, so no one is "${row.outcome}": people in a near miss are ${nearMissOutcomes.join(" or ")}; if someone was harmed, it is not a near miss`,
      });
    }
  });
  const isRequirementWaived = !input.affectsUn || input.isNearMiss;
  const hasRequired = input.peopleAffected.some((row) => category.requiresOneOf.includes(row.outcome));
  if (category.requiresOneOf.length > 0 && !isRequirementWaived && !hasRequired) {
    problems.push({
      field: "peopleAffected",
      message: `the category ${categoryName(category)} needs at least one person ${category.requiresOneOf.join(" or ")} when the incident affects the UN: add a line with that outcome`,
    });
  }
  return problems;
}

function premisesAndAssetProblems(category: IncidentCategory, input: IncidentRuleInput): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  const hasPremises = input.premisesAffected.some((premises) => category.premisesKinds.includes(premises.kind));
  if (category.requiresPremises && !hasPremises) {
    // SSIRS policy: burglary applies to premises only (IASMN 2015 §59)
    const message = category.isPremisesOnly
      ? `the category ${categoryName(category)} applies to premises only: list the premises entered; a theft from or of a vehicle is Vehicle break-in (vehicle_break_in), and other thefts are Theft (theft) (IASMN 2015 §59)`
      : `the category ${categoryName(category)} needs ${category.premisesKinds.length === 1 ? `a ${category.premisesKinds[0]}` : "the premises"} among the premises affected`;
    problems.push({ field: "premisesAffected", message });
  }
  if (category.isPremisesOnly) {
    input.assetsAffected.forEach((asset, index) => {
      if (asset.kind !== "vehicle") return;
      problems.push({
        field: `assetsAffected.${index}.kind`,
        message: `the category ${categoryName(category)} is for premises, never for a vehicle: record a vehicle break-in as Vehicle break-in (vehicle_break_in), or as Theft (theft) (IASMN 2015 §59)`,
      });
    });
  }
  if (category.requiresVehicle && !input.assetsAffected.some((asset) => asset.kind === "vehicle")) {
    problems.push({
      field: "assetsAffected",
      message: `the category ${categoryName(category)} needs the vehicle among the assets affected`,
    });
  }
  return problems;
}

/** Violence or safety, the split JIU 2016 analyses (§39); null for an unknown code. Hazards count as safety. */
export function violenceOrSafety(categoryCode: string): "violence" | "safety" | null {
  const category = findCategory(categoryCode);
  if (!category) return null;
  return category.isViolence ? "violence" : "safety";
}

/**
 * Killed plus injured from which an incident is a mass casualty. Vigil's default, not a policy
 * figure: no SSIRS text fixes one, so deployments may set their own.
 */
export const massCasualtyThreshold = 5;

export type CriticalReason = "critical_category" | "mass_casualty" | "attack_on_premises";

export type CriticalityInput = Pick<IncidentRuleInput, "categoryCode" | "affectsUn" | "peopleAffected" | "premisesAffected">;

/**
 * Why a submitted incident raises a flash alert to the DO and P/C/SA (issue 3): its category is in
 * the critical list (by default fatality, abduction, sexual assault, armed attack on premises),
 * killed + injured reach the mass-casualty threshold, or an attack (armed, explosive, shelling)
 * hit premises. Situational-awareness-only incidents raise none: SSIRS does not replace flash
 * reporting (IASMN 2015 §58), and the alert is about UN personnel and premises.
 */
export function criticalReasons(
  input: CriticalityInput,
  criticalCodes: Iterable<string> = defaultCriticalCategoryCodes,
  threshold: number = massCasualtyThreshold,
): CriticalReason[] {
  if (!input.affectsUn) return [];
  const reasons: CriticalReason[] = [];
  const category = findCategory(input.categoryCode);
  if (category && new Set(criticalCodes).has(category.code)) reasons.push("critical_category");
  const casualties = input.peopleAffected
    .filter((row) => row.outcome === "killed" || row.outcome === "injured")
    .reduce((sum, row) => sum + (Number.isFinite(row.count) && row.count > 0 ? row.count : 0), 0);
  if (casualties >= threshold) reasons.push("mass_casualty");
  if (category?.isAttack && input.premisesAffected.length > 0) reasons.push("attack_on_premises");
  return reasons;
}

export function isCriticalIncident(
  input: CriticalityInput,
  criticalCodes: Iterable<string> = defaultCriticalCategoryCodes,
  threshold: number = massCasualtyThreshold,
): boolean {
  return criticalReasons(input, criticalCodes, threshold).length > 0;
}
