import { Button, Group, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconWorld } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CompareSort } from "../../../core/risk/measures.schemas.ts";
import { type MeasureCategory, type MeasureKind, measureCategories, measureKinds } from "../../../core/risk/risk-enums.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { CountrySelect } from "../../app/components/pickers/country-select.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCountryNames } from "../../app/reference-data.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { Effectiveness, formatCost, MeasureKindBadge, useCategoryLabel } from "./measure-badges.component.tsx";
import { ListFilters } from "../../app/components/list-filters.component.tsx";
import { type CompareItem, useMeasureCompare } from "./measure-records.api.ts";
import { CategorySummaryTable } from "./measures-summary.component.tsx";

const routeApi = getRouteApi("/app/pages/risk/measures/compare");

/**
 * The cross-country view (issue 4 §3): implemented measures of every area, so that managers
 * learn from each other what worked, at what cost. No one's personal data is shown.
 */
export function MeasuresComparePage() {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const categoryLabel = useCategoryLabel();
  const { nameOf } = useCountryNames();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { page, update, goToPage } = useListSearch(search, navigate);
  const sort = search.sort ?? "implementedOn";
  const order = search.order ?? "desc";
  const query = useMeasureCompare({
    q: search.q,
    category: search.category,
    kind: search.kind,
    countryCode: search.countryCode,
    minEffectiveness: search.minEffectiveness,
    sort,
    order,
    page,
    pageSize: defaultPageSize,
  });
  const activeCount = [search.category, search.kind, search.countryCode, search.minEffectiveness].filter(Boolean).length;
  const hasFilters = Boolean(search.q) || activeCount > 0;

  const columns: Column<CompareItem>[] = [
    {
      key: "title",
      header: t("riskMeasures.fields.title"),
      isPrimary: true,
      render: (item) => (
        <Stack gap={2} maw={360} miw={200}>
          <Text size="sm" fw={600} className="vigil-break">
            {item.title}
          </Text>
          {item.description && (
            <Text size="xs" c="dimmed" lineClamp={3} className="vigil-break" fw={400}>
              {item.description}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: "category",
      header: t("riskMeasures.fields.category"),
      render: (item) => (
        <Stack gap={4} align="flex-start">
          <span>{categoryLabel(item.category)}</span>
          <Group gap={4} wrap="nowrap">
            <MeasureKindBadge kind={item.kind} />
            {item.organisationCode && (
              <Text size="xs" c="dimmed">
                {item.organisationCode}
              </Text>
            )}
          </Group>
        </Stack>
      ),
    },
    {
      key: "area",
      header: t("riskMeasures.compare.area"),
      render: (item) => (
        <Stack gap={0}>
          <Text size="sm">{item.areaName}</Text>
          <Text size="xs" c="dimmed">
            {[item.designatedAreaName, nameOf(item.countryCode)]
              .filter((part, index, parts) => part && part !== item.areaName && parts.indexOf(part) === index)
              .join(" · ")}
          </Text>
        </Stack>
      ),
    },
    {
      key: "cost",
      header: t("riskMeasures.fields.cost"),
      sortKey: "cost",
      render: (item) => <span style={{ whiteSpace: "nowrap" }}>{formatCost(item.costAmount, item.costCurrency, i18n.language) || "—"}</span>,
    },
    {
      key: "effectiveness",
      header: t("riskMeasures.fields.effectiveness"),
      sortKey: "effectiveness",
      render: (item) => (
        <Stack gap={2}>
          <Effectiveness value={item.effectiveness} />
          {item.effectivenessNote && (
            <Text size="xs" c="dimmed" lineClamp={2} className="vigil-break">
              {item.effectivenessNote}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: "implementedOn",
      header: t("riskMeasures.fields.implementedOn"),
      sortKey: "implementedOn",
      render: (item) => <span style={{ whiteSpace: "nowrap" }}>{format.date(item.implementedOn)}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t("riskMeasures.compare.title")}
        description={t("riskMeasures.compare.description")}
        breadcrumbs={[{ label: t("riskMeasures.title"), to: "/risk/measures" }, { label: t("riskMeasures.compare.title") }]}
      />
      <ListFilters activeCount={activeCount} search={{ value: search.q, onChange: (q) => update({ q }), placeholder: t("riskMeasures.compare.searchPlaceholder") }}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Select
            label={t("riskMeasures.fields.category")}
            clearable
            placeholder={t("common.all")}
            data={measureCategories.map((category) => ({ value: category, label: categoryLabel(category) }))}
            value={search.category ?? null}
            onChange={(value) => update({ category: (value ?? undefined) as MeasureCategory | undefined })}
          />
          <Select
            label={t("riskMeasures.fields.kind")}
            clearable
            placeholder={t("common.all")}
            data={measureKinds.map((kind) => ({ value: kind, label: t(`riskMeasures.kinds.${kind}`) }))}
            value={search.kind ?? null}
            onChange={(value) => update({ kind: (value ?? undefined) as MeasureKind | undefined })}
          />
          <CountrySelect label={t("riskMeasures.compare.country")} value={search.countryCode ?? null} onChange={(value) => update({ countryCode: value ?? undefined })} />
          <Select
            label={t("riskMeasures.compare.minEffectiveness")}
            clearable
            placeholder={t("riskMeasures.compare.anyEffectiveness")}
            data={[1, 2, 3, 4, 5].map((value) => ({ value: String(value), label: t("riskMeasures.compare.atLeast", { value }) }))}
            value={search.minEffectiveness ? String(search.minEffectiveness) : null}
            onChange={(value) => update({ minEffectiveness: value ? Number(value) : undefined })}
          />
        </SimpleGrid>
      </ListFilters>
      {query.data && query.data.summary.length > 0 && <CategorySummaryTable summary={query.data.summary} />}
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("riskMeasures.compare.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(item) => item.id}
          minWidth={900}
          sort={{ by: sort, order, onChange: (by, next) => update({ sort: by as CompareSort, order: next }) }}
          empty={
            <Empty
              icon={<IconWorld aria-hidden />}
              title={hasFilters ? t("common.noMatches") : t("riskMeasures.compare.empty")}
              description={hasFilters ? t("common.noMatchesHint") : t("riskMeasures.compare.emptyHint")}
              action={
                hasFilters && (
                  <Button size="xs" variant="default" onClick={() => void navigate({ search: {}, replace: true })}>
                    {t("common.clearFilters")}
                  </Button>
                )
              }
            />
          }
        />
      </ListResults>
    </>
  );
}
