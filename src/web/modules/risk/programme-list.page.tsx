import { ActionIcon, Badge, Button, Modal, Select, SimpleGrid, Stack, Text, Tooltip } from "@mantine/core";
import { IconHistory, IconPencil, IconPlus, IconTargetArrow, IconTrash } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ProgrammeCriticality, programmeCriticalities } from "../../../core/risk/acceptable-risk.ts";
import { confirmAction } from "../../app/components/confirm.tsx";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { DateRange } from "../../app/components/date-range.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan } from "../../app/session.ts";
import { useIsPhone } from "../../app/viewport.ts";
import { ListFilters } from "../../app/components/list-filters.component.tsx";
import { type PcAssessment, useDeletePcAssessment, usePcAssessmentList } from "./programme-criticality.api.ts";
import { ProgrammeFormModal } from "./programme-form.modal.tsx";
import { useProgrammeHistoryText } from "./risk-history-text.ts";

const routeApi = getRouteApi("/app/pages/risk/programmes");

/** PC1 is the most critical: the strongest colour. */
const levelColours: Record<ProgrammeCriticality, string> = { pc1: "red", pc2: "orange", pc3: "yellow", pc4: "gray" };

export function ProgrammeLevelBadge({ level }: { level: ProgrammeCriticality }) {
  const { t } = useTranslation();
  return (
    <Badge color={levelColours[level]} variant={level === "pc1" ? "filled" : "light"}>
      {t(`riskProgrammes.levels.${level}`)}
    </Badge>
  );
}

export function ProgrammeListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canUpdate = useCan("programme.update");
  const remove = useDeletePcAssessment();
  const [editing, setEditing] = useState<PcAssessment | "new" | null>(null);
  const [historyOf, setHistoryOf] = useState<PcAssessment | null>(null);
  const historyText = useProgrammeHistoryText();
  const isPhone = useIsPhone();
  const { page, update, goToPage } = useListSearch(search, navigate);
  const order = search.order ?? "desc";
  const query = usePcAssessmentList({ placeId: search.placeId, organisationId: search.organisationId, level: search.level, order, page, pageSize: defaultPageSize });
  const activeCount = [search.placeId, search.organisationId, search.level].filter(Boolean).length;

  const confirmDelete = (item: PcAssessment) =>
    confirmAction({
      title: t("riskProgrammes.deleteTitle"),
      message: t("riskProgrammes.deleteMessage", { name: item.activityName, organisation: item.organisationCode }),
      confirmLabel: t("common.delete"),
      onConfirm: () =>
        remove.mutate(item.id, {
          onSuccess: () => notifySuccess(t("riskProgrammes.deleted")),
          onError: (error) => notifyError(error),
        }),
    });

  const columns: Column<PcAssessment>[] = [
    {
      key: "activity",
      header: t("riskProgrammes.fields.activityName"),
      isPrimary: true,
      // Activity names are long ("Measles vaccination in Tombouctou"): wide enough to break between words.
      width: 220,
      render: (item) => (
        <Stack gap={0}>
          <Text size="sm" fw={600} className="vigil-break">
            {item.activityName}
          </Text>
          {item.activityKey && (
            <Text size="xs" c="dimmed" fw={400}>
              {t("riskProgrammes.linkedToSrm")}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: "organisation", header: t("riskProgrammes.fields.organisationId"), render: (item) => item.organisationCode },
    { key: "place", header: t("riskProgrammes.fields.placeId"), render: (item) => item.placeName },
    {
      key: "period",
      header: t("riskProgrammes.period"),
      render: (item) => <DateRange from={format.date(item.periodFrom)} to={format.date(item.periodTo)} />,
    },
    { key: "level", header: t("riskProgrammes.fields.level"), render: (item) => <ProgrammeLevelBadge level={item.level} /> },
    {
      key: "approval",
      header: t("riskProgrammes.approval"),
      sortKey: "approvedOn",
      render: (item) => (
        <Stack gap={0}>
          <Text size="sm">{item.approverName}</Text>
          <Text size="xs" c="dimmed">
            {format.date(item.approvedOn)}
          </Text>
        </Stack>
      ),
    },
    {
      key: "rationale",
      header: t("riskProgrammes.fields.rationale"),
      isHiddenOnCards: true,
      render: (item) => (
        <Text size="xs" lineClamp={2} maw={280} className="vigil-break" title={item.rationale}>
          {item.rationale}
        </Text>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("riskProgrammes.title")}
        description={t("riskProgrammes.description")}
        actions={
          canUpdate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing("new")}>
              {t("riskProgrammes.create")}
            </Button>
          )
        }
      />
      <ListFilters activeCount={activeCount}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <PlaceSelect
            label={t("riskProgrammes.fields.placeId")}
            kinds={["designated_area", "security_area"]}
            value={search.placeId ?? null}
            onChange={(placeId) => update({ placeId: placeId ?? undefined })}
          />
          <OrganisationSelect
            label={t("riskProgrammes.fields.organisationId")}
            value={search.organisationId ?? null}
            onChange={(organisationId) => update({ organisationId: organisationId ?? undefined })}
          />
          <Select
            label={t("riskProgrammes.fields.level")}
            clearable
            placeholder={t("common.all")}
            data={programmeCriticalities.map((level) => ({ value: level, label: t(`riskProgrammes.levels.${level}`) }))}
            value={search.level ?? null}
            onChange={(value) => update({ level: (value ?? undefined) as ProgrammeCriticality | undefined })}
          />
        </SimpleGrid>
      </ListFilters>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("riskProgrammes.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(item) => item.id}
          minWidth={1000}
          sort={{ by: "approvedOn", order, onChange: (_by, next) => update({ order: next }) }}
          rowActions={(item) => (
            <>
              {/* Whoever may read a rating may see how it changed. */}
              <Tooltip label={t("history.title")}>
                <ActionIcon variant="subtle" color="gray" size="lg" onClick={() => setHistoryOf(item)} aria-label={t("riskProgrammes.historyOne", { name: item.activityName })}>
                  <IconHistory size={18} aria-hidden />
                </ActionIcon>
              </Tooltip>
              {item.actions.includes("update") && (
                <Tooltip label={t("common.edit")}>
                  <ActionIcon variant="subtle" size="lg" onClick={() => setEditing(item)} aria-label={t("riskProgrammes.editOne", { name: item.activityName })}>
                    <IconPencil size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              )}
              {item.actions.includes("delete") && (
                <Tooltip label={t("common.delete")}>
                  <ActionIcon variant="subtle" color="red" size="lg" onClick={() => confirmDelete(item)} aria-label={t("riskProgrammes.deleteOne", { name: item.activityName })}>
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              )}
            </>
          )}
          empty={
            <Empty
              icon={<IconTargetArrow aria-hidden />}
              title={activeCount > 0 ? t("common.noMatches") : t("riskProgrammes.empty")}
              description={activeCount > 0 ? t("common.noMatchesHint") : t("riskProgrammes.emptyHint")}
              action={
                activeCount > 0 ? (
                  <Button size="xs" variant="default" onClick={() => void navigate({ search: {}, replace: true })}>
                    {t("common.clearFilters")}
                  </Button>
                ) : (
                  canUpdate && (
                    <Button size="xs" onClick={() => setEditing("new")}>
                      {t("riskProgrammes.create")}
                    </Button>
                  )
                )
              }
            />
          }
        />
      </ListResults>
      <Modal opened={historyOf !== null} onClose={() => setHistoryOf(null)} title={historyOf ? t("riskProgrammes.historyOne", { name: historyOf.activityName }) : ""} size="lg" fullScreen={isPhone}>
        {historyOf && <HistoryTimeline entityType="pc_assessment" entityId={historyOf.id} text={historyText} />}
      </Modal>
      <ProgrammeFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        assessment={editing && editing !== "new" ? editing : undefined}
        defaultPlaceId={search.placeId}
      />
    </>
  );
}
