import { Alert, Button, Card, Stack, Text, Title } from "@mantine/core";
import { IconCheck, IconInfoCircle, IconPencil, IconStar } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { LevelLegend, MatrixGrid } from "./heat-map.component.tsx";
import { type RiskMatrixRecord, useMakeDefaultMatrix, useRiskMatrix } from "./risk-matrix-api.ts";
import { RiskMatrixEditor } from "./risk-matrix-editor.component.tsx";
import { MatrixBadges } from "./risk-matrix-list.page.tsx";
import { useLocalised } from "./srm-labels.tsx";

const routeApi = getRouteApi("/app/pages/admin/risk-matrices/$matrixId");

export function RiskMatrixDetailPage() {
  const { t } = useTranslation();
  const { matrixId } = routeApi.useParams();
  const query = useRiskMatrix(matrixId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[120, 320]} />}
      errorHeader={<PageHeader title={t("riskMatrices.title")} breadcrumbs={[{ label: t("riskMatrices.title"), to: "/admin/risk-matrices" }]} />}
    >
      {(matrix) => <MatrixView key={matrix.id} matrix={matrix} />}
    </QueryBoundary>
  );
}

function MatrixView({ matrix }: { matrix: RiskMatrixRecord }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const navigate = useNavigate();
  const makeDefault = useMakeDefaultMatrix();
  const [isEditing, setEditing] = useState(false);
  const search = routeApi.useSearch();
  const definition = matrix.definition;

  function confirmDefault() {
    confirmAction({
      title: t("riskMatrices.makeDefaultTitle"),
      message: t("riskMatrices.makeDefaultMessage", { name: localised(definition.name), version: matrix.version }),
      confirmLabel: t("riskMatrices.makeDefault"),
      isDanger: false,
      onConfirm: () =>
        makeDefault.mutate(matrix.id, {
          onSuccess: () => notifySuccess(t("riskMatrices.madeDefault")),
          onError: (error) => notifyError(error),
        }),
    });
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={`${localised(definition.name)} · v${matrix.version}`}
        breadcrumbs={[{ label: t("riskMatrices.title"), to: "/admin/risk-matrices" }]}
        badges={<MatrixBadges matrix={matrix} />}
        actions={
          <>
            {!isEditing && (
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
                {t("common.edit")}
              </Button>
            )}
            {!matrix.isDefault && (
              <Button variant="default" leftSection={<IconStar size={16} aria-hidden />} onClick={confirmDefault} loading={makeDefault.isPending}>
                {t("riskMatrices.makeDefault")}
              </Button>
            )}
          </>
        }
      />
      {search.created && (
        <Alert color="green" icon={<IconCheck aria-hidden />} title={t("riskMatrices.newVersionTitle")} role="status">
          {t("riskMatrices.newVersionMessage", { version: matrix.version })}
        </Alert>
      )}
      {matrix.frozen && !isEditing && (
        <Alert color="gray" icon={<IconInfoCircle aria-hidden />}>
          {t("riskMatrices.frozenHint")}
        </Alert>
      )}
      <Card withBorder>
        <FieldList
          cols={4}
          items={[
            { label: t("riskMatrices.code"), value: matrix.code },
            { label: t("riskMatrices.version"), value: `v${matrix.version}` },
            { label: t("riskMatrices.createdAt"), value: format.dateTime(matrix.createdAt) },
            { label: t("riskMatrices.scoreLabel"), value: t(`riskMatrices.score.${definition.score}`) },
          ]}
        />
        {localised(definition.description) && (
          <Text size="sm" mt="sm" c="dimmed">
            {localised(definition.description)}
          </Text>
        )}
        {definition.justification && (
          <Text size="sm" mt="sm">
            <strong>{t("riskMatrices.justification")}:</strong> {definition.justification}
          </Text>
        )}
      </Card>
      {isEditing ? (
        <RiskMatrixEditor
          matrix={matrix}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            if (saved.createdVersion) {
              void navigate({ to: "/admin/risk-matrices/$matrixId", params: { matrixId: saved.id }, search: { created: true } });
            } else notifySuccess(t("riskMatrices.saved"));
          }}
        />
      ) : (
        <Card withBorder component="section" aria-labelledby="matrix-grid-title">
          <Title order={2} size="h4" id="matrix-grid-title" mb="sm">
            {t("riskMatrices.grid")}
          </Title>
          <Stack gap="sm" maw={720}>
            <MatrixGrid matrix={definition} caption={t("riskMatrices.grid")} />
            <LevelLegend matrix={definition} />
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
