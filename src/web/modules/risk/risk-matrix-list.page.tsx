import { Badge, Group, Text } from "@mantine/core";
import { IconGridDots } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { type RiskMatrixListItem, useRiskMatrices } from "./risk-matrix-api.ts";
import { useLocalised } from "./srm-labels.tsx";

export function MatrixBadges({ matrix }: { matrix: Pick<RiskMatrixListItem, "isDefault" | "inUse" | "frozen"> }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {matrix.isDefault && (
        <Badge color="vigil" variant="filled" size="sm">
          {t("riskMatrices.default")}
        </Badge>
      )}
      {matrix.frozen ? (
        <Badge color="gray" variant="light" size="sm">
          {t("riskMatrices.frozen")}
        </Badge>
      ) : matrix.inUse ? (
        <Badge color="blue" variant="light" size="sm">
          {t("riskMatrices.inUse")}
        </Badge>
      ) : null}
    </Group>
  );
}

/** The library of risk matrices: every version of every matrix. */
export function RiskMatrixListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const query = useRiskMatrices();
  const items = query.data ? [...query.data.items].sort((a, b) => a.code.localeCompare(b.code) || b.version - a.version) : undefined;

  const columns: Column<RiskMatrixListItem>[] = [
    {
      key: "name",
      header: t("riskMatrices.name"),
      isPrimary: true,
      render: (matrix) => (
        <AnchorLink to="/admin/risk-matrices/$matrixId" params={{ matrixId: matrix.id }} fw={600}>
          {localised(matrix.name)}
        </AnchorLink>
      ),
    },
    {
      key: "code",
      header: t("riskMatrices.code"),
      render: (matrix) => (
        <Text size="sm" ff="monospace" span>
          {matrix.code}
        </Text>
      ),
    },
    { key: "version", header: t("riskMatrices.version"), render: (matrix) => `v${matrix.version}` },
    { key: "state", header: t("riskMatrices.state"), render: (matrix) => <MatrixBadges matrix={matrix} /> },
    { key: "createdAt", header: t("riskMatrices.createdAt"), render: (matrix) => format.dateTime(matrix.createdAt) },
  ];

  return (
    <>
      <PageHeader title={t("riskMatrices.title")} description={t("riskMatrices.description")} />
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      <DataTable
        caption={t("riskMatrices.title")}
        columns={columns}
        items={items}
        isLoading={query.isPending}
        getKey={(matrix) => matrix.id}
        minWidth={700}
        empty={<Empty icon={<IconGridDots aria-hidden />} title={t("riskMatrices.empty")} />}
      />
    </>
  );
}
