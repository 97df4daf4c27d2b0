import { Button, Collapse, Group } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconAdjustmentsHorizontal } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SearchInput } from "../../app/components/search-input.component.tsx";
import { useIsPhone } from "../../app/viewport.ts";

type FilterBarProps = {
  /** Omitted on lists that have no word search. */
  search?: { value: string | undefined; onChange: (value: string | undefined) => void; placeholder: string };
  activeCount: number;
  children: ReactNode;
};

/**
 * The search box, then the filters: always shown on wide screens, behind a "Filters" button on
 * phones so the list itself stays in view.
 */
export function FilterBar({ search, activeCount, children }: FilterBarProps) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [isShown, shown] = useDisclosure(false);
  const toggle = isPhone && (
    <Button
      variant={activeCount > 0 ? "light" : "default"}
      onClick={shown.toggle}
      aria-expanded={isShown}
      leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
    >
      {activeCount > 0 ? t("common.filtersCount", { count: activeCount }) : t("common.filters")}
    </Button>
  );
  return (
    <>
      {(search || toggle) && (
        <Group mb="sm" align="flex-end" gap="xs" wrap="nowrap">
          {search && (
            <div style={{ flex: 1, maxWidth: 480 }}>
              <SearchInput label={t("common.search")} placeholder={search.placeholder} value={search.value} onChange={search.onChange} />
            </div>
          )}
          {toggle}
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
