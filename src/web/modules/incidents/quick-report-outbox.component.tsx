import { Badge, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconCloudOff, IconCloudUpload, IconTrash } from "@tabler/icons-react";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { findCategory } from "../../../core/incidents/incident-taxonomy.data.ts";
import { confirmAction } from "../../app/components/confirm.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCan } from "../../app/session.ts";
import { flushOutbox, listOutbox, type OutboxItem, removeFromOutbox, subscribeOutbox } from "./outbox.ts";

/** Whether the browser believes it is online; follows the `online` and `offline` events. */
export function useIsOnline(): boolean {
  const [isOnline, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener("online", on);
    window.addEventListener("offline", off);
    return () => {
      window.removeEventListener("online", on);
      window.removeEventListener("offline", off);
    };
  }, []);
  return isOnline;
}

/** The signed-in user's reports on this device, kept current across tabs and the service worker. */
export function useOutbox(userId: string) {
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const reload = useCallback(() => {
    listOutbox(userId).then(setItems, () => setItems([]));
  }, [userId]);
  useEffect(() => {
    reload();
    return subscribeOutbox(reload);
  }, [reload]);
  return items;
}

function StatusBadge({ item, isOnline }: { item: OutboxItem; isOnline: boolean }) {
  const { t } = useTranslation();
  if (item.status === "sent") return <Badge color="teal" variant="light" tt="none" style={{ flexShrink: 0 }}>{t("incidents.quick.statusSent")}</Badge>;
  if (item.status === "failed") return <Badge color="red" variant="light" tt="none" style={{ flexShrink: 0 }}>{t("incidents.quick.statusFailed")}</Badge>;
  return (
    <Badge color="orange" variant="light" tt="none" style={{ flexShrink: 0 }} leftSection={isOnline ? <IconCloudUpload size={12} aria-hidden /> : <IconCloudOff size={12} aria-hidden />}>
      {isOnline ? t("incidents.quick.statusSending") : t("incidents.quick.statusQueued")}
    </Badge>
  );
}

/** What waits on this device, what was sent (with a link to the incident) and what the server refused. */
export function OutboxList({ userId }: { userId: string }) {
  const { t, i18n } = useTranslation();
  const canOpenIncidents = useCan("incident.read");
  const format = useFormatters();
  const isOnline = useIsOnline();
  const items = useOutbox(userId);
  const language = i18n.language === "fr" ? "fr" : "en";
  if (!items || items.length === 0) return null;
  const hasQueued = items.some((item) => item.status === "queued");
  const sent = items.filter((item) => item.status === "sent");

  return (
    <Card withBorder component="section" aria-labelledby="quick-outbox">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id="quick-outbox">
          {t("incidents.quick.outboxTitle")}
        </Title>
        <Group gap="xs">
          {hasQueued && isOnline && (
            <Button size="xs" variant="light" onClick={() => void flushOutbox()}>
              {t("incidents.quick.sendNow")}
            </Button>
          )}
          {sent.length > 0 && (
            <Button
              size="xs"
              variant="subtle"
              onClick={() =>
                confirmAction({
                  title: t("incidents.quick.clearSentTitle"),
                  message: t("incidents.quick.clearSentMessage"),
                  confirmLabel: t("common.clear"),
                  isDanger: false,
                  onConfirm: () => void Promise.all(sent.map((item) => removeFromOutbox(item.key))),
                })
              }
            >
              {t("incidents.quick.clearSent")}
            </Button>
          )}
        </Group>
      </Group>
      {!isOnline && hasQueued && (
        <Text size="sm" c="dimmed" mb="sm">
          {t("incidents.quick.offlineHint")}
        </Text>
      )}
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: "none" }}>
        {items.map((item) => (
          <Card key={item.key} component="li" withBorder padding="xs" aria-label={t("incidents.quick.outboxItem", { description: item.body.description })}>
            <Stack gap={2}>
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Text size="sm" fw={600}>
                  {findCategory(item.body.categoryCode)?.label[language] ?? item.body.categoryCode}
                </Text>
                <StatusBadge item={item} isOnline={isOnline} />
              </Group>
              <Text size="xs" c="dimmed">
                {format.dateTime(item.body.occurredAt ?? item.queuedAt)}
              </Text>
              <Text size="sm" lineClamp={2} className="vigil-break">
                {item.body.description}
              </Text>
              {item.status === "failed" && item.error && (
                <Text size="xs" c="red" className="vigil-break">
                  {item.error}
                </Text>
              )}
              {/* A person reporting without an appointment (no incident.read) is not offered a page they cannot open. */}
              {item.status === "sent" && item.incidentId && canOpenIncidents && (
                <AnchorLink size="sm" to="/incidents/$incidentId" params={{ incidentId: item.incidentId }}>
                  {t("incidents.quick.openIncident")}
                </AnchorLink>
              )}
              {item.status === "failed" && (
                <Group>
                  <Button
                    size="compact-xs"
                    color="red"
                    variant="subtle"
                    leftSection={<IconTrash size={12} aria-hidden />}
                    onClick={() =>
                      confirmAction({
                        title: t("incidents.quick.removeTitle"),
                        message: t("incidents.quick.removeMessage"),
                        confirmLabel: t("common.remove"),
                        onConfirm: () => void removeFromOutbox(item.key),
                      })
                    }
                  >
                    {t("common.remove")}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
    </Card>
  );
}
