import { Button, Group, Select, SimpleGrid, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconClipboardList, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type AssessmentStatus, assessmentStatuses } from "../../../core/risk/risk-enums.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { DateRange } from "../../app/components/date-range.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { SearchInput } from "../../app/components/search-input.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan } from "../../app/session.ts";
import { AssessmentHeaderModal } from "./assessment-header-form.modal.tsx";
import { type AssessmentListItem, useAssessmentList } from "./srm-api.ts";
import { AssessmentStatusBadge, LevelChip, ReviewOverdueBadge } from "./srm-labels.tsx";

const routeApi = getRouteApi("/app/pages/risk/assessments");

export function AssessmentListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const canCreate = useCan("srm.update");
  const [isCreating, creating] = useDisclosure(false);
  const { page, update, goToPage } = useListSearch(search, navigate);
  const query = useAssessmentList({
    q: search.q,
    placeId: search.placeId,
    status: search.status,
    page,
    pageSize: defaultPageSize,
  });
  const hasFilters = Boolean(search.q || search.placeId || search.status);

  const columns: Column<AssessmentListItem>[] = [
    {
      key: "title",
      header: t("srm.fields.title"),
      isPrimary: true,
      render: (item) => (
        <AnchorLink to="/risk/assessments/$assessmentId" params={{ assessmentId: item.id }} fw={600}>
          {item.title}
        </AnchorLink>
      ),
    },
    { key: "place", header: t("srm.fields.area"), render: (item) => item.placeName },
    {
      key: "status",
      header: t("srm.fields.status"),
      render: (item) => (
        <Group gap={4} wrap="wrap">
          <AssessmentStatusBadge status={item.status} size="sm" />
          {item.reviewOverdue && <ReviewOverdueBadge />}
        </Group>
      ),
    },
    { key: "version", header: t("srm.fields.version"), render: (item) => t("srm.versionNumber", { version: item.version }) },
    {
      key: "period",
      header: t("srm.fields.period"),
      render: (item) => <DateRange from={format.date(item.periodFrom)} to={format.date(item.periodTo)} />,
    },
    {
      key: "review",
      header: t("srm.fields.reviewDueOn"),
      render: (item) => (
        <Text size="sm" c={item.reviewOverdue ? "red" : undefined} fw={item.reviewOverdue ? 600 : undefined} span>
          {format.date(item.reviewDueOn)}
        </Text>
      ),
    },
    { key: "scenarios", header: t("srm.fields.scenarioCount"), render: (item) => item.scenarioCount },
    {
      key: "highest",
      header: t("srm.fields.highestResidual"),
      render: (item) =>
        item.highestResidualLevel ? (
          <LevelChip level={item.highestResidualLevel} size="sm" />
        ) : (
          <Text size="sm" c="dimmed" span>
            {t("srm.noScenarioShort")}
          </Text>
        ),
    },
  ];

  const createButton = (size?: "xs") => (
    <Button size={size} leftSection={<IconPlus size={16} aria-hidden />} onClick={creating.open}>
      {t("srm.create")}
    </Button>
  );

  return (
    <>
      <PageHeader title={t("srm.title")} description={t("srm.description")} actions={canCreate && createButton()} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mb="sm">
        <SearchInput
          label={t("common.search")}
          placeholder={t("srm.searchPlaceholder")}
          value={search.q}
          onChange={(q) => update({ q })}
        />
        <PlaceSelect
          label={t("srm.fields.area")}
          kinds={["designated_area", "security_area"]}
          value={search.placeId ?? null}
          onChange={(placeId) => update({ placeId: placeId ?? undefined })}
        />
        <Select
          label={t("srm.fields.status")}
          clearable
          placeholder={t("common.all")}
          data={assessmentStatuses.map((status) => ({ value: status, label: t(`srm.statuses.${status}`) }))}
          value={search.status ?? null}
          onChange={(status) => update({ status: (status ?? undefined) as AssessmentStatus | undefined })}
        />
      </SimpleGrid>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("srm.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(item) => item.id}
          minWidth={900}
          rowColor={(item) => (item.reviewOverdue ? "var(--mantine-color-red-0)" : undefined)}
          empty={
            <Empty
              icon={<IconClipboardList aria-hidden />}
              title={hasFilters ? t("common.noMatches") : t("srm.empty")}
              description={hasFilters ? t("common.noMatchesHint") : t("srm.emptyHint")}
              action={canCreate && !hasFilters && createButton("xs")}
            />
          }
        />
      </ListResults>
      <AssessmentHeaderModal
        opened={isCreating}
        onClose={creating.close}
        defaultPlaceId={search.placeId}
        onSaved={(saved) => void goTo({ to: "/risk/assessments/$assessmentId", params: { assessmentId: saved.id } })}
      />
    </>
  );
}
