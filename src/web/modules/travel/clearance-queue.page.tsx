import { Badge, List, Stack, Text } from "@mantine/core";
import { IconClipboardCheck } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { formatLocal } from "./travel-labels.ts";
import { type QueueItem, useClearanceQueue } from "./travel.api.ts";

const routeApi = getRouteApi("/app/pages/travel/queue");

/** The legs waiting for the caller's clearance decision, earliest departure first (GET /api/travel/queue). */
export function ClearanceQueuePage() {
  const { t, i18n } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { page, goToPage } = useListSearch(search, navigate);
  const query = useClearanceQueue({ page, pageSize: defaultPageSize });

  const columns: Column<QueueItem>[] = [
    {
      key: "trip",
      header: t("travel.fields.trip"),
      isPrimary: true,
      width: 190,
      render: (item) => (
        <Stack gap={0}>
          <AnchorLink to="/travel/requests/$requestId" params={{ requestId: item.requestId }} fw={600} style={{ whiteSpace: "nowrap" }}>
            {item.number}
          </AnchorLink>
          <Text size="xs" c="dimmed" fw={400} className="vigil-break">
            {item.purpose}
          </Text>
        </Stack>
      ),
    },
    {
      key: "leg",
      header: t("travel.fields.leg"),
      render: (item) => (
        <Stack gap={2}>
          <span className="vigil-break">{`${item.fromName} → ${item.toName}`}</span>
          {item.reviewer === "do" && (
            <Badge size="sm" variant="light" color="red" style={{ alignSelf: "flex-start" }}>
              {t("travel.queue.forDo")}
            </Badge>
          )}
        </Stack>
      ),
    },
    {
      key: "departure",
      header: t("travel.fields.departure"),
      render: (item) => (
        <Stack gap={0}>
          <span style={{ whiteSpace: "nowrap" }}>{formatLocal(item.departureLocal, i18n.language)}</span>
          <Text size="xs" c="dimmed">
            {t(`travel.transport.${item.transport}`)}
          </Text>
        </Stack>
      ),
    },
    {
      key: "travellers",
      header: t("travel.fields.travellers"),
      render: (item) => item.travellers.map((traveller) => `${traveller.name} (${traveller.organisationCode})`).join(", "),
    },
    {
      key: "reasons",
      header: t("travel.trip.reasons"),
      width: 280,
      render: (item) => (
        <List size="sm" spacing={2}>
          {item.reasons.map((reason) => (
            <List.Item key={`${reason.code}:${reason.text}`} className="vigil-break">
              {reason.text}
            </List.Item>
          ))}
        </List>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t("travel.queue.title")} description={t("travel.queue.description")} />
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("travel.queue.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(item) => item.legId}
          minWidth={960}
          empty={<Empty icon={<IconClipboardCheck aria-hidden />} title={t("travel.queue.empty")} description={t("travel.queue.emptyHint")} />}
        />
      </ListResults>
    </>
  );
}
