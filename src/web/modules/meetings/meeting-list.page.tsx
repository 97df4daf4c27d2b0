import { Badge, Select, SimpleGrid, Text } from "@mantine/core";
import { IconPlus, IconUsersGroup } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { SearchInput } from "../../app/components/search-input.component.tsx";
import { bodyPlaceKind, type MeetingBody, meetingBodies } from "../../app/domain.ts";
import { useFormatters } from "../../app/format.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan } from "../../app/session.ts";
import { bodyColors } from "./body-colors.ts";
import { type MeetingListItem, useMeetingList } from "./meetings.api.ts";

const routeApi = getRouteApi("/app/pages/meetings");

export function MeetingListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan("meeting.create");
  const { page, update, goToPage } = useListSearch(search, navigate);
  const order = search.order ?? "desc";
  const query = useMeetingList({
    q: search.q,
    body: search.body,
    placeId: search.placeId,
    order,
    page,
    pageSize: defaultPageSize,
  });
  const hasFilters = Boolean(search.q || search.body || search.placeId);

  const columns: Column<MeetingListItem>[] = [
    {
      key: "heldOn",
      header: t("fields.heldOn"),
      sortKey: "heldOn",
      render: (meeting) => <span style={{ whiteSpace: "nowrap" }}>{format.date(meeting.heldOn)}</span>,
    },
    {
      key: "title",
      header: t("fields.title"),
      isPrimary: true,
      render: (meeting) => (
        <AnchorLink to="/meetings/$meetingId" params={{ meetingId: meeting.id }} fw={600}>
          {meeting.title}
        </AnchorLink>
      ),
    },
    {
      key: "body",
      header: t("fields.body"),
      render: (meeting) => (
        <Badge variant="light" color={bodyColors[meeting.body]}>
          {t(`bodies.${meeting.body}.short`)}
        </Badge>
      ),
    },
    { key: "place", header: t("fields.place"), render: (meeting) => meeting.placeName },
    { key: "attendees", header: t("meetings.attendeeCount"), render: (meeting) => meeting.attendeeCount },
    {
      key: "open",
      header: t("meetings.openActions"),
      render: (meeting) =>
        meeting.openActionCount > 0 ? (
          <Badge color="orange" variant="light">
            {meeting.openActionCount}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            0
          </Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("meetings.title")}
        description={t("meetings.description")}
        actions={
          canCreate && (
            <ButtonLink
              to="/meetings/new"
              search={{ body: search.body, placeId: search.placeId }}
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              {t("meetings.create")}
            </ButtonLink>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" mb="sm">
        <SearchInput
          label={t("common.search")}
          placeholder={t("meetings.searchPlaceholder")}
          value={search.q}
          onChange={(q) => update({ q })}
        />
        <Select
          label={t("fields.body")}
          clearable
          placeholder={t("common.all")}
          data={meetingBodies.map((body) => ({ value: body, label: t(`bodies.${body}.long`) }))}
          value={search.body ?? null}
          onChange={(body) => update({ body: (body ?? undefined) as MeetingBody | undefined })}
        />
        <PlaceSelect
          label={t("fields.place")}
          kinds={search.body ? [bodyPlaceKind[search.body]] : ["designated_area", "security_area"]}
          value={search.placeId ?? null}
          onChange={(placeId) => update({ placeId: placeId ?? undefined })}
        />
      </SimpleGrid>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("meetings.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(meeting) => meeting.id}
          minWidth={760}
          sort={{ by: "heldOn", order, onChange: (_by, next) => update({ order: next }) }}
          empty={
            <Empty
              icon={<IconUsersGroup aria-hidden />}
              title={hasFilters ? t("common.noMatches") : t("meetings.empty")}
              description={hasFilters ? t("common.noMatchesHint") : t("meetings.emptyHint")}
              action={
                canCreate &&
                !hasFilters && (
                  <ButtonLink size="xs" to="/meetings/new" search={{}}>
                    {t("meetings.create")}
                  </ButtonLink>
                )
              }
            />
          }
        />
      </ListResults>
    </>
  );
}
