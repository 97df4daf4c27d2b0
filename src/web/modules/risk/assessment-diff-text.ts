import { useTranslation } from "react-i18next";
import { useFormatters } from "../../app/format.ts";
import type { Assessment } from "./srm-api.ts";
import { useLocalised } from "./srm-labels.tsx";

/** Field names and values of a diff in the user's words: scale steps by their label, codes translated. */
export function useDiffText(assessment: Assessment, activityNames: Record<string, string>) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const matrix = assessment.matrix.definition;
  const step = (scale: "likelihood" | "impact", value: unknown) => {
    const found = matrix[scale].find((candidate) => candidate.value === value);
    return found ? `${found.value} – ${localised(found.label)}` : String(value);
  };
  const labelKeys: Record<string, Record<string, string>> = {
    header: {
      title: "srm.fields.title",
      periodFrom: "srm.fields.periodFrom",
      periodTo: "srm.fields.periodTo",
      reviewDueOn: "srm.fields.reviewDueOn",
      summary: "srm.fields.summary",
      matrix: "srm.fields.matrix",
    },
    activities: { organisation: "srm.activities.organisation", name: "srm.activities.name", description: "srm.activities.description" },
    threats: {
      intent: "srm.threats.intent",
      capability: "srm.threats.capability",
      inhibitingContext: "srm.threats.inhibitingContext",
      narrative: "srm.threats.narrative",
    },
  };
  return {
    fieldLabel: (section: string, field: string) => {
      const key = labelKeys[section]?.[field] ?? (section === "scenarios" ? `srm.scenarios.fields.${field}` : undefined);
      return key ? t(key) : field;
    },
    value: (field: string, value: unknown): string => {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) return "—";
      if (field === "inherentLikelihood" || field === "residualLikelihood") return step("likelihood", value);
      if (field === "inherentImpact" || field === "residualImpact") return step("impact", value);
      if (field === "threatCategory") return t(`srm.threatCategories.${value}`);
      if (field === "exposed" && Array.isArray(value)) return value.map((kind) => t(`srm.exposure.${kind}`)).join(", ");
      if (field === "strategies" && Array.isArray(value)) return value.map((strategy) => t(`srm.strategies.${strategy}`)).join(", ");
      if (field === "activityKeys" && Array.isArray(value)) return value.map((key) => activityNames[key] ?? key).join("; ");
      if (field === "periodFrom" || field === "periodTo" || field === "reviewDueOn") return format.date(String(value));
      if (field === "intent" || field === "capability" || field === "inhibitingContext") return `${value}/5`;
      return Array.isArray(value) ? value.join(", ") : String(value);
    },
  };
}
