import { Badge, Code, Stack, Text } from "@mantine/core";
import { IconSend } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { type Webhook, type WebhookDelivery, useWebhookDeliveries } from "./webhooks.api.ts";

const statusColors = { pending: "orange", delivered: "green", failed: "red" } as const;

/** The latest deliveries of one subscription: what was sent, whether it arrived, and the last error. */
export function WebhookDeliveriesModal({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={webhook !== null} onClose={onClose} title={t("webhooks.deliveriesTitle", { name: webhook?.name ?? "" })} size="xl">
      {webhook && <DeliveryList webhook={webhook} />}
    </FormModal>
  );
}

function DeliveryList({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const query = useWebhookDeliveries(webhook.id);

  const columns: Column<WebhookDelivery>[] = [
    {
      key: "created",
      header: t("webhooks.deliveryCreated"),
      isPrimary: true,
      render: (delivery) => (
        <Stack gap={0}>
          <Text size="sm">{format.dateTime(delivery.createdAt)}</Text>
          <Code fz="xs">{delivery.eventType}</Code>
        </Stack>
      ),
    },
    {
      key: "status",
      header: t("fields.status"),
      render: (delivery) => (
        <Badge size="sm" variant="light" color={statusColors[delivery.status]}>
          {t(`webhooks.deliveryStatuses.${delivery.status}`)}
        </Badge>
      ),
    },
    { key: "attempts", header: t("webhooks.attempts"), render: (delivery) => format.number(delivery.attempts) },
    {
      key: "answer",
      header: t("webhooks.lastAnswer"),
      render: (delivery) => (
        <Stack gap={0}>
          {delivery.lastStatusCode !== null && <Text size="sm">HTTP {delivery.lastStatusCode}</Text>}
          {delivery.lastError && (
            <Text size="xs" c="red.9" className="vigil-break">
              {delivery.lastError}
            </Text>
          )}
          {delivery.lastStatusCode === null && !delivery.lastError && "—"}
        </Stack>
      ),
    },
    {
      key: "when",
      header: t("webhooks.deliveredOrNext"),
      render: (delivery) =>
        delivery.deliveredAt
          ? format.dateTime(delivery.deliveredAt)
          : delivery.nextAttemptAt
            ? t("webhooks.nextAttempt", { time: format.dateTime(delivery.nextAttemptAt) })
            : "—",
    },
  ];

  return (
    <>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && query.data.total > 0 && (
        <Text size="sm" c="dimmed" mb="xs" aria-live="polite">
          {t("webhooks.latestOf", { count: query.data.total, shown: format.number(query.data.items.length), total: format.number(query.data.total) })}
        </Text>
      )}
      <DataTable
        caption={t("webhooks.deliveriesTitle", { name: webhook.name })}
        columns={columns}
        items={query.data?.items}
        isLoading={query.isPending}
        getKey={(delivery) => delivery.id}
        minWidth={720}
        empty={<Empty icon={<IconSend aria-hidden />} title={t("webhooks.noDeliveries")} description={t("webhooks.noDeliveriesHint")} />}
      />
    </>
  );
}
