import { Group, Pagination, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { intlLocale } from "../format.ts";

type ListPaginationProps = {
  total: number;
  page: number;
  pageSize: number;
  onChange: (page: number) => void;
};

export function ListPagination({ total, page, pageSize, onChange }: ListPaginationProps) {
  const { t, i18n } = useTranslation();
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const number = new Intl.NumberFormat(intlLocale(i18n.language));
  return (
    <Group justify="space-between" mt="md" gap="xs">
      <Text size="sm" c="dimmed" aria-live="polite">
        {t("table.range", {
          first: number.format(first),
          last: number.format(last),
          total: number.format(total),
          count: total,
        })}
      </Text>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={Math.min(page, pages)}
          onChange={onChange}
          size="sm"
          siblings={1}
          boundaries={1}
          getControlProps={(control) => ({
            "aria-label":
              control === "previous" ? t("table.previousPage") : control === "next" ? t("table.nextPage") : control,
          })}
          getItemProps={(item) => ({ "aria-label": t("table.goToPage", { page: item }) })}
        />
      )}
    </Group>
  );
}
