import { ActionIcon, Badge, Button, Code, Group, Menu, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDots, IconList, IconPlayerPlay, IconPlayerStop, IconPlus, IconTrash, IconWebhook } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { WebhookDeliveriesModal } from "./webhook-deliveries.modal.tsx";
import { WebhookCreateModal } from "./webhook-form.modal.tsx";
import { type Webhook, useDeleteWebhook, useUpdateWebhook, useWebhooks } from "./webhooks.api.ts";

const routeApi = getRouteApi("/app/pages/admin/webhooks");

/** Subscriptions of other systems to Vigil's events (system administrator). */
export function WebhookListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { page, goToPage } = useListSearch(search, navigate);
  const query = useWebhooks({ page, pageSize: defaultPageSize });
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const [isCreating, creating] = useDisclosure(false);
  const [showing, setShowing] = useState<Webhook | null>(null);

  function setActive(webhook: Webhook, isActive: boolean) {
    const run = () =>
      update.mutate(
        { id: webhook.id, body: { isActive } },
        {
          onSuccess: () => notifySuccess(isActive ? t("webhooks.activated") : t("webhooks.deactivated")),
          onError: (error) => notifyError(error),
        },
      );
    if (isActive) return run();
    confirmAction({
      title: t("webhooks.deactivateTitle"),
      message: t("webhooks.deactivateMessage", { name: webhook.name }),
      confirmLabel: t("webhooks.deactivate"),
      onConfirm: run,
    });
  }

  function confirmDelete(webhook: Webhook) {
    confirmAction({
      title: t("webhooks.deleteTitle"),
      message: t("webhooks.deleteMessage", { name: webhook.name, url: webhook.url }),
      confirmLabel: t("common.delete"),
      onConfirm: () =>
        remove.mutate(webhook.id, {
          onSuccess: () => notifySuccess(t("webhooks.deleted")),
          onError: (error) => notifyError(error),
        }),
    });
  }

  const columns: Column<Webhook>[] = [
    {
      key: "name",
      header: t("webhooks.name"),
      isPrimary: true,
      render: (webhook) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {webhook.name}
          </Text>
          <Text size="xs" c="dimmed" className="vigil-break">
            {webhook.url}
          </Text>
        </Stack>
      ),
    },
    {
      key: "events",
      header: t("webhooks.eventTypes"),
      render: (webhook) => (
        <Group gap={4}>
          {webhook.eventTypes.map((type) => (
            <Code key={type} fz="xs">
              {type}
            </Code>
          ))}
        </Group>
      ),
    },
    { key: "place", header: t("webhooks.place"), render: (webhook) => webhook.placeName ?? t("webhooks.everywhere") },
    {
      key: "status",
      header: t("fields.status"),
      render: (webhook) => (
        <Badge size="sm" variant="light" color={webhook.isActive ? "green" : "gray"}>
          {webhook.isActive ? t("webhooks.active") : t("webhooks.inactive")}
        </Badge>
      ),
    },
    {
      key: "deliveries",
      header: t("webhooks.deliveries"),
      render: (webhook) => (
        <Group gap={4}>
          <Badge size="sm" variant="light" color="green">
            {t("webhooks.deliveredCount", { count: webhook.deliveries.delivered, formatted: format.number(webhook.deliveries.delivered) })}
          </Badge>
          {webhook.deliveries.pending > 0 && (
            <Badge size="sm" variant="light" color="orange">
              {t("webhooks.pendingCount", { count: webhook.deliveries.pending, formatted: format.number(webhook.deliveries.pending) })}
            </Badge>
          )}
          {webhook.deliveries.failed > 0 && (
            <Badge size="sm" variant="light" color="red">
              {t("webhooks.failedCount", { count: webhook.deliveries.failed, formatted: format.number(webhook.deliveries.failed) })}
            </Badge>
          )}
        </Group>
      ),
    },
    { key: "created", header: t("fields.createdAt"), isHiddenOnCards: true, render: (webhook) => format.date(webhook.createdAt) },
  ];

  return (
    <>
      <PageHeader
        title={t("webhooks.title")}
        description={t("webhooks.description")}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creating.open}>
            {t("webhooks.create")}
          </Button>
        }
      />
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("webhooks.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(webhook) => webhook.id}
          minWidth={820}
          empty={<Empty icon={<IconWebhook aria-hidden />} title={t("webhooks.empty")} description={t("webhooks.emptyHint")} />}
          rowActions={(webhook) => (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" aria-label={t("webhooks.actionsFor", { name: webhook.name })}>
                  <IconDots size={18} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconList size={16} aria-hidden />} onClick={() => setShowing(webhook)}>
                  {t("webhooks.showDeliveries")}
                </Menu.Item>
                {webhook.actions.includes("update") &&
                  (webhook.isActive ? (
                    <Menu.Item leftSection={<IconPlayerStop size={16} aria-hidden />} onClick={() => setActive(webhook, false)}>
                      {t("webhooks.deactivate")}
                    </Menu.Item>
                  ) : (
                    <Menu.Item leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => setActive(webhook, true)}>
                      {t("webhooks.activate")}
                    </Menu.Item>
                  ))}
                {webhook.actions.includes("delete") && (
                  <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => confirmDelete(webhook)}>
                    {t("common.delete")}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        />
      </ListResults>
      <WebhookCreateModal opened={isCreating} onClose={creating.close} />
      <WebhookDeliveriesModal webhook={showing} onClose={() => setShowing(null)} />
    </>
  );
}
