import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { IconAlertTriangle, IconBell, IconChecks } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError } from "../../app/components/notify.ts";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { type AppNotification, useMarkAllRead, useMarkNotification, useNotifications } from "./notifications.api.ts";

const firstPage = 10;

/** The bell in the header: the unread count, and the latest notifications, each opening its record. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [pageSize, setPageSize] = useState(firstPage);
  const query = useNotifications(pageSize);
  const markAll = useMarkAllRead();
  const unread = query.data?.unreadCount ?? 0;
  const items = query.data?.items ?? [];
  const newest = items[0]?.createdAt;

  return (
    <Popover
      opened={isOpen}
      onChange={setOpen}
      position="bottom-end"
      width="min(380px, calc(100vw - 16px))"
      shadow="md"
      withinPortal
      trapFocus
      returnFocus
      // The bell button carries its own aria-expanded and aria-haspopup; Mantine would put them on the Indicator's <div>.
      withRoles={false}
    >
      <Popover.Target>
        <Indicator
          disabled={unread === 0}
          label={unread > 99 ? "99+" : unread}
          size={18}
          offset={6}
          color="red"
          inline
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpen((open) => !open)}
            aria-label={unread ? t("notifications.openUnread", { count: unread }) : t("notifications.open")}
            aria-expanded={isOpen}
            aria-haspopup="dialog"
          >
            <IconBell size={20} stroke={1.6} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} aria-label={t("notifications.title")} role="dialog">
        <Group justify="space-between" px="sm" py="xs" wrap="nowrap" style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}>
          <Text fw={650} size="sm">
            {t("notifications.title")}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconChecks size={14} aria-hidden />}
            disabled={unread === 0 || !newest}
            loading={markAll.isPending}
            onClick={() => newest && markAll.mutate(newest, { onError: (error) => notifyError(error) })}
          >
            {t("notifications.markAllRead")}
          </Button>
        </Group>
        <ScrollArea.Autosize mah="min(420px, 60vh)" type="auto">
          {query.isPending ? (
            <Group justify="center" p="md">
              <Loader size="sm" aria-label={t("common.loading")} />
            </Group>
          ) : query.isError && !query.data ? (
            <Stack p="xs">
              <QueryError error={query.error} onRetry={() => void query.refetch()} />
            </Stack>
          ) : items.length === 0 ? (
            <Stack p="sm">
              <Empty isCompact title={t("notifications.empty")} />
            </Stack>
          ) : (
            <Stack gap={0} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
              {items.map((item) => (
                <li key={item.id}>
                  <NotificationItem notification={item} onOpened={() => setOpen(false)} />
                </li>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
        {query.data && query.data.total > items.length && (
          <Group justify="center" p="xs" style={{ borderTop: "1px solid var(--mantine-color-default-border)" }}>
            <Button size="compact-sm" variant="subtle" loading={query.isFetching} onClick={() => setPageSize((size) => Math.min(size + firstPage, 200))}>
              {t("notifications.showMore")}
            </Button>
          </Group>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationItem({ notification, onOpened }: { notification: AppNotification; onOpened: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const mark = useMarkNotification();
  const isUnread = notification.readAt === null;
  const entityId = notification.entityId;

  // The record a notification is about opens on a click: an incident, an overdue measure, or the
  // security levels page for a level change (its proposal, approval or endorsement).
  function open() {
    if (isUnread) mark.mutate({ id: notification.id, isRead: true });
    if (entityId === null) return;
    // An in-trip alert is about an incident or a level the traveller may not open: their trips instead.
    if (notification.kind === "travel_alert") {
      onOpened();
      void navigate({ to: "/travel" });
    } else if (notification.entityType === "incident") {
      onOpened();
      void navigate({ to: "/incidents/$incidentId", params: { incidentId: entityId } });
    } else if (notification.entityType === "srm_measure") {
      onOpened();
      void navigate({ to: "/risk/measures/$measureId", params: { measureId: entityId } });
    } else if (notification.entityType === "mass_message") {
      // A check-in or message (issue 14 §4): the recipient answers there, the area's staff follow it.
      onOpened();
      void navigate({ to: "/readiness/checkins/$messageId", params: { messageId: entityId } });
    } else if (notification.entityType === "security_level_change") {
      onOpened();
      void navigate({ to: "/risk/security-levels" });
    }
  }

  return (
    <UnstyledButton
      onClick={open}
      w="100%"
      px="sm"
      py="xs"
      className="vigil-notification-item"
      style={{
        display: "block",
        borderBottom: "1px solid var(--mantine-color-default-border)",
        background: isUnread ? "var(--mantine-color-vigil-light)" : undefined,
      }}
      aria-label={isUnread ? t("notifications.unreadItem", { title: notification.title }) : notification.title}
    >
      <Group gap={6} wrap="nowrap" align="flex-start">
        {(notification.kind === "flash_alert" || notification.kind === "travel_alert") && <IconAlertTriangle size={16} color="var(--mantine-color-red-7)" aria-hidden style={{ flex: "none", marginTop: 2 }} />}
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
            <Text size="sm" fw={isUnread ? 650 : 500} className="vigil-break">
              {notification.title}
            </Text>
            {isUnread && (
              <Badge size="xs" color="red" variant="filled" style={{ flex: "none" }}>
                {t("notifications.new")}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" lineClamp={2} className="vigil-break">
            {notification.body}
          </Text>
          <Text size="xs" c="dimmed">
            {format.dateTime(notification.createdAt)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
