import { useTranslation } from "react-i18next";
import type { HistoryText } from "../../app/components/history.component.tsx";
import { useOptionalText } from "../../app/components/history-value.ts";
import { useFormatters } from "../../app/format.ts";
import { useOrganisationOptions } from "../../app/reference-data.ts";
import { useCategoryLabel } from "./measure-badges.component.tsx";
import type { MeasureCategory } from "../../../core/risk/risk-enums.ts";

/**
 * How the history of risk records reads: the risk pages' own field names and values, the steps
 * of an assessment, and none of the bookkeeping (ids that link versions, keys, authors' ids).
 */

const hiddenAssessmentFields = new Set([
  // An assessment and its measures stay in their area: the page names it.
  "placeId",
  "position",
  "lineageId",
  "matrixId",
  "authorUserId",
  "approvedByUserId",
  "createdAt",
  "updatedAt",
  "previousVersionId",
  "supersededById",
  "scenariosUnlinked",
  // Scenario entries: the link to the assessment and the activities' keys.
  "key",
  "assessmentId",
  "activityKeys",
]);

const hiddenMeasureFields = new Set(["placeId", "createdByUserId", "createdAt", "updatedAt", "assessmentLineageId", "scenarioKey", "recipients"]);

/** As the assessment's page and the scenario form show them. */
const assessmentOrder = [
  "title",
  "status",
  "version",
  "periodFrom",
  "periodTo",
  "reviewDueOn",
  "authorName",
  "summary",
  "smtConsultedOn",
  "approvedAt",
  "approvedByName",
  "approvalConditions",
  "activities",
  "threats",
  "threatCategory",
  "description",
  "exposed",
  "inherentLikelihood",
  "inherentImpact",
  "measuresText",
  "residualLikelihood",
  "residualImpact",
  "strategies",
  "justification",
];

/** As the measure's page shows them. */
const measureOrder = [
  "title",
  "kind",
  "organisationId",
  "category",
  "ownerName",
  "dueOn",
  "costAmount",
  "costCurrency",
  "status",
  "implementedOn",
  "verifiedOn",
  "effectiveness",
  "effectivenessNote",
  "description",
  "evidence",
  "lastOverdueNoticeAt",
];

export function useAssessmentHistoryText(): HistoryText {
  const { t } = useTranslation();
  const { text, code: label } = useOptionalText();
  const list = (key: string, value: unknown) => (Array.isArray(value) ? value.map((item) => label(key, item) ?? String(item)).join(", ") : undefined);
  const fieldKeys = ["srm.fields", "srm.scenarios.fields", "srm.approval"];
  const approvalFields: Record<string, string> = { approvedAt: "at", approvedByName: "by", approvalConditions: "conditions", authorName: "author" };
  return {
    order: assessmentOrder,
    // A new version starts with a copy of the one before: nothing of its own came before it.
    isCreation: (action) => action === "new_version",
    isHidden: (field) => hiddenAssessmentFields.has(field),
    actionLabel: (action) => text(`srm.history.actions.${action}`),
    fieldLabel: (field) => {
      if (field === "authorName") return t("srm.fields.author");
      if (field in approvalFields) return t(`srm.approval.${approvalFields[field]}`);
      if (field === "activities") return t("srm.tabs.programme");
      if (field === "threats") return t("srm.tabs.threats");
      return fieldKeys.map((key) => text(`${key}.${field}`)).find((found) => found !== undefined);
    },
    valueText: (field, value) => {
      if (value === null || value === undefined) return undefined;
      switch (field) {
        case "status":
          return label("srm.statuses", value);
        case "threatCategory":
          return label("srm.threatCategories", value);
        case "exposed":
          return list("srm.exposure", value);
        case "strategies":
          return list("srm.strategies", value);
        case "activities":
        case "threats":
          return Array.isArray(value) ? t("srm.history.items", { count: value.length }) : undefined;
        default:
          return undefined;
      }
    },
  };
}

export function useMeasureHistoryText(): HistoryText {
  const { t } = useTranslation();
  const { text, code: label } = useOptionalText();
  const categoryLabel = useCategoryLabel();
  const format = useFormatters();
  // Warms the organisation codes the shared wording shows for organisation ids.
  useOrganisationOptions();
  return {
    order: measureOrder,
    isHidden: (field) => hiddenMeasureFields.has(field),
    actionLabel: (action) => text(`riskMeasures.history.actions.${action}`),
    fieldLabel: (field) => {
      if (field === "lastOverdueNoticeAt") return t("riskMeasures.lastOverdueNotice");
      if (field === "holdersWithoutAccount") return t("riskMeasures.history.holdersWithoutAccount");
      if (field === "evidenceFiles") return t("riskMeasures.fields.evidence");
      return text(`riskMeasures.fields.${field}`);
    },
    valueText: (field, value) => {
      if (value === null || value === undefined) return undefined;
      switch (field) {
        case "status":
          return label("riskMeasures.statuses", value);
        case "kind":
          return label("riskMeasures.kinds", value);
        case "category":
          return typeof value === "string" ? categoryLabel(value as MeasureCategory) : undefined;
        // Stored as exact decimals ("25000.00"); read as the page shows amounts.
        case "costAmount":
          return Number.isFinite(Number(value)) ? format.number(Number(value)) : undefined;
        case "effectiveness":
          return `${value}/5`;
        case "evidence":
          // An evidence entry keeps the file's name, type and size: the name says which it was.
          return typeof value === "object" && !Array.isArray(value) ? ((value as { name?: string }).name ?? undefined) : undefined;
        case "evidenceFiles":
          return Array.isArray(value) ? t("riskMeasures.evidenceCount", { count: value.length }) : undefined;
        default:
          return undefined;
      }
    },
  };
}

/** As the programme criticality form shows them; the SRM activity's key is bookkeeping, its name is shown. */
const programmeOrder = ["activityName", "organisationId", "placeId", "periodFrom", "periodTo", "level", "rationale", "approverName", "approvedOn"];
const hiddenProgrammeFields = new Set(["activityKey", "createdByUserId", "createdAt", "updatedAt"]);

export function useProgrammeHistoryText(): HistoryText {
  const { text, code: label } = useOptionalText();
  useOrganisationOptions();
  return {
    order: programmeOrder,
    isHidden: (field) => hiddenProgrammeFields.has(field),
    fieldLabel: (field) => text(`riskProgrammes.fields.${field}`),
    valueText: (field, value) => (field === "level" && value != null ? label("riskProgrammes.levels", value) : undefined),
  };
}
