import { ActionIcon, Card, Group, Select, Skeleton, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowsSort, IconArrowUp, IconSortAscending, IconSortDescending } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { SortOrder } from "../search-params.ts";
import { useIsPhone } from "../viewport.ts";

export type Column<T> = {
  key: string;
  header: string;
  render: (item: T) => ReactNode;
  /** The API `sort` value; set only for sortable columns. */
  sortKey?: string;
  /** On phones the primary column becomes the card title. */
  isPrimary?: boolean;
  /** Hidden on phone cards when the value adds little there. */
  isHiddenOnCards?: boolean;
  /** The column's width, kept as its least: cells break long words anywhere, so an auto-sized table would squeeze them letter by letter. */
  width?: number | string;
};

export type SortState = {
  by: string | undefined;
  order: SortOrder | undefined;
  onChange: (by: string, order: SortOrder) => void;
};

type DataTableProps<T> = {
  caption: string;
  columns: Column<T>[];
  items: T[] | undefined;
  isLoading: boolean;
  getKey: (item: T) => string;
  empty: ReactNode;
  sort?: SortState;
  /** Buttons for one row (edit, delete…), shown at the end of the row or card. */
  rowActions?: (item: T) => ReactNode;
  minWidth?: number;
  /** Visually flags a row (e.g. overdue). */
  rowColor?: (item: T) => string | undefined;
};

const skeletonKeys = ["s1", "s2", "s3", "s4", "s5", "s6"];

/** Wide screens get a table that scrolls inside its own box; phones get stacked cards. */
export function DataTable<T>(props: DataTableProps<T>) {
  const isPhone = useIsPhone();
  const { items, isLoading, empty } = props;
  if (!isLoading && items && items.length === 0) return <>{empty}</>;
  return isPhone ? <CardList {...props} /> : <WideTable {...props} />;
}

function SortHeader<T>({ column, sort }: { column: Column<T>; sort?: SortState }) {
  const { t } = useTranslation();
  if (!sort || !column.sortKey) return <>{column.header}</>;
  const isActive = sort.by === column.sortKey;
  const order = isActive ? (sort.order ?? "asc") : undefined;
  const next: SortOrder = isActive && order === "asc" ? "desc" : "asc";
  const Icon = !isActive ? IconArrowsSort : order === "asc" ? IconArrowUp : IconArrowDown;
  return (
    <UnstyledButton
      className="vigil-sort-button"
      onClick={() => sort.onChange(column.sortKey as string, next)}
      aria-label={t("table.sortBy", { column: column.header })}
    >
      {column.header}
      <Icon size={14} aria-hidden opacity={isActive ? 1 : 0.45} />
    </UnstyledButton>
  );
}

function WideTable<T>({
  caption,
  columns,
  items,
  isLoading,
  getKey,
  sort,
  rowActions,
  minWidth,
  rowColor,
}: DataTableProps<T>) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={minWidth ?? 640} type="native">
      <Table striped highlightOnHover verticalSpacing="xs" aria-busy={isLoading}>
        <caption className="vigil-sr-only">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => {
              const isSorted = sort && column.sortKey && sort.by === column.sortKey;
              return (
                <Table.Th
                  key={column.key}
                  style={{ width: column.width, minWidth: column.width, whiteSpace: "nowrap" }}
                  aria-sort={isSorted ? (sort.order === "desc" ? "descending" : "ascending") : undefined}
                  scope="col"
                >
                  <SortHeader column={column} sort={sort} />
                </Table.Th>
              );
            })}
            {rowActions && (
              <Table.Th scope="col" style={{ width: 1 }}>
                <span className="vigil-sr-only">{t("common.actions")}</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {isLoading && !items
            ? skeletonKeys.map((key) => (
                <Table.Tr key={key}>
                  {columns.map((column) => (
                    <Table.Td key={column.key}>
                      <Skeleton height={14} radius="sm" />
                    </Table.Td>
                  ))}
                  {rowActions && <Table.Td />}
                </Table.Tr>
              ))
            : items?.map((item) => (
                <Table.Tr key={getKey(item)} bg={rowColor?.(item)}>
                  {columns.map((column) => (
                    <Table.Td key={column.key}>{column.render(item)}</Table.Td>
                  ))}
                  {rowActions && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="flex-end">
                        {rowActions(item)}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CardList<T>({ caption, columns, items, isLoading, getKey, sort, rowActions, rowColor }: DataTableProps<T>) {
  const { t } = useTranslation();
  const primary = columns.find((column) => column.isPrimary) ?? columns[0];
  const rest = columns.filter((column) => column !== primary && !column.isHiddenOnCards);
  const sortable = columns.filter((column) => column.sortKey);
  return (
    <Stack gap="xs">
      {sort && sortable.length > 0 && (
        <Group gap="xs" wrap="nowrap">
          <Select
            size="xs"
            style={{ flex: 1 }}
            label={t("table.sortLabel")}
            data={sortable.map((column) => ({ value: column.sortKey as string, label: column.header }))}
            value={sort.by ?? null}
            placeholder={t("table.defaultOrder")}
            onChange={(value) => value && sort.onChange(value, sort.order ?? "asc")}
            allowDeselect={false}
          />
          <ActionIcon
            variant="default"
            size="lg"
            mt={22}
            aria-label={sort.order === "desc" ? t("table.sortDescending") : t("table.sortAscending")}
            onClick={() =>
              sort.onChange(sort.by ?? (sortable[0]?.sortKey as string), sort.order === "desc" ? "asc" : "desc")
            }
          >
            {sort.order === "desc" ? (
              <IconSortDescending size={18} aria-hidden />
            ) : (
              <IconSortAscending size={18} aria-hidden />
            )}
          </ActionIcon>
        </Group>
      )}
      {/* The sort controls stay outside the list: a list holds only its items. */}
      <Stack gap="xs" aria-label={caption} role="list" aria-busy={isLoading}>
      {isLoading && !items
        ? skeletonKeys.slice(0, 4).map((key) => (
            <Card key={key} withBorder padding="sm" role="listitem">
              <Skeleton height={16} width="60%" mb="xs" />
              <Skeleton height={12} mb={6} />
              <Skeleton height={12} width="80%" />
            </Card>
          ))
        : items?.map((item) => (
            <Card key={getKey(item)} withBorder padding="sm" role="listitem" bg={rowColor?.(item)}>
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <div style={{ minWidth: 0, fontWeight: 600 }} className="vigil-break">
                  {primary?.render(item)}
                </div>
                {rowActions && (
                  <Group gap={4} wrap="nowrap">
                    {rowActions(item)}
                  </Group>
                )}
              </Group>
              <Stack gap={2} mt={6}>
                {rest.map((column) => (
                  <Group key={column.key} gap={6} wrap="nowrap" align="flex-start">
                    <Text size="xs" c="dimmed" style={{ flex: "0 0 40%" }}>
                      {column.header}
                    </Text>
                    <Text size="sm" component="div" style={{ minWidth: 0 }} className="vigil-break">
                      {column.render(item)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            </Card>
          ))}
      </Stack>
    </Stack>
  );
}
