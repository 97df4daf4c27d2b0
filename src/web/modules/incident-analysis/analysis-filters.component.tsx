import { Collapse, Paper } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { FiltersButton } from "../../app/components/list-filters.component.tsx";
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
      <FiltersButton activeCount={activeCount} isShown={isShown} onToggle={shown.toggle} mb={isShown ? "xs" : 0} />
      <Collapse expanded={isShown}>{panel}</Collapse>
    </div>
  );
}
