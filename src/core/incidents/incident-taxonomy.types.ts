/**
 * The shape of the SSIRS incident taxonomy (DOMAIN.md §3, issue 3). The categories themselves are
 * data, in the `incident-taxonomy-*.data.ts` files; `incident-taxonomy.data.ts` assembles them.
 */

/** The six groups the categories sit under (issue 3). */
export const incidentGroups = ["violence_crime", "armed_conflict", "terrorism", "civil_unrest", "hazards", "safety"] as const;
export type IncidentGroup = (typeof incidentGroups)[number];

/**
 * Groups on the *safety* side of the violence-versus-safety split. JIU 2016 (§39, Table 1) sets
 * acts of violence against safety incidents, which "relate mainly to internal factors that can be
 * acted upon". Hazards are no one's deliberate act either, so they count on the safety side.
 */
export const safetyGroups: readonly IncidentGroup[] = ["hazards", "safety"];

/**
 * What happened to the people affected. SSIRS counts people by outcome × recruitment type × sex
 * (DOMAIN.md §3, "Impact on people"). `unharmed` records people who were present but not hurt
 * (a carjacked driver, everyone in a near miss).
 */
export const personOutcomes = [
  "killed",
  "injured",
  "ill",
  "missing",
  "abducted",
  "arrested",
  "detained",
  "threatened",
  "harassed",
  "assaulted",
  "robbed",
  "sexually_assaulted",
  "unharmed",
] as const;
export type PersonOutcome = (typeof personOutcomes)[number];

export const premisesKinds = ["office", "residence", "warehouse", "compound", "other"] as const;
export type PremisesKind = (typeof premisesKinds)[number];

export const assetKinds = ["vehicle", "equipment", "cash", "other"] as const;
export type AssetKind = (typeof assetKinds)[number];

/** A text in both working languages of the UNSMS. */
export type Translated = { readonly en: string; readonly fr: string };

export type IncidentCategory<Code extends string = string> = {
  /** Stable: never renamed or reused. Stored incidents and imports refer to it. */
  readonly code: Code;
  readonly group: IncidentGroup;
  /** Violence (a deliberate act by someone: violence, crime, threats, arrest) or safety. Derived from the group. */
  readonly isViolence: boolean;
  readonly label: Translated;
  readonly description: Translated;
  /** The outcomes people affected may have under this category; any other outcome conflicts with it. */
  readonly outcomes: readonly PersonOutcome[];
  /** At least one person must have one of these outcomes (for an incident affecting the UN, not a near miss). */
  readonly requiresOneOf: readonly PersonOutcome[];
  /** Premises affected are required, with at least one of `premisesKinds`. */
  readonly requiresPremises: boolean;
  readonly premisesKinds: readonly PremisesKind[];
  /** Applies to premises only, never to a vehicle (burglary: IASMN 2015 §59). */
  readonly isPremisesOnly: boolean;
  /** A vehicle is required among the assets affected. */
  readonly requiresVehicle: boolean;
  /** The one sexual-assault category (IASMN 2015 §57). Its records are need-to-know. */
  readonly isSexualAssault: boolean;
  /** In the default list of categories that raise a flash alert when submitted. */
  readonly isCritical: boolean;
  /** An armed or explosive attack: critical whenever it hits premises ("attack on premises"). */
  readonly isAttack: boolean;
  /** False where the category itself says someone was harmed (fatality, injury). */
  readonly canBeNearMiss: boolean;
  /** The category it is counted with where reports show a coarser line (vehicle break-in → theft). */
  readonly rollsUpTo: string | null;
};

type CategoryDraft<Code extends string> = Pick<IncidentCategory<Code>, "code" | "group" | "label" | "description" | "outcomes"> &
  Partial<Omit<IncidentCategory<Code>, "code" | "group" | "label" | "description" | "outcomes" | "isViolence">>;

/** A category with the usual defaults: no special requirement, not critical, may be a near miss. */
export function defineCategory<const Code extends string>(draft: CategoryDraft<Code>): IncidentCategory<Code> {
  return {
    requiresOneOf: [],
    requiresPremises: false,
    premisesKinds,
    isPremisesOnly: false,
    requiresVehicle: false,
    isSexualAssault: false,
    isCritical: false,
    isAttack: false,
    canBeNearMiss: true,
    rollsUpTo: null,
    ...draft,
    isViolence: !safetyGroups.includes(draft.group),
  };
}
