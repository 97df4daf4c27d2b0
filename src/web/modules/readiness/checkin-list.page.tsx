import { Badge, Group, Stack, Text } from "@mantine/core";
import { IconBellRinging, IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { ListPagination } from "../../app/components/list-pagination.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCan } from "../../app/session.ts";
import { type Message, useMessages } from "./checkins.api.ts";

const routeApi = getRouteApi("/app/pages/readiness/checkins");

export function MessageStatus({ message }: { message: Message }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      <Badge variant="light" color={message.kind === "checkin" ? "blue" : "gray"}>
        {t(`checkins.kind.${message.kind}`)}
      </Badge>
      {message.kind === "checkin" ? (
        <Badge variant="outline" color={message.isOpen ? "teal" : "gray"}>
          {message.isOpen ? t("checkins.open") : t("checkins.closed")}
        </Badge>
      ) : null}
      {message.isTest ? (
        <Badge variant="outline" color="orange">
          {t("checkins.test")}
        </Badge>
      ) : null}
    </Group>
  );
}

/** The messages and check-ins of the caller's areas, and those sent to the caller (issue 14 §4). */
export function CheckinListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const page = search.page ?? 1;
  const query = useMessages(page);
  const canSend = useCan("readiness.checkin.send");
  const columns: Column<Message>[] = [
    {
      key: "title",
      header: t("checkins.form.title"),
      isPrimary: true,
      render: (message) => (
        <Stack gap={2}>
          <AnchorLink to="/readiness/checkins/$messageId" params={{ messageId: message.id }} fw={600}>
            {message.title}
          </AnchorLink>
          <Text size="xs" c="dimmed">
            {message.areaName}
          </Text>
        </Stack>
      ),
    },
    { key: "kind", header: t("checkins.form.kind"), render: (message) => <MessageStatus message={message} /> },
    { key: "sent", header: t("checkins.sentAt"), render: (message) => <span style={{ whiteSpace: "nowrap" }}>{format.dateTime(message.sentAt)}</span> },
    {
      key: "answer",
      header: t("checkins.filterAnswer"),
      render: (message) => (message.isRecipient && message.kind === "checkin" ? t(`checkins.answers.${message.myAnswer ?? "none"}`) : "—"),
    },
  ];
  return (
    <>
      <PageHeader
        title={t("checkins.title")}
        description={t("checkins.description")}
        actions={
          canSend ? (
            <ButtonLink to="/readiness/checkins/new" leftSection={<IconPlus size={16} />}>
              {t("checkins.new")}
            </ButtonLink>
          ) : undefined
        }
      />
      <DataTable
        caption={t("checkins.title")}
        columns={columns}
        items={query.data?.items}
        isLoading={query.isPending}
        getKey={(message) => message.id}
        rowColor={(message) => (message.isRecipient && message.isOpen && !message.myAnswer ? "var(--mantine-color-yellow-0)" : undefined)}
        empty={<Empty icon={<IconBellRinging size={32} />} title={t("checkins.empty")} description={t("checkins.emptyHint")} />}
      />
      {query.data ? <ListPagination total={query.data.total} page={page} pageSize={query.data.pageSize} onChange={(next) => navigate({ search: { page: next } })} /> : null}
    </>
  );
}
