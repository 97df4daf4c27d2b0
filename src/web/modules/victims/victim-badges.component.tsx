import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { VictimCaseStatus } from "../../../core/victims/victim-enums.ts";

export function CaseStatusBadge({ status }: { status: VictimCaseStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={status === "open" ? "blue" : "gray"}>
      {t(`victims.statuses.${status}`)}
    </Badge>
  );
}

/** Shown when actions of an open case are past their due date. */
export function OverdueBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <Badge color="red" variant="filled">
      {t("victims.overdueCount", { count })}
    </Badge>
  );
}
