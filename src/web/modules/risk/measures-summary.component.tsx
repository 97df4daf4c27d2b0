import { Card, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { intlLocale } from "../../app/format.ts";
import { formatCost, useCategoryLabel } from "./measure-badges.component.tsx";
import type { CategorySummary } from "./measure-records.api.ts";

/** Per category, over every measure the filters keep (not only the page shown): how many, where, how well, at what cost. */
export function CategorySummaryTable({ summary }: { summary: CategorySummary[] }) {
  const { t, i18n } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const decimal = new Intl.NumberFormat(intlLocale(i18n.language), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const columns: Column<CategorySummary>[] = [
    { key: "category", header: t("riskMeasures.fields.category"), isPrimary: true, render: (row) => categoryLabel(row.category) },
    { key: "count", header: t("riskMeasures.compare.count"), render: (row) => row.count },
    { key: "areas", header: t("riskMeasures.compare.areas"), render: (row) => row.areas },
    {
      key: "average",
      header: t("riskMeasures.compare.averageEffectiveness"),
      render: (row) => (row.averageEffectiveness === null ? "—" : `${decimal.format(row.averageEffectiveness)} / 5`),
    },
    {
      key: "median",
      header: t("riskMeasures.compare.medianCost"),
      render: (row) =>
        row.medianCost.length === 0 ? (
          "—"
        ) : (
          <Stack gap={0}>
            {row.medianCost.map((cost) => (
              <Text key={cost.currency} size="sm" style={{ whiteSpace: "nowrap" }}>
                {formatCost(cost.median, cost.currency, i18n.language)}{" "}
                <Text span size="xs" c="dimmed">
                  {t("riskMeasures.compare.costCount", { count: cost.count })}
                </Text>
              </Text>
            ))}
          </Stack>
        ),
    },
  ];
  return (
    <Card withBorder component="section" aria-labelledby="measures-summary" mb="md">
      <Title order={2} size="h4" id="measures-summary">
        {t("riskMeasures.compare.summaryTitle")}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t("riskMeasures.compare.summaryHint")}
      </Text>
      <DataTable
        caption={t("riskMeasures.compare.summaryTitle")}
        columns={columns}
        items={summary}
        isLoading={false}
        getKey={(row) => row.category}
        minWidth={640}
        empty={null}
      />
    </Card>
  );
}
