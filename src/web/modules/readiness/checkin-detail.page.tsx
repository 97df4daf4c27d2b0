import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconDownload, IconMapPinOff, IconPlayerStop, IconRepeat } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { CheckinAnswer } from "../../../core/readiness/checkins.ts";
import { confirmAction } from "../../app/components/confirm.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { MessageStatus } from "./checkin-list.page.tsx";
import { CheckinRecipients } from "./checkin-recipients.component.tsx";
import { CheckinTally } from "./checkin-tally.component.tsx";
import { type Message, answerColours, useCheckinMutations, useLiveTally, useMessage } from "./checkins.api.ts";

const routeApi = getRouteApi("/app/pages/readiness/checkins/$messageId");

const answerIcons = { safe: IconCheck, need_help: IconAlertTriangle, not_in_area: IconMapPinOff };

/** One check-in or message: the recipient answers here; the area's staff follow the live tally and who has not answered. */
export function CheckinDetailPage() {
  const { messageId } = routeApi.useParams();
  const query = useMessage(messageId);
  return <QueryBoundary query={query}>{(message) => <CheckinDetail message={message} />}</QueryBoundary>;
}

function CheckinDetail({ message }: { message: Message }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const canFollow = message.actions.includes("tally");
  const tally = useLiveTally(message.id, canFollow && message.kind === "checkin");
  const { close, resend } = useCheckinMutations(message.id);
  const confirmResend = () =>
    confirmAction({
      title: t("checkins.resend"),
      message: t("checkins.resendConfirm", { count: tally?.totals.noReply ?? 0 }),
      confirmLabel: t("checkins.resend"),
      isDanger: false,
      onConfirm: () => resend.mutate(undefined, { onSuccess: (outcome) => notifySuccess(t("checkins.resent", { count: outcome.resentTo })), onError: (error) => notifyError(error) }),
    });
  const confirmClose = () =>
    confirmAction({
      title: t("checkins.close"),
      message: t("checkins.closeConfirm", { title: message.title }),
      confirmLabel: t("checkins.close"),
      onConfirm: () => close.mutate(undefined, { onError: (error) => notifyError(error) }),
    });
  return (
    <>
      <PageHeader
        title={message.title}
        breadcrumbs={[{ label: t("checkins.title"), to: "/readiness/checkins" }, { label: message.title }]}
        badges={<MessageStatus message={message} />}
        actions={
          <Group gap="xs">
            {canFollow ? (
              <Button variant="default" component="a" href={`/api/checkins/${message.id}/recipients.csv`} leftSection={<IconDownload size={16} />}>
                {t("checkins.csv")}
              </Button>
            ) : null}
            {message.actions.includes("resend") ? (
              <Button variant="default" leftSection={<IconRepeat size={16} />} onClick={confirmResend} loading={resend.isPending}>
                {t("checkins.resend")}
              </Button>
            ) : null}
            {message.actions.includes("close") ? (
              <Button variant="default" color="red" leftSection={<IconPlayerStop size={16} />} onClick={confirmClose} loading={close.isPending}>
                {t("checkins.close")}
              </Button>
            ) : null}
          </Group>
        }
      />
      <Stack gap="md">
        <Card withBorder padding="md" radius="md">
          <Text size="sm" c="dimmed">
            {message.areaName} · {t("checkins.sentBy", { name: message.sentByName, date: format.dateTime(message.sentAt) })}
          </Text>
          {message.body ? (
            <Text mt="xs" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {message.body}
            </Text>
          ) : null}
          {message.kind === "checkin" && message.expiresAt && message.isOpen ? (
            <Text size="sm" mt="xs">
              {t("checkins.closesAt", { date: format.dateTime(message.expiresAt) })}
            </Text>
          ) : null}
        </Card>
        {message.isRecipient && message.kind === "checkin" ? <MyAnswer message={message} /> : null}
        {canFollow && message.kind === "checkin" && tally ? (
          <>
            <CheckinTally tally={tally} />
            <CheckinRecipients message={message} version={tally.version} />
          </>
        ) : null}
      </Stack>
    </>
  );
}

function MyAnswer({ message }: { message: Message }) {
  const { t } = useTranslation();
  const { reply } = useCheckinMutations(message.id);
  const answer = (value: CheckinAnswer) => reply.mutate(value, { onSuccess: () => notifySuccess(t("checkins.answered")), onError: (error) => notifyError(error) });
  return (
    <Card withBorder padding="md" radius="md">
      <Title order={2} size="h4">
        {message.myAnswer ? t("checkins.yourAnswer", { answer: t(`checkins.answers.${message.myAnswer}`) }) : t("checkins.answerPrompt")}
      </Title>
      {message.isOpen ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md">
          {(["safe", "need_help", "not_in_area"] as const).map((value) => {
            const Icon = answerIcons[value];
            return (
              <Button
                key={value}
                size="lg"
                color={answerColours[value]}
                variant={message.myAnswer === value ? "filled" : "light"}
                leftSection={<Icon size={20} />}
                // Long answers ("Je ne suis pas dans la zone") wrap on a phone rather than being cut.
                h="auto"
                py="sm"
                styles={{ label: { whiteSpace: "normal", textAlign: "left" } }}
                loading={reply.isPending && reply.variables === value}
                onClick={() => answer(value)}
              >
                {t(`checkins.answers.${value}`)}
              </Button>
            );
          })}
        </SimpleGrid>
      ) : (
        <Alert mt="sm" color="gray">
          {t("checkins.closed")}
        </Alert>
      )}
    </Card>
  );
}
