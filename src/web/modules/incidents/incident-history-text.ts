import { useTranslation } from "react-i18next";
import type { HistoryText } from "../../app/components/history.component.tsx";
import { useOptionalText } from "../../app/components/history-value.ts";
import { useFormatters } from "../../app/format.ts";
import { fileSize } from "../../app/components/file-size.ts";
import { useTaxonomyText } from "./incident-labels.ts";
import type { Taxonomy } from "./incidents.api.ts";

const hiddenFields = new Set(["createdByUserId", "importKey", "taxonomyVersion"]);

/** As the incident's form shows them; a creation lists its fields in this order too. */
const fieldOrder = [
  "status",
  "occurredAt",
  "timeZone",
  "placeId",
  "placePath",
  "dutyStationId",
  "latitude",
  "longitude",
  "categoryCode",
  "description",
  "source",
  "sourceDetail",
  "reporterName",
  "reporterPersonId",
  "reporterContact",
  "affectsUn",
  "isNearMiss",
  "isSensitive",
  "organisationsAffected",
  "peopleAffected",
  "premisesAffected",
  "assetsAffected",
  "submittedAt",
  "verifiedAt",
  "verifiedByName",
  "closedAt",
  "attachment",
  "needToKnow",
  "travellersTold",
  "travellersWithoutAccount",
];

type Line = { outcome?: string; recruitmentType?: string; sex?: string; count?: number; personId?: string | null };
type Item = { kind?: string; description?: string };
type Attachment = { name?: string; size?: number; description?: string | null };

/** The incident's fields and values in the history, in the words the incident pages use. */
export function useIncidentHistoryText(taxonomy: Taxonomy | undefined): HistoryText {
  const { t, i18n } = useTranslation();
  const attachment = (file: Attachment) =>
    [`${file.name ?? ""} (${fileSize(Number(file.size ?? 0), i18n.language)})`, file.description].filter(Boolean).join(" — ");
  const text = useTaxonomyText(taxonomy);
  const format = useFormatters();
  const { text: optionalText, code } = useOptionalText();
  const label = (key: string, value: unknown) => code(key, value) ?? String(value);

  const people = (lines: Line[]) =>
    lines
      .map((line) => {
        const details = [label("recruitmentTypes", line.recruitmentType), label("incidents.sexes", line.sex)];
        if (line.personId) details.push(t("incidents.history.namedPerson"));
        return `${label("incidents.outcomes", line.outcome)}: ${format.number(line.count ?? 0)} (${details.join(", ")})`;
      })
      .join("; ");
  const items = (list: Item[], kinds: string) => list.map((item) => `${label(kinds, item.kind)}: ${item.description ?? ""}`).join("; ");

  return {
    order: fieldOrder,
    isHidden: (field) => hiddenFields.has(field),
    fieldLabel: (field) => optionalText(`incidents.fields.${field}`),
    valueText: (field, value) => {
      if (value === null || value === undefined) return undefined;
      switch (field) {
        case "categoryCode":
          return text.categoryLabel(String(value));
        case "status":
          return label("incidents.statuses", value);
        case "source":
          return label("incidents.sources", value);
        case "affectsUn":
          return label("incidents.softSwitch", String(value));
        case "latitude":
        case "longitude":
          // The shared number format rounds to three decimals: a hundred metres off.
          return String(value);
        case "peopleAffected":
          return Array.isArray(value) && value.length ? people(value as Line[]) : null;
        case "premisesAffected":
          return Array.isArray(value) && value.length ? items(value as Item[], "incidents.premisesKinds") : null;
        case "assetsAffected":
          return Array.isArray(value) && value.length ? items(value as Item[], "incidents.assetKinds") : null;
        case "attachment":
          return typeof value === "object" ? attachment(value as Attachment) : undefined;
        case "needToKnow":
        // The in-trip alert's record (travel/alerts) names the accounts told: shown as a count.
        case "travellersTold":
          return Array.isArray(value) ? t("incidents.history.people", { count: value.length }) : undefined;
        case "travellersWithoutAccount":
          return t("incidents.history.people", { count: Number(value) });
        default:
          return undefined;
      }
    },
  };
}
