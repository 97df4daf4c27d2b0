import { findCategory, incidentGroupLabels } from "../../../core/incidents/incident-taxonomy.data.ts";
import { type PersonOutcome, personOutcomes } from "../../../core/incidents/incident-taxonomy.types.ts";

/**
 * The columns of an incident export, with their HXL hashtags (Humanitarian Exchange Language,
 * for the Humanitarian Data Exchange). The headers are also words the import recognises, so an
 * export can be imported elsewhere unchanged. Victim identities and reporters are never
 * exported: people affected are counts.
 */
export type ExportLanguage = "en" | "fr";

export type ExportIncident = {
  id: string;
  occurredAt: Date;
  timeZone: string;
  categoryCode: string;
  placeId: string;
  dutyStationId: string | null;
  latitude: number | null;
  longitude: number | null;
  status: string;
  affectsUn: boolean;
  isNearMiss: boolean;
  source: string;
  organisationsAffected: string[];
  premisesAffected: { kind: string; description: string }[];
  assetsAffected: { kind: string; description: string }[];
  description: string;
};

export type ExportPeopleLine = { outcome: string; recruitmentType: string; sex: string; count: number };

export type ExportLookups = {
  placeName: (id: string | null) => string;
  /** The security area of a place, or its designated area when it lies in none. */
  areaName: (placeId: string) => string;
  designatedAreaName: (placeId: string) => string;
  organisationCode: (id: string) => string;
};

export const exportColumns: { header: string; hashtag: string }[] = [
  { header: "id", hashtag: "#meta+id" },
  { header: "occurred_at_utc", hashtag: "#date+occurred" },
  { header: "occurred_at_local", hashtag: "#date+occurred+local" },
  { header: "time_zone", hashtag: "#meta+timezone" },
  { header: "category_code", hashtag: "#event+type+code" },
  { header: "category", hashtag: "#event+type+name" },
  { header: "group", hashtag: "#event+type+group" },
  { header: "violence_or_safety", hashtag: "#event+type+class" },
  { header: "duty_station", hashtag: "#loc+name" },
  { header: "area", hashtag: "#adm1+name" },
  { header: "designated_area", hashtag: "#country+name" },
  { header: "latitude", hashtag: "#geo+lat" },
  { header: "longitude", hashtag: "#geo+lon" },
  { header: "status", hashtag: "#status" },
  { header: "affects_un", hashtag: "#indicator+affects_un" },
  { header: "near_miss", hashtag: "#indicator+near_miss" },
  { header: "source", hashtag: "#meta+source" },
  { header: "organisations", hashtag: "#org+code" },
  ...personOutcomes.map((outcome) => ({ header: outcome, hashtag: `#affected+${outcome}` })),
  { header: "people_affected", hashtag: "#affected+detail" },
  { header: "premises", hashtag: "#meta+premises" },
  { header: "assets", hashtag: "#meta+assets" },
  { header: "description", hashtag: "#description" },
];

const localFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-05-17 14:30:00" in the incident's own time zone. */
export function localTime(instant: Date, timeZone: string): string {
  let format = localFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("sv-SE", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
    localFormats.set(timeZone, format);
  }
  return format.format(instant);
}

const list = (items: { kind: string; description: string }[]) => items.map((item) => `${item.kind}: ${item.description.replace(/;/g, ",")}`).join("; ");

/** One incident as the export's values, in column order: strings, numbers, booleans or null. */
export function exportValues(incident: ExportIncident, people: readonly ExportPeopleLine[], lookups: ExportLookups, language: ExportLanguage) {
  const category = findCategory(incident.categoryCode);
  const counts = new Map<string, number>();
  for (const line of people) counts.set(line.outcome, (counts.get(line.outcome) ?? 0) + line.count);
  return [
    incident.id,
    incident.occurredAt.toISOString().replace(".000Z", "Z"),
    localTime(incident.occurredAt, incident.timeZone),
    incident.timeZone,
    incident.categoryCode,
    category?.label[language] ?? incident.categoryCode,
    category ? incidentGroupLabels[category.group][language] : "",
    category ? (category.isViolence ? "violence" : "safety") : "",
    lookups.placeName(incident.dutyStationId),
    lookups.areaName(incident.placeId),
    lookups.designatedAreaName(incident.placeId),
    incident.latitude,
    incident.longitude,
    incident.status,
    incident.affectsUn,
    incident.isNearMiss,
    incident.source,
    incident.organisationsAffected.map(lookups.organisationCode).join("; "),
    ...personOutcomes.map((outcome: PersonOutcome) => counts.get(outcome) ?? 0),
    people.map((line) => `${line.outcome}/${line.recruitmentType}/${line.sex}/${line.count}`).join("; "),
    list(incident.premisesAffected),
    list(incident.assetsAffected),
    incident.description,
  ] as (string | number | boolean | null)[];
}

/** The same values as a GeoJSON feature: a point where the incident has coordinates. */
export function exportFeature(values: readonly (string | number | boolean | null)[]): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  exportColumns.forEach((column, index) => {
    if (column.header !== "id" && column.header !== "latitude" && column.header !== "longitude") properties[column.header] = values[index];
  });
  const latitude = values[exportColumns.findIndex((column) => column.header === "latitude")];
  const longitude = values[exportColumns.findIndex((column) => column.header === "longitude")];
  const geometry = typeof latitude === "number" && typeof longitude === "number" ? { type: "Point", coordinates: [longitude, latitude] } : null;
  return { type: "Feature", id: values[0], geometry, properties };
}
