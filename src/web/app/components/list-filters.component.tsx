import { Button, Collapse, Group } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAdjustmentsHorizontal } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useIsPhone } from "../viewport.ts";
import { SearchInput } from "./search-input.component.tsx";

/** Shows or hides the filters on a phone, saying how many are set so hidden filters are not forgotten. */
export function FiltersButton({ activeCount, isShown, onToggle, mb }: { activeCount: number; isShown: boolean; onToggle: () => void; mb?: string | number }) {
  const { t } = useTranslation();
  return (
    <Button
      variant={activeCount > 0 ? "light" : "default"}
      onClick={onToggle}
      aria-expanded={isShown}
      leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
      mb={mb}
    >
      {activeCount > 0 ? t("common.filtersCount", { count: activeCount }) : t("common.filters")}
    </Button>
  );
}

type ListFiltersProps = {
  /** The list's search: its text (from the URL), what to say in the empty field, and what to do with a new text. Omitted on lists without word search. */
  search?: { value: string | undefined; placeholder: string; onChange: (value: string | undefined) => void };
  /** Filters set besides the search, counted on the phone's button. */
  activeCount: number;
  /** The filter fields. */
  children: ReactNode;
};

/**
 * A list's search and filters: the filters always shown on a wide screen, behind a button on a
 * phone, where they would otherwise push the results below the fold.
 */
export function ListFilters({ search, activeCount, children }: ListFiltersProps) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [isShown, shown] = useDisclosure(false);
  return (
    <>
      {(search || isPhone) && (
        <Group mb="sm" align="flex-end" gap="xs" wrap="nowrap">
          {search && (
            <div style={{ flex: 1, maxWidth: 480 }}>
              <SearchInput label={t("common.search")} placeholder={search.placeholder} value={search.value} onChange={search.onChange} />
            </div>
          )}
          {isPhone && <FiltersButton activeCount={activeCount} isShown={isShown} onToggle={shown.toggle} />}
        </Group>
      )}
      {isPhone ? (
        <Collapse expanded={isShown} mb="sm">
          {children}
        </Collapse>
      ) : (
        <div style={{ marginBottom: "var(--mantine-spacing-sm)" }}>{children}</div>
      )}
    </>
  );
}
