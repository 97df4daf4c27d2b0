import { Badge, Button, Card, Menu, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { IconChevronDown } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CheckinAnswer } from "../../../core/readiness/checkins.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { ListPagination } from "../../app/components/list-pagination.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { type Message, type Recipient, answerColours, useCheckinMutations, useRecipients } from "./checkins.api.ts";

const answers = ["safe", "need_help", "not_in_area"] as const;

/** Who was asked, those without an answer first: the list a warden works from, phoning and recording answers. */
export function CheckinRecipients({ message, version }: { message: Message; version: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<string>("none");
  const [page, setPage] = useState(1);
  const query = useRecipients(message.id, { answer: filter === "all" ? undefined : filter, page }, true, version);
  const { record } = useCheckinMutations(message.id);
  const recordFor = (recipient: Recipient, answer: CheckinAnswer) =>
    record.mutate({ personId: recipient.personId, answer }, { onSuccess: () => notifySuccess(t("checkins.recorded", { name: recipient.name })), onError: (error) => notifyError(error) });

  const columns: Column<Recipient>[] = [
    {
      key: "name",
      header: t("zones.fields.person"),
      isPrimary: true,
      render: (recipient) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {recipient.name}
          </Text>
          <Text size="xs" c="dimmed">
            {[recipient.organisationCode, recipient.zoneName].filter(Boolean).join(" · ")}
          </Text>
        </Stack>
      ),
    },
    {
      key: "answer",
      header: t("checkins.filterAnswer"),
      render: (recipient) =>
        recipient.answer ? (
          <Badge color={answerColours[recipient.answer]} variant="light">
            {t(`checkins.answers.${recipient.answer}`)}
          </Badge>
        ) : (
          <Text size="sm" c="orange.8">
            {t("checkins.answers.none")}
          </Text>
        ),
    },
    { key: "channel", header: t("checkins.channel"), render: (recipient) => (recipient.answerChannel ? t(`checkins.channels.${recipient.answerChannel}`) : "—") },
    {
      key: "phone",
      header: t("zones.fields.phone"),
      render: (recipient) =>
        recipient.contacts ? (
          <Stack gap={0}>
            {[recipient.contacts.phone, recipient.contacts.mobile].filter(Boolean).map((number) => (
              <a key={number} href={`tel:${number?.replace(/\s+/g, "")}`} style={{ whiteSpace: "nowrap", color: "inherit" }}>
                {number}
              </a>
            ))}
          </Stack>
        ) : (
          <Text span size="sm" c="dimmed" fs="italic">
            {t("zones.fields.contactsHidden")}
          </Text>
        ),
    },
  ];
  return (
    <Card withBorder padding="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {t("checkins.recipients")}
      </Title>
      <SegmentedControl
        mb="sm"
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(1);
        }}
        aria-label={t("checkins.filterAnswer")}
        data={[
          { value: "none", label: t("checkins.noReply") },
          { value: "need_help", label: t("checkins.answers.need_help") },
          { value: "all", label: t("checkins.all") },
        ]}
      />
      <DataTable
        caption={t("checkins.recipients")}
        columns={columns}
        items={query.data?.items}
        isLoading={query.isPending}
        getKey={(recipient) => recipient.personId}
        empty={<Empty title={t("checkins.empty")} isCompact />}
        rowActions={(recipient) =>
          recipient.canRecord && message.isOpen ? (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />} aria-label={t("checkins.recordFor", { name: recipient.name })}>
                  {t("checkins.recordShort")}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {answers.map((answer) => (
                  <Menu.Item key={answer} onClick={() => recordFor(recipient, answer)}>
                    {t(`checkins.answers.${answer}`)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          ) : null
        }
      />
      {query.data ? <ListPagination total={query.data.total} page={page} pageSize={query.data.pageSize} onChange={setPage} /> : null}
      {query.data && query.data.hidden > 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {t("checkins.hidden", { count: query.data.hidden })}
        </Text>
      ) : null}
    </Card>
  );
}
