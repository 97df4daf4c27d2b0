import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus, IconShieldHeart } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import {
  type InvestigationStatus,
  investigationStatuses,
  type PerpetratorKind,
  perpetratorKinds,
  type VictimCaseSort,
  type VictimCaseStatus,
  victimCaseStatuses,
} from "../../../core/victims/victim-enums.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { ListFilters } from "../../app/components/list-filters.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan } from "../../app/session.ts";
import { IncidentLink } from "./incident-link.component.tsx";
import { CaseStatusBadge, OverdueBadge } from "./victim-badges.component.tsx";
import { VictimCaseFormModal } from "./victim-case-form.modal.tsx";
import { useVictimCaseList, type VictimCaseListItem } from "./victims.api.ts";

const routeApi = getRouteApi("/app/pages/victims");

export function VictimListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const goTo = useNavigate();
  const canManage = useCan("victim.manage");
  const [isCreating, creating] = useDisclosure(false);
  const { page, update, goToPage } = useListSearch(search, navigate);
  const sort = search.sort ?? "nextFollowUp";
  const order = search.order ?? "asc";
  const query = useVictimCaseList({
    q: search.q,
    status: search.status,
    perpetratorKind: search.perpetratorKind,
    investigationStatus: search.investigationStatus,
    placeId: search.placeId,
    overdue: search.overdue ? "true" : undefined,
    sort,
    order,
    page,
    pageSize: defaultPageSize,
  });
  const activeFilterCount = [search.status, search.perpetratorKind, search.investigationStatus, search.placeId, search.overdue].filter(Boolean).length;
  const hasFilters = Boolean(search.q) || activeFilterCount > 0;
  const options = <T extends string>(list: readonly T[], namespace: string) =>
    list.map((value) => ({ value, label: t(`victims.${namespace}.${value}`) }));

  const columns: Column<VictimCaseListItem>[] = [
    {
      key: "victimName",
      header: t("victims.fields.victim"),
      sortKey: "victimName",
      isPrimary: true,
      render: (item) => (
        <AnchorLink to="/victims/$caseId" params={{ caseId: item.id }} fw={600}>
          {item.victimName}
        </AnchorLink>
      ),
    },
    {
      key: "incident",
      header: t("victims.fields.incident"),
      render: (item) => (
        <IncidentLink
          incidentId={item.incidentId}
          categoryCode={item.incidentCategoryCode}
          occurredAt={item.incidentOccurredAt}
          placeName={item.placeName}
        />
      ),
    },
    { key: "perpetrator", header: t("victims.fields.perpetratorKind"), render: (item) => t(`victims.perpetratorKinds.${item.perpetratorKind}`) },
    {
      key: "justice",
      header: t("victims.fields.investigationAndJudicial"),
      render: (item) => (
        <Stack gap={0}>
          <Text size="sm">{t(`victims.investigationStatuses.${item.investigationStatus}`)}</Text>
          <Text size="xs" c="dimmed">
            {t(`victims.judicialStatuses.${item.judicialStatus}`)}
          </Text>
        </Stack>
      ),
    },
    {
      key: "nextFollowUp",
      header: t("victims.fields.nextFollowUpDue"),
      sortKey: "nextFollowUp",
      render: (item) => (
        <Group gap={6} wrap="nowrap">
          {item.nextFollowUpDue ? (
            <span style={{ whiteSpace: "nowrap" }}>{format.date(item.nextFollowUpDue)}</span>
          ) : (
            <Text size="sm" c="dimmed">
              {t("victims.nothingDue")}
            </Text>
          )}
          <OverdueBadge count={item.overdueFollowUpCount} />
        </Group>
      ),
    },
    { key: "status", header: t("victims.fields.status"), render: (item) => <CaseStatusBadge status={item.status} /> },
  ];

  const filterFields = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm">
      <Select
        label={t("victims.fields.status")}
        clearable
        placeholder={t("common.all")}
        data={options(victimCaseStatuses, "statuses")}
        value={search.status ?? null}
        onChange={(value) => update({ status: (value ?? undefined) as VictimCaseStatus | undefined })}
      />
      <Select
        label={t("victims.fields.perpetratorKind")}
        clearable
        placeholder={t("common.all")}
        data={options(perpetratorKinds, "perpetratorKinds")}
        value={search.perpetratorKind ?? null}
        onChange={(value) => update({ perpetratorKind: (value ?? undefined) as PerpetratorKind | undefined })}
      />
      <Select
        label={t("victims.fields.investigationStatus")}
        clearable
        placeholder={t("common.all")}
        data={options(investigationStatuses, "investigationStatuses")}
        value={search.investigationStatus ?? null}
        onChange={(value) => update({ investigationStatus: (value ?? undefined) as InvestigationStatus | undefined })}
      />
      <PlaceSelect
        label={t("victims.fields.place")}
        value={search.placeId ?? null}
        onChange={(placeId) => update({ placeId: placeId ?? undefined })}
      />
      <Checkbox
        mt={{ base: 0, xs: 30 }}
        label={t("victims.overdueOnly")}
        checked={Boolean(search.overdue)}
        onChange={(event) => update({ overdue: event.currentTarget.checked || undefined })}
      />
    </SimpleGrid>
  );

  return (
    <>
      <PageHeader
        title={t("victims.title")}
        description={t("victims.description")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creating.open}>
              {t("victims.create")}
            </Button>
          )
        }
      />
      <ListFilters search={{ value: search.q, placeholder: t("victims.searchPlaceholder"), onChange: (q) => update({ q }) }} activeCount={activeFilterCount}>
        {filterFields}
      </ListFilters>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("victims.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(item) => item.id}
          minWidth={900}
          rowColor={(item) => (item.overdueFollowUpCount > 0 ? "var(--mantine-color-red-light)" : undefined)}
          sort={{ by: sort, order, onChange: (by, next) => update({ sort: by as VictimCaseSort, order: next }) }}
          empty={
            <Empty
              icon={<IconShieldHeart aria-hidden />}
              title={hasFilters ? t("common.noMatches") : t("victims.empty")}
              description={hasFilters ? t("common.noMatchesHint") : t("victims.emptyHint")}
              action={
                hasFilters ? (
                  <Button size="xs" variant="default" onClick={() => void navigate({ search: {}, replace: true })}>
                    {t("common.clearFilters")}
                  </Button>
                ) : (
                  canManage && (
                    <Button size="xs" onClick={creating.open}>
                      {t("victims.create")}
                    </Button>
                  )
                )
              }
            />
          }
        />
      </ListResults>
      <VictimCaseFormModal
        opened={isCreating}
        onClose={creating.close}
        onSaved={(saved) => void goTo({ to: "/victims/$caseId", params: { caseId: saved.id } })}
      />
    </>
  );
}
