import { z } from "zod";

/**
 * Security clearance of a trip (issue 13 §3; DOMAIN §4). The rules are data, kept per Designated
 * Area with Security Area overrides and versioned; a decision keeps the version it used. The
 * evaluation here is pure: the service gathers the facts (level in force, certificates, headcount,
 * operator, activity decision, measures) and this decides, per leg and per traveller, with every
 * reason that weighed, so the traveller and the reviewer see the same account.
 */

export const transportModes = ["commercial_air", "un_air", "charter", "donated_flight", "road", "boat", "rail"] as const;
export type TransportMode = (typeof transportModes)[number];
/** Air legs name an operator, whose category decides (§5). UN air service operators are in the register too. */
export const airModes: readonly TransportMode[] = ["commercial_air", "un_air", "charter", "donated_flight"];
export const isAir = (mode: TransportMode) => airModes.includes(mode);

export const operatorCategories = ["unrestricted", "conditional", "restricted"] as const;
export type OperatorCategory = (typeof operatorCategories)[number];

const autoMaxLevel = z
  .number({ message: "must be a security level" })
  .int({ message: "must be a whole level" })
  .min(0, { message: "must be 0 (nothing automatic) to 4" })
  .max(4, { message: "must be at most 4: levels 5 and 6 always need the DO" })
  .describe("Highest security level at which a trip is cleared without a reviewer");
const leadDays = z
  .number({ message: "must be a number of days" })
  .int({ message: "must be a whole number of days" })
  .min(0, { message: "must be 0 or more" })
  .max(90, { message: "must be at most 90 days" })
  .describe("Days between filing and departure below which a request is never automatic");

/** The rules as stored: a setting added later takes its default when an older version is read. */
export const clearanceRulesInput = z.object({
  autoMaxLevel: autoMaxLevel.default(2),
  leadDays: leadDays.default(7),
  requiredCourseCodes: z.array(z.string().trim().min(1).max(32)).max(20).default([]).describe("Courses required beyond BSAFE (SSAFE, the area's induction)"),
  ceilingTotal: z.number().int().min(1).nullable().default(null).describe("Most personnel present in the area at once"),
  ceilingInternational: z.number().int().min(1).nullable().default(null).describe("Most internationally recruited personnel present at once"),
  ceilingPerOrganisation: z.boolean().default(false).describe("The ceilings apply to each organisation separately"),
});
/** The rules as an area saves them: the automatic level and the notice are stated, never assumed. */
export const clearanceRulesBody = clearanceRulesInput.extend({ autoMaxLevel, leadDays });
export type ClearanceRules = z.infer<typeof clearanceRulesInput>;
export const defaultClearanceRules: ClearanceRules = clearanceRulesInput.parse({});

/** BSAFE is required of every person everywhere (DOMAIN §6); areas add their own courses. */
export const universalCourseCode = "BSAFE";
export const requiredCourses = (rules: ClearanceRules) => [universalCourseCode, ...rules.requiredCourseCodes.filter((code) => code !== universalCourseCode)];

export type Reason =
  | { code: "level_auto"; level: number }
  | { code: "level_review"; level: number; autoMaxLevel: number }
  | { code: "level_do"; level: number }
  | { code: "level_unknown" }
  | { code: "activity_missing"; level: number }
  | { code: "activity_blocked"; activity: string }
  | { code: "activity_not_accepted"; activity: string }
  | { code: "training_missing"; traveller: string; course: string }
  | { code: "training_expired"; traveller: string; course: string; expiresOn: string }
  | { code: "training_lapses"; traveller: string; course: string; expiresOn: string; returnOn: string }
  | { code: "late_request"; days: number; leadDays: number }
  | { code: "late_notification" }
  | { code: "ceiling"; kind: "total" | "international"; present: number; adding: number; limit: number; organisation: string | null }
  | { code: "organisation_suspended"; organisation: string; reason: string }
  | { code: "operator_restricted"; operator: string }
  | { code: "operator_unknown"; operator: string }
  | { code: "operator_conditional_no_rmt"; operator: string; mandatory: boolean }
  | { code: "operator_conditional_rmt"; operator: string; rmtLevel: string; approved: boolean }
  | { code: "operator_special_kind"; operator: string; kind: "charter_operator" | "donated_flight_provider" };

/** What the evaluation concludes for one leg, most severe first. */
export const legOutcomes = ["refused", "blocked", "review", "cleared"] as const;
export type LegOutcome = (typeof legOutcomes)[number];
export const reviewers = ["none", "area", "do"] as const;
export type Reviewer = (typeof reviewers)[number];

export type TravellerFacts = {
  name: string;
  /** Personnel need training; a dependant travelling with them does not. */
  isPersonnel: boolean;
  /** The latest certificate of each course the person holds, by course code. */
  certificates: Record<string, { courseName: string; expiresOn: string } | undefined>;
  internationallyRecruited: boolean;
  organisation: string | null;
};

export type LegFacts = {
  /** The security level in force at the destination (null when the area has none recorded). */
  level: number | null;
  rules: ClearanceRules;
  courseNames: Record<string, string>;
  /** The SRM activity the trip serves and the acceptable-risk decision on it (levels 5–6). */
  activity: { name: string; status: "allowed" | "accepted" | "needs_acceptance" | "blocked" | "no_pc" } | null;
  /** Today and the return date (YYYY-MM-DD), days between filing and this leg's departure. */
  today: string;
  returnOn: string;
  leadDaysGiven: number;
  isLateNotification: boolean;
  /** Personnel present in the destination area during the leg, per ceiling (from the headcount). */
  present: { total: number; international: number; byOrganisation: Record<string, { total: number; international: number }> };
  suspendedOrganisations: { organisation: string; reason: string }[];
  /** `reviewedKind`: a charter operator or a donated-flight provider, never cleared automatically (core/travel/air.ts). */
  air: {
    operator: string;
    category: OperatorCategory | null;
    rmt: { level: string; approved: boolean } | null;
    rmtMandatory: boolean;
    reviewedKind?: "charter_operator" | "donated_flight_provider" | null;
  } | null;
};

export type LegDecision = { outcome: LegOutcome; reviewer: Reviewer; reasons: Reason[] };

const severity = (outcome: LegOutcome) => legOutcomes.indexOf(outcome);
const worst = (a: LegOutcome, b: LegOutcome): LegOutcome => (severity(a) <= severity(b) ? a : b);

function trainingReasons(facts: LegFacts, travellers: readonly TravellerFacts[]): Reason[] {
  const reasons: Reason[] = [];
  for (const traveller of travellers.filter((one) => one.isPersonnel)) {
    for (const code of requiredCourses(facts.rules)) {
      const course = facts.courseNames[code] ?? code;
      const held = traveller.certificates[code];
      if (!held) reasons.push({ code: "training_missing", traveller: traveller.name, course });
      else if (held.expiresOn < facts.today) reasons.push({ code: "training_expired", traveller: traveller.name, course: held.courseName, expiresOn: held.expiresOn });
      else if (held.expiresOn < facts.returnOn)
        reasons.push({ code: "training_lapses", traveller: traveller.name, course: held.courseName, expiresOn: held.expiresOn, returnOn: facts.returnOn });
    }
  }
  return reasons;
}

function ceilingReasons(facts: LegFacts, travellers: readonly TravellerFacts[]): Reason[] {
  const { rules, present } = facts;
  const personnel = travellers.filter((one) => one.isPersonnel);
  const reasons: Reason[] = [];
  const check = (kind: "total" | "international", limit: number | null, organisation: string | null) => {
    if (limit === null) return;
    const counted = personnel.filter((one) => (kind === "total" || one.internationallyRecruited) && (organisation === null || one.organisation === organisation));
    const base = organisation === null ? present : (present.byOrganisation[organisation] ?? { total: 0, international: 0 });
    const already = kind === "total" ? base.total : base.international;
    if (counted.length > 0 && already + counted.length > limit) reasons.push({ code: "ceiling", kind, present: already, adding: counted.length, limit, organisation });
  };
  const organisations = rules.ceilingPerOrganisation ? [...new Set(personnel.map((one) => one.organisation))] : [null];
  for (const organisation of organisations) {
    check("total", rules.ceilingTotal, organisation);
    check("international", rules.ceilingInternational, organisation);
  }
  return reasons;
}

/**
 * Decide one leg for its travellers. Refused: a Restricted operator (no reviewer may clear it).
 * Blocked until the facts change: training, a blocked activity, a missing mandatory RMT, no activity
 * named at levels 5–6. Review: above the automatic level, late, over a ceiling, a suspended
 * organisation, an advisory RMT missing. Otherwise cleared at once.
 */
export function evaluateLeg(facts: LegFacts, travellers: readonly TravellerFacts[]): LegDecision {
  const reasons: Reason[] = [];
  let outcome: LegOutcome = "cleared";
  let reviewer: Reviewer = "none";
  const add = (reason: Reason, leads: LegOutcome) => {
    reasons.push(reason);
    outcome = worst(outcome, leads);
  };
  const level = facts.level;
  if (level === null) add({ code: "level_unknown" }, "review");
  else if (level >= 5) {
    add({ code: "level_do", level }, "review");
    reviewer = "do";
    if (!facts.activity) add({ code: "activity_missing", level }, "blocked");
    else if (facts.activity.status === "blocked" || facts.activity.status === "no_pc") add({ code: "activity_blocked", activity: facts.activity.name }, "blocked");
    else if (facts.activity.status === "needs_acceptance") add({ code: "activity_not_accepted", activity: facts.activity.name }, "blocked");
  } else if (level > facts.rules.autoMaxLevel) add({ code: "level_review", level, autoMaxLevel: facts.rules.autoMaxLevel }, "review");
  else reasons.push({ code: "level_auto", level });

  for (const reason of trainingReasons(facts, travellers)) add(reason, "blocked");
  if (facts.isLateNotification) add({ code: "late_notification" }, "review");
  else if (facts.leadDaysGiven < facts.rules.leadDays) add({ code: "late_request", days: facts.leadDaysGiven, leadDays: facts.rules.leadDays }, "review");
  for (const reason of ceilingReasons(facts, travellers)) add(reason, "review");
  const organisations = new Set(travellers.map((one) => one.organisation));
  for (const suspension of facts.suspendedOrganisations.filter((one) => organisations.has(one.organisation))) {
    add({ code: "organisation_suspended", organisation: suspension.organisation, reason: suspension.reason }, "review");
  }
  if (facts.air) {
    const { operator, category, rmt, rmtMandatory } = facts.air;
    if (category === null) add({ code: "operator_unknown", operator }, "review");
    else if (category === "restricted") add({ code: "operator_restricted", operator }, "refused");
    else if (category === "conditional") {
      if (rmt?.approved) reasons.push({ code: "operator_conditional_rmt", operator, rmtLevel: rmt.level, approved: true });
      else add({ code: "operator_conditional_no_rmt", operator, mandatory: rmtMandatory }, rmtMandatory ? "blocked" : "review");
    }
    if (facts.air.reviewedKind) add({ code: "operator_special_kind", operator, kind: facts.air.reviewedKind }, "review");
  }
  if (outcome !== "cleared" && reviewer === "none") reviewer = "area";
  return { outcome, reviewer, reasons };
}

/** The trip's standing from its legs: the most severe leg decides; cleared only when every leg is. */
export function tripOutcome(legs: readonly Pick<LegDecision, "outcome">[]): LegOutcome {
  return legs.reduce<LegOutcome>((current, leg) => worst(current, leg.outcome), "cleared");
}
