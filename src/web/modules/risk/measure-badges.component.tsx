import { Badge, Group, Rating, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Localised } from "../../../core/risk/risk-matrix.types.ts";
import { type MeasureCategory, type MeasureKind, type MeasureStatus, measureCategoryLabels } from "../../../core/risk/risk-enums.ts";

/** The small marks the measure pages share: status, kind, overdue, effectiveness, cost. */

const statusColours: Record<MeasureStatus, string> = {
  planned: "gray",
  in_progress: "blue",
  implemented: "teal",
  verified: "green",
};

const kindColours: Record<MeasureKind, string> = { baseline: "indigo", area: "cyan", organisation: "grape" };

/** A label kept as data in core (English and French), in the user's language. */
export function useLocalised() {
  const { i18n } = useTranslation();
  return (label: Localised) => (i18n.language === "fr" ? label.fr : label.en);
}

export function useCategoryLabel() {
  const localised = useLocalised();
  return (category: MeasureCategory) => localised(measureCategoryLabels[category]);
}

export function MeasureStatusBadge({ status }: { status: MeasureStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColours[status]}>
      {t(`riskMeasures.statuses.${status}`)}
    </Badge>
  );
}

export function MeasureKindBadge({ kind }: { kind: MeasureKind }) {
  const { t } = useTranslation();
  return (
    <Badge variant="outline" color={kindColours[kind]} size="sm">
      {t(`riskMeasures.kinds.${kind}`)}
    </Badge>
  );
}

/** Past the agreed date and not implemented: in red, with the word, not the colour alone. */
export function MeasureOverdueBadge({ isOverdue }: { isOverdue: boolean }) {
  const { t } = useTranslation();
  if (!isOverdue) return null;
  return (
    <Badge color="red" variant="filled" size="sm">
      {t("riskMeasures.overdue")}
    </Badge>
  );
}

/** 1–5, as stars with the figure beside them for screen readers and print. */
export function Effectiveness({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) {
    return (
      <Text size="sm" c="dimmed">
        {t("riskMeasures.notRated")}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" aria-label={t("riskMeasures.effectivenessValue", { value })} role="img">
      <Rating value={value} count={5} readOnly size="xs" aria-hidden />
      <Text size="xs" c="dimmed" aria-hidden>
        {value}/5
      </Text>
    </Group>
  );
}

/** An amount in its own currency, never converted: amounts in different currencies do not compare. */
export function formatCost(amount: number | null, currency: string | null, language: string): string {
  if (amount === null || currency === null) return "";
  try {
    return new Intl.NumberFormat(language === "fr" ? "fr-FR" : "en-GB", { style: "currency", currency, minimumFractionDigits: 0, maximumFractionDigits: 2 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
