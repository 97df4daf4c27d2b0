/**
 * What changed between two versions of an SRM assessment (issue 4: "changes make a new version,
 * with a diff view between versions"). Items are paired by their `key`, which a new version
 * copies, so an edited scenario shows as changed rather than as one removed and one added.
 * Pure: the server builds the two snapshots, the web app shows the result.
 */

export const headerDiffFields = ["title", "periodFrom", "periodTo", "reviewDueOn", "summary", "matrix"] as const;
export const activityDiffFields = ["organisation", "name", "description"] as const;
export const threatDiffFields = ["intent", "capability", "inhibitingContext", "narrative"] as const;
export const scenarioDiffFields = [
  "threatCategory",
  "title",
  "description",
  "exposed",
  "inherentLikelihood",
  "inherentImpact",
  "residualLikelihood",
  "residualImpact",
  "measuresText",
  "strategies",
  "justification",
  "activityKeys",
] as const;

/** Lists whose order carries no meaning: reordering them is not a change. */
const unorderedFields: ReadonlySet<string> = new Set(["exposed", "strategies", "activityKeys"]);

type Values<F extends readonly string[]> = { [K in F[number]]: unknown };
export type SnapshotItem<F extends readonly string[]> = { key: string; title: string } & Values<F>;

export type SrmSnapshot = {
  header: Values<typeof headerDiffFields>;
  activities: SnapshotItem<typeof activityDiffFields>[];
  /** Keyed by threat category (one threat assessment per category). */
  threats: SnapshotItem<typeof threatDiffFields>[];
  scenarios: SnapshotItem<typeof scenarioDiffFields>[];
};

export type FieldChange = { field: string; from: unknown; to: unknown };
export type ItemRef = { key: string; title: string };
export type ItemChange = ItemRef & { changes: FieldChange[] };
export type CollectionDiff = { added: ItemRef[]; removed: ItemRef[]; changed: ItemChange[] };
export type SrmDiff = { header: FieldChange[]; activities: CollectionDiff; threats: CollectionDiff; scenarios: CollectionDiff };

function comparable(field: string, value: unknown): string {
  if (Array.isArray(value) && unorderedFields.has(field)) return JSON.stringify([...value].map(String).sort());
  return JSON.stringify(value ?? null);
}

/** The fields whose values differ, in the order `fields` lists them. */
export function fieldChanges<F extends readonly string[]>(fields: F, from: Values<F>, to: Values<F>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields as readonly F[number][]) {
    const before = from[field] ?? null;
    const after = to[field] ?? null;
    if (comparable(field, before) !== comparable(field, after)) changes.push({ field, from: before, to: after });
  }
  return changes;
}

/** Added and changed items in the newer version's order; removed ones in the older version's. */
export function collectionDiff<F extends readonly string[]>(fields: F, from: SnapshotItem<F>[], to: SnapshotItem<F>[]): CollectionDiff {
  const before = new Map(from.map((item) => [item.key, item]));
  const afterKeys = new Set(to.map((item) => item.key));
  const diff: CollectionDiff = { added: [], removed: [], changed: [] };
  for (const item of to) {
    const previous = before.get(item.key);
    if (!previous) {
      diff.added.push({ key: item.key, title: item.title });
      continue;
    }
    const changes = fieldChanges(fields, previous, item);
    if (changes.length) diff.changed.push({ key: item.key, title: item.title, changes });
  }
  for (const item of from) if (!afterKeys.has(item.key)) diff.removed.push({ key: item.key, title: item.title });
  return diff;
}

/** Changes from version `from` to version `to`. */
export function diffSrmVersions(from: SrmSnapshot, to: SrmSnapshot): SrmDiff {
  return {
    header: fieldChanges(headerDiffFields, from.header, to.header),
    activities: collectionDiff(activityDiffFields, from.activities, to.activities),
    threats: collectionDiff(threatDiffFields, from.threats, to.threats),
    scenarios: collectionDiff(scenarioDiffFields, from.scenarios, to.scenarios),
  };
}

/** Whether nothing changed. */
export const isEmptyDiff = (diff: SrmDiff) =>
  diff.header.length === 0 && [diff.activities, diff.threats, diff.scenarios].every((part) => part.added.length + part.removed.length + part.changed.length === 0);
