import { z } from "zod";
import { type ColumnMapping, columnMappingInput, normaliseWords, suggestColumns } from "../import-columns.ts";
import { recruitmentTypes } from "../personnel/personnel.schemas.ts";
import { personOutcomeLabels } from "./incident-taxonomy.data.ts";
import { type PersonOutcome, personOutcomes } from "./incident-taxonomy.types.ts";
import { incidentSources, isKnownTimeZone } from "./incident.schemas.ts";

/**
 * What an incident import reads from a file (CSV or XLSX): the target fields a column can be
 * mapped to, the words that suggest a mapping (English, French and HXL hashtags), and the
 * defaults for what a file does not say. Pure data and functions, shared by server and web.
 * What every import shares (header words, unique headers, the suggestion) is in core/import-columns.ts.
 */

export { isHashtagRow, normaliseWords, uniqueHeaders } from "../import-columns.ts";

export type CountField = `count.${PersonOutcome}`;
export const countFields = personOutcomes.map((outcome) => `count.${outcome}` as CountField);

export const importFields = [
  "externalId",
  "occurredAt",
  "occurredDate",
  "occurredTime",
  "timeZone",
  "dutyStation",
  "latitude",
  "longitude",
  "category",
  "description",
  "source",
  "sourceDetail",
  "reporterName",
  "affectsUn",
  "isNearMiss",
  "involvesMilitaryOrFormedPolice",
  "organisations",
  "status",
  "peopleAffected",
  ...countFields,
  "premises",
  "assets",
] as const;
export type ImportField = (typeof importFields)[number];

/**
 * Imported incidents are `submitted` by default, so they count in dashboards (rollups skip
 * drafts); `verified` and `closed` need the right to verify at the incident's place.
 */
export const importStatuses = ["draft", "submitted", "verified", "closed"] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** Target field → column header of the file. */
export const importMappingInput = columnMappingInput(importFields);
export type ImportMapping = ColumnMapping<ImportField>;

/** What a row does not say. */
export const importDefaultsInput = z.object({
  timeZone: z
    .string()
    .trim()
    .max(64)
    .refine(isKnownTimeZone, { message: "must be an IANA time zone name, as Africa/Bamako" })
    .optional()
    .describe("Time zone of rows without one (local times are read in it)"),
  status: z.enum(importStatuses, { message: `must be one of ${importStatuses.join(", ")}` }).optional(),
  source: z.enum(incidentSources, { message: `must be one of ${incidentSources.join(", ")}` }).optional(),
  affectsUn: z.boolean({ message: "must be true or false" }).optional(),
  recruitmentType: z
    .enum(recruitmentTypes, { message: `must be one of ${recruitmentTypes.join(", ")}` })
    .optional()
    .describe("Recruitment type of people counted in per-outcome columns"),
  reporterName: z.string().trim().min(1).max(160).optional(),
});
export type ImportDefaults = z.infer<typeof importDefaultsInput>;

const outcomeWords = (outcome: PersonOutcome): string[] => [
  outcome.replace(/_/g, " "),
  personOutcomeLabels[outcome].en,
  personOutcomeLabels[outcome].fr,
  `${personOutcomeLabels[outcome].fr}s`,
  `#affected+${outcome}`,
];

const extraOutcomeWords: Partial<Record<PersonOutcome, string[]>> = {
  killed: ["dead", "deaths", "fatalities", "morts", "deces"],
  injured: ["wounded", "injuries"],
  abducted: ["kidnapped"],
  ill: ["sick"],
};

/** Header words for each field, best first. HXL hashtags are matched on the hashtag row. */
export const fieldSynonyms: Record<ImportField, string[]> = {
  externalId: ["id", "external id", "incident id", "reference", "ref", "identifiant", "reference externe", "#meta+id"],
  occurredAt: [
    "occurred at utc",
    "occurred at",
    "date and time",
    "datetime",
    "date time",
    "date et heure utc",
    "date et heure",
    "date heure",
    "survenu le",
    "#date+occurred",
    "#date+occurred+utc",
  ],
  occurredDate: ["date", "incident date", "date de l incident", "jour", "#date"],
  occurredTime: ["time", "heure", "incident time", "#date+time"],
  timeZone: ["time zone", "timezone", "tz", "fuseau horaire", "fuseau", "#meta+timezone"],
  dutyStation: ["duty station", "station", "lieu d affectation", "poste", "location", "lieu", "place", "#loc+name", "#loc"],
  latitude: ["latitude", "lat", "#geo+lat"],
  longitude: ["longitude", "lon", "lng", "long", "#geo+lon"],
  category: ["category code", "code categorie", "category", "categorie", "incident type", "type d incident", "type", "#event+type+code", "#event+type"],
  description: ["description", "narrative", "what happened", "summary", "details", "recit", "resume", "#description"],
  source: ["source", "source of information", "#meta+source"],
  sourceDetail: ["source detail", "source details", "detail de la source"],
  reporterName: ["reporter", "reporter name", "reported by", "rapporteur", "signale par", "#contact+name"],
  affectsUn: ["affects un", "affects the un", "soft switch", "concerne l onu", "touche l onu", "#indicator+affects un"],
  isNearMiss: ["near miss", "quasi incident", "incident evite", "#indicator+near miss"],
  involvesMilitaryOrFormedPolice: [
    "involves military or formed police",
    "military or formed police",
    "military contingent",
    "military",
    "contingent militaire",
    "militaires",
    "#indicator+military",
  ],
  organisations: ["organisations", "organizations", "organisations affected", "organisation", "organization", "agencies", "agency", "organismes", "organisme", "#org+code", "#org"],
  status: ["status", "statut", "etat", "#status"],
  peopleAffected: ["people affected", "people affected detail", "personnes touchees", "#affected+detail"],
  ...(Object.fromEntries(
    personOutcomes.map((outcome) => [`count.${outcome}`, [...outcomeWords(outcome), ...(extraOutcomeWords[outcome] ?? [])].map(normaliseWords)]),
  ) as Record<CountField, string[]>),
  premises: ["premises", "premises affected", "locaux", "locaux touches", "#meta+premises"],
  assets: ["assets", "assets affected", "biens", "biens touches", "#meta+assets"],
};

/**
 * The mapping suggested for a file's headers (and its HXL hashtag row, if any): each field
 * takes the first column whose header or hashtag is one of its words, and each column serves
 * one field at most.
 */
export function suggestMapping(headers: readonly string[], hashtags: readonly string[] | null = null): ImportMapping {
  const mapping = suggestColumns(importFields, fieldSynonyms, headers, hashtags);
  // A date-and-time column makes separate date and time columns pointless.
  if (mapping.occurredAt) {
    delete mapping.occurredDate;
    delete mapping.occurredTime;
  }
  return mapping;
}
