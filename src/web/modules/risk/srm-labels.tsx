import { Badge, type BadgeProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AssessmentStatus } from "../../../core/risk/risk-enums.ts";
import type { Localised } from "../../../core/risk/risk-matrix.types.ts";
import { textOn } from "../../app/theme.ts";

/** Small shared pieces of the SRM pages: localised matrix text, status and level badges. */

/** Matrix labels are data in both working languages; this picks the user's. */
export function useLocalised() {
  const { i18n } = useTranslation();
  return (text: Localised | null | undefined) => (text ? (i18n.language === "fr" ? text.fr : text.en) || text.en : "");
}

export const statusColours: Record<AssessmentStatus, string> = {
  draft: "gray",
  in_review: "blue",
  approved: "green",
  superseded: "dark",
};

export function AssessmentStatusBadge({ status, ...props }: { status: AssessmentStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColours[status]} {...props}>
      {t(`srm.statuses.${status}`)}
    </Badge>
  );
}

export function ReviewOverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="red" variant="filled" size="sm">
      {t("srm.reviewOverdue")}
    </Badge>
  );
}


/** A risk level in its matrix colour, always with its name (colour is never the only signal). */
export function LevelChip({ level, size = "md" }: { level: { label: Localised; colour: string }; size?: BadgeProps["size"] }) {
  const localised = useLocalised();
  return (
    <Badge size={size} tt="none" style={{ background: level.colour, color: textOn(level.colour) }}>
      {localised(level.label)}
    </Badge>
  );
}
