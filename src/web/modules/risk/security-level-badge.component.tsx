import { Badge, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { LevelChangeStatus } from "../../../core/risk/risk-enums.ts";
import { type SecurityLevel, securityLevelColours, securityLevelLabels } from "../../../core/risk/security-levels.ts";
import { textOn } from "../../app/theme.ts";
import { useLocalised } from "./measure-badges.component.tsx";

/** A security level in its map colour, with its number and name (never the colour alone). */
export function SecurityLevelBadge({ level, isCompact = false }: { level: number | null; isCompact?: boolean }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  if (level === null) {
    return (
      <Text size="sm" c="dimmed">
        {t("riskLevels.noLevel")}
      </Text>
    );
  }
  const label = localised(securityLevelLabels[level as SecurityLevel]);
  return (
    <Badge
      radius="sm"
      style={{ background: securityLevelColours[level as SecurityLevel], color: textOn(securityLevelColours[level as SecurityLevel]), border: "1px solid rgba(0,0,0,0.2)", textTransform: "none" }}
      title={isCompact ? label : undefined}
      aria-label={isCompact ? t("riskLevels.levelValue", { level, label }) : undefined}
    >
      {isCompact ? level : `${level} · ${label}`}
    </Badge>
  );
}

const statusColours: Record<LevelChangeStatus, string> = { proposed: "blue", approved: "violet", endorsed: "green", rejected: "red" };

export function LevelChangeStatusBadge({ status }: { status: LevelChangeStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColours[status]}>
      {t(`riskLevels.statuses.${status}`)}
    </Badge>
  );
}
