import { Alert, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconChartBar, IconFileReport } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { PageSkeleton } from "../../app/components/query-boundary.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useIsPhone } from "../../app/viewport.ts";
import { useIncidentMap, useMapConfig } from "./incident-analysis.api.ts";
import { kindColors, useTaxonomyLabels } from "./incident-analysis-labels.ts";
import { AnalysisFilters } from "./analysis-filters.component.tsx";
import { IncidentMapView } from "./incident-map-view.component.tsx";

const routeApi = getRouteApi("/app/pages/incidents/map");
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function Legend() {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      {(["violence", "safety"] as const).map((kind) => (
        <Group key={kind} gap={6}>
          <span aria-hidden style={{ width: 12, height: 12, borderRadius: "50%", background: kindColors[kind], display: "inline-block" }} />
          <Text size="sm">{t(`incidentAnalysis.kinds.${kind}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

export function IncidentMapPage() {
  const { t, i18n } = useTranslation();
  const labels = useTaxonomyLabels();
  const isPhone = useIsPhone();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const update = (patch: Partial<typeof search>) => void navigate({ search: (previous) => ({ ...previous, ...patch }), replace: true });
  const filters = { from: search.from, to: search.to, placeId: search.placeId, categoryCode: search.categoryCode };
  const map = useIncidentMap(filters);
  const config = useMapConfig();
  const dateField = (key: "from" | "to") => (
    <TextInput
      type="date"
      label={t(`incidentAnalysis.filters.${key}Date`)}
      value={search[key] ?? ""}
      onChange={(event) => {
        const value = event.currentTarget.value;
        if (value === "" || datePattern.test(value)) update({ [key]: value || undefined });
      }}
    />
  );
  const latest = map.data?.features.slice(0, 10) ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={t("incidentAnalysis.map.title")}
        description={t("incidentAnalysis.map.description")}
        actions={
          <>
            <ButtonLink to="/incidents/dashboard" variant="default" leftSection={<IconChartBar size={16} aria-hidden />}>
              {t("incidentAnalysis.nav.dashboard")}
            </ButtonLink>
            <ButtonLink to="/incidents/reports" variant="default" leftSection={<IconFileReport size={16} aria-hidden />}>
              {t("incidentAnalysis.nav.reports")}
            </ButtonLink>
          </>
        }
      />
      <AnalysisFilters activeCount={[search.from, search.to, search.placeId, search.categoryCode].filter(Boolean).length}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          {dateField("from")}
          {dateField("to")}
          <PlaceSelect label={t("fields.place")} value={search.placeId ?? null} onChange={(placeId) => update({ placeId: placeId ?? undefined })} />
          <Select
            label={t("incidentAnalysis.filters.category")}
            searchable
            clearable
            placeholder={t("common.all")}
            data={labels.categoryOptions()}
            value={search.categoryCode ?? null}
            onChange={(categoryCode) => update({ categoryCode: categoryCode ?? undefined })}
          />
        </SimpleGrid>
      </AnalysisFilters>
      {(map.isPending || config.isPending) && <PageSkeleton blocks={[isPhone ? 380 : 520]} />}
      {map.isError && <QueryError error={map.error} onRetry={() => void map.refetch()} />}
      {config.isError && <QueryError error={config.error} onRetry={() => void config.refetch()} />}
      {map.data && config.data && (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="sm" aria-live="polite">
              {t("incidentAnalysis.map.shown", { count: map.data.features.length })}
            </Text>
            <Legend />
          </Group>
          {map.data.truncated && (
            <Alert color="yellow" variant="light" p="xs">
              {t("incidentAnalysis.map.truncated", { count: map.data.cap })}
            </Alert>
          )}
          <IncidentMapView data={map.data} config={config.data} height={isPhone ? 380 : 520} />
          <Paper withBorder p="sm" radius="sm" component="section" aria-label={t("incidentAnalysis.map.latest")}>
            <Title order={2} size="h5" mb="xs">
              {t("incidentAnalysis.map.latest")}
            </Title>
            {latest.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("incidentAnalysis.map.empty")}
              </Text>
            ) : (
              <Stack gap={4}>
                {latest.map((feature) => (
                  <Group key={feature.properties.id} gap="xs" wrap="nowrap">
                    <span aria-hidden style={{ width: 10, height: 10, borderRadius: "50%", background: kindColors[feature.properties.kind], flex: "none" }} />
                    <AnchorLink to={"/incidents/$incidentId" as never} params={{ incidentId: feature.properties.id } as never} size="sm" className="vigil-break">
                      {labels.category(feature.properties.categoryCode)}
                    </AnchorLink>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                      {new Date(feature.properties.occurredAt).toLocaleDateString(i18n.language, { dateStyle: "medium" })}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
