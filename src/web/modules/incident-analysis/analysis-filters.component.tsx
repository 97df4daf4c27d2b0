import { Button, Collapse, Paper } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAdjustmentsHorizontal } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "../../app/viewport.ts";

/** The filters of an analysis page: always shown on a wide screen, behind a button on a phone (as lists do). */
export function AnalysisFilters({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [isShown, shown] = useDisclosure(false);
  const panel = (
    <Paper withBorder p="sm" radius="sm" component="section" aria-label={t("common.filters")}>
      {children}
    </Paper>
  );
  if (!isPhone) return panel;
  return (
    <div>
      <Button
        variant={activeCount > 0 ? "light" : "default"}
        onClick={shown.toggle}
        aria-expanded={isShown}
        leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
        mb={isShown ? "xs" : 0}
      >
        {activeCount > 0 ? t("common.filtersCount", { count: activeCount }) : t("common.filters")}
      </Button>
      <Collapse expanded={isShown}>{panel}</Collapse>
    </div>
  );
}
