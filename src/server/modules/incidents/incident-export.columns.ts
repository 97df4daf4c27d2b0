import { findCategory, incidentGroupLabels, personOutcomeLabels } from "../../../core/incidents/incident-taxonomy.data.ts";
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

type Label = { en: string; fr: string };

/**
 * `header` is the column's code (for machines, with `?headers=codes` or the HXL choice);
 * `label` the readable header people get by default, in their language. Both are words the
 * import recognises (core/incidents/incident-import-fields.ts), so either export reads back.
 * `width` is the XLSX column width in characters.
 */
export const exportColumns: { header: string; hashtag: string; label: Label; width: number }[] = [
  { header: "id", hashtag: "#meta+id", label: { en: "ID", fr: "Identifiant" }, width: 38 },
  { header: "occurred_at_utc", hashtag: "#date+occurred", label: { en: "Occurred at (UTC)", fr: "Date et heure (UTC)" }, width: 22 },
  { header: "occurred_at_local", hashtag: "#date+occurred+local", label: { en: "Local date and time", fr: "Date et heure locales" }, width: 20 },
  { header: "time_zone", hashtag: "#meta+timezone", label: { en: "Time zone", fr: "Fuseau horaire" }, width: 20 },
  { header: "category_code", hashtag: "#event+type+code", label: { en: "Category code", fr: "Code catégorie" }, width: 26 },
  { header: "category", hashtag: "#event+type+name", label: { en: "Category", fr: "Catégorie" }, width: 30 },
  { header: "group", hashtag: "#event+type+group", label: { en: "Group", fr: "Groupe" }, width: 22 },
  { header: "violence_or_safety", hashtag: "#event+type+class", label: { en: "Violence or safety", fr: "Violence ou sûreté" }, width: 12 },
  { header: "duty_station", hashtag: "#loc+name", label: { en: "Duty station", fr: "Lieu d'affectation" }, width: 20 },
  { header: "area", hashtag: "#adm1+name", label: { en: "Security area", fr: "Zone de sécurité" }, width: 24 },
  { header: "designated_area", hashtag: "#country+name", label: { en: "Designated area", fr: "Zone désignée" }, width: 24 },
  { header: "latitude", hashtag: "#geo+lat", label: { en: "Latitude", fr: "Latitude" }, width: 11 },
  { header: "longitude", hashtag: "#geo+lon", label: { en: "Longitude", fr: "Longitude" }, width: 11 },
  { header: "status", hashtag: "#status", label: { en: "Status", fr: "Statut" }, width: 11 },
  { header: "affects_un", hashtag: "#indicator+affects_un", label: { en: "Affects the UN", fr: "Concerne l'ONU" }, width: 10 },
  { header: "near_miss", hashtag: "#indicator+near_miss", label: { en: "Near miss", fr: "Quasi-incident" }, width: 10 },
  { header: "source", hashtag: "#meta+source", label: { en: "Source", fr: "Source" }, width: 16 },
  { header: "organisations", hashtag: "#org+code", label: { en: "Organisations", fr: "Organismes" }, width: 16 },
  ...personOutcomes.map((outcome) => ({ header: outcome, hashtag: `#affected+${outcome}`, label: capitalised(personOutcomeLabels[outcome]), width: 10 })),
  { header: "people_affected", hashtag: "#affected+detail", label: { en: "People affected (detail)", fr: "Personnes touchées" }, width: 36 },
  { header: "premises", hashtag: "#meta+premises", label: { en: "Premises", fr: "Locaux" }, width: 30 },
  { header: "assets", hashtag: "#meta+assets", label: { en: "Assets", fr: "Biens" }, width: 30 },
  { header: "description", hashtag: "#description", label: { en: "Description", fr: "Description" }, width: 60 },
];

function capitalised(label: Label): Label {
  const first = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  return { en: first(label.en), fr: first(label.fr) };
}

export type ExportHeaders = "names" | "codes";

/** The header row: readable words in the reader's language, or the column codes for machines. */
export const exportHeaderRow = (headers: ExportHeaders, language: ExportLanguage) =>
  exportColumns.map((column) => (headers === "codes" ? column.header : column.label[language]));

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
