import { offsetAt } from "./time-zone.ts";
import { type RuleLanguage, type RuleMessages, ruleMessages } from "./incident-rules.messages.ts";
import { defaultCriticalCategoryCodes, findCategory, incidentCategories } from "./incident-taxonomy.data.ts";
import type { IncidentCategory, PersonOutcome } from "./incident-taxonomy.types.ts";
import type { IncidentInput } from "./incident.schemas.ts";

export type { RuleLanguage } from "./incident-rules.messages.ts";

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
 * Messages are in `language` (English by default), for the person who will read them.
 * `now` is the caller's clock (the server's controllable one): given, an incident may not be
 * dated in the future; without it (a pure check of a record's shape) that bound is skipped.
 */
export function incidentProblems(input: IncidentRuleInput, language: RuleLanguage = "en", now?: Date): IncidentProblem[] {
  const say = language === "fr" ? ruleMessages.fr : ruleMessages.en;
  const problems: IncidentProblem[] = [];
  problems.push(...occurredAtProblems(input.occurredAt, now, say));
  if (input.involvesMilitaryOrFormedPolice) {
    // SSIRS policy: no incidents involving military contingents or formed police units (IASMN 2015 §60)
    problems.push({ field: "involvesMilitaryOrFormedPolice", message: say.militaryExcluded() });
  }
  problems.push(...timeZoneProblems(input.occurredAt, input.timeZone, say));
  problems.push(...situationalAwarenessProblems(input, say));
  problems.push(...listProblems(input, say));
  const category = findCategory(input.categoryCode);
  if (!category) {
    problems.push(unknownCategoryProblem(input.categoryCode, say));
    return problems;
  }
  problems.push(...nearMissProblems(category, input, say));
  problems.push(...peopleProblems(category, input, say));
  problems.push(...premisesAndAssetProblems(category, input, say));
  return problems;
}

function unknownCategoryProblem(code: unknown, say: RuleMessages): IncidentProblem {
  const shown = typeof code === "string" ? JSON.stringify(code.slice(0, 64)) : "this code";
  const sexualAssault = incidentCategories.find((category) => category.isSexualAssault)!;
  // SSIRS policy: all kinds of sexual assault under one category (IASMN 2015 §57)
  if (typeof code === "string" && /sexual|(?:^|[^a-z])rape/i.test(code)) {
    return { field: "categoryCode", message: say.sexualAssaultCode(shown, sexualAssault) };
  }
  // SSIRS policy: one burglary category, for premises only (IASMN 2015 §59)
  if (typeof code === "string" && /burglar/i.test(code)) return { field: "categoryCode", message: say.burglaryCode(shown) };
  return { field: "categoryCode", message: say.unknownCategory(shown) };
}

/**
 * The first year an incident may be dated in: the year the United Nations was founded. Earlier
 * dates are typing mistakes (1026 for 2026), and they would skew every yearly report.
 */
export const earliestIncidentYear = 1945;

/** How far ahead of `now` an incident may be dated: the reporter's clock may run a little fast. */
export const incidentClockSkewMinutes = 15;

/**
 * An incident has happened, so it is not dated in the future (9999-12-31 was accepted, issue 11
 * item 11). The instant is compared, whatever the local time and offset it is written in.
 */
function occurredAtProblems(occurredAt: string, now: Date | undefined, say: RuleMessages): IncidentProblem[] {
  if (typeof occurredAt !== "string") return [];
  const instant = Date.parse(occurredAt);
  const year = /^(\d{4})-/.exec(occurredAt);
  if (Number.isNaN(instant) || !year) return [];
  // The year as the reporter wrote it, in local time.
  if (Number(year[1]) < earliestIncidentYear) return [{ field: "occurredAt", message: say.occurredTooEarly(earliestIncidentYear) }];
  if (now && instant > now.getTime() + incidentClockSkewMinutes * 60_000) {
    return [{ field: "occurredAt", message: say.occurredInFuture(incidentClockSkewMinutes) }];
  }
  return [];
}

/** The offset written in an ISO date-time in minutes, or null for Z, +00:00, -00:00 or no offset. */
function statedOffsetMinutes(occurredAt: string): number | null {
  const match = /([+-])(\d{2}):(\d{2})$/.exec(occurredAt);
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return minutes === 0 ? null : (match[1] === "-" ? -1 : 1) * minutes;
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
function timeZoneProblems(occurredAt: string, timeZone: string, say: RuleMessages): IncidentProblem[] {
  if (typeof occurredAt !== "string" || typeof timeZone !== "string") return [];
  const stated = statedOffsetMinutes(occurredAt);
  const instant = Date.parse(occurredAt);
  if (stated === null || Number.isNaN(instant)) return [];
  const actual = offsetAt(timeZone, instant);
  if (actual === null) return [{ field: "timeZone", message: say.timeZoneName() }];
  if (actual === stated) return [];
  return [{ field: "timeZone", message: say.timeZoneOffset(formatOffset(actual), formatOffset(stated)) }];
}

/**
 * SSIRS policy: an incident recorded for situational awareness only does not affect the UN
 * (IASMN 2015 §57, §60), so it names no UN organisation and counts no personnel. People affected
 * are UN personnel, counted by recruitment type.
 */
function situationalAwarenessProblems(input: IncidentRuleInput, say: RuleMessages): IncidentProblem[] {
  if (input.affectsUn) return [];
  const problems: IncidentProblem[] = [];
  if (input.organisationsAffected.length > 0) problems.push({ field: "organisationsAffected", message: say.awarenessOrganisations() });
  if (input.peopleAffected.length > 0) problems.push({ field: "peopleAffected", message: say.awarenessPeople() });
  return problems;
}

function listProblems(input: IncidentRuleInput, say: RuleMessages): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  const organisations = new Set<string>();
  input.organisationsAffected.forEach((id, index) => {
    if (organisations.has(id)) problems.push({ field: `organisationsAffected.${index}`, message: say.listedTwice() });
    organisations.add(id);
  });
  input.peopleAffected.forEach((row, index) => {
    if (row.personId != null && row.count !== 1) {
      problems.push({ field: `peopleAffected.${index}.count`, message: say.linkedLineCount() });
    }
    if (row.organisationId != null && !organisations.has(row.organisationId)) {
      problems.push({ field: `peopleAffected.${index}.organisationId`, message: say.lineOrganisation() });
    }
  });
  return problems;
}

function nearMissProblems(category: IncidentCategory, input: IncidentRuleInput, say: RuleMessages): IncidentProblem[] {
  if (!input.isNearMiss || category.canBeNearMiss) return [];
  return [{ field: "isNearMiss", message: say.nearMissCategory(category) }];
}

const categoriesAllowing = (outcome: PersonOutcome): IncidentCategory[] => incidentCategories.filter((category) => category.outcomes.includes(outcome));

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
function peopleProblems(category: IncidentCategory, input: IncidentRuleInput, say: RuleMessages): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  input.peopleAffected.forEach((row, index) => {
    const field = `peopleAffected.${index}.outcome`;
    if (!category.outcomes.includes(row.outcome)) {
      // IASMN 2015 §57: all kinds of sexual assault under one category
      const isSexualAssault = row.outcome === "sexually_assaulted";
      problems.push({ field, message: say.outcomeMisfit(row.outcome, category, isSexualAssault, categoriesAllowing(row.outcome)) });
    } else if (input.isNearMiss && !nearMissOutcomes.includes(row.outcome)) {
      problems.push({ field, message: say.nearMissOutcome(row.outcome, nearMissOutcomes) });
    }
  });
  const isRequirementWaived = !input.affectsUn || input.isNearMiss;
  const hasRequired = input.peopleAffected.some((row) => category.requiresOneOf.includes(row.outcome));
  if (category.requiresOneOf.length > 0 && !isRequirementWaived && !hasRequired) {
    problems.push({ field: "peopleAffected", message: say.requiresOutcome(category) });
  }
  return problems;
}

function premisesAndAssetProblems(category: IncidentCategory, input: IncidentRuleInput, say: RuleMessages): IncidentProblem[] {
  const problems: IncidentProblem[] = [];
  const hasPremises = input.premisesAffected.some((premises) => category.premisesKinds.includes(premises.kind));
  if (category.requiresPremises && !hasPremises) {
    // SSIRS policy: burglary applies to premises only (IASMN 2015 §59)
    const message = category.isPremisesOnly ? say.premisesOnly(category) : say.requiresPremises(category);
    problems.push({ field: "premisesAffected", message });
  }
  if (category.isPremisesOnly) {
    input.assetsAffected.forEach((asset, index) => {
      if (asset.kind !== "vehicle") return;
      problems.push({ field: `assetsAffected.${index}.kind`, message: say.premisesNotVehicle(category) });
    });
  }
  if (category.requiresVehicle && !input.assetsAffected.some((asset) => asset.kind === "vehicle")) {
    problems.push({ field: "assetsAffected", message: say.requiresVehicle(category) });
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
