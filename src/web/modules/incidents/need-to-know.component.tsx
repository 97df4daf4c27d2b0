import { ActionIcon, Badge, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconLock, IconX } from "@tabler/icons-react";
import { useQueries } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { confirmAction } from "../../app/components/confirm.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import { QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useNeedToKnow, useSetNeedToKnow } from "./incidents.api.ts";

type PersonName = { id: string; givenName: string; familyName: string };

/**
 * The people named on a sensitive incident's need-to-know list, beside the area's P/C/SA. Only
 * the P/C/SA manages it (`manage_need_to_know`); removing someone asks first.
 */
export function NeedToKnowCard({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const query = useNeedToKnow(incidentId, true);
  const save = useSetNeedToKnow(incidentId);
  const [adding, setAdding] = useState<string | null>(null);
  const personIds = query.data?.personIds ?? [];
  const names = useQueries({
    queries: personIds.map((id) => ({
      queryKey: ["personnel", "detail", id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<PersonName>(`/api/personnel/${id}`, undefined, signal),
      staleTime: 60_000,
    })),
  });
  const nameOf = (index: number) => {
    const person = names[index]?.data;
    return person ? `${person.givenName} ${person.familyName}` : t("common.loading");
  };

  function replace(next: string[], message: string) {
    save.mutate(next, { onSuccess: () => notifySuccess(message), onError: (error) => notifyError(error) });
  }

  return (
    <Card withBorder component="section" aria-labelledby="incident-need-to-know">
      <Group gap="xs" mb={4}>
        <IconLock size={18} aria-hidden />
        <Title order={2} size="h4" id="incident-need-to-know">
          {t("incidents.needToKnow.title")}
        </Title>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t("incidents.needToKnow.hint")}
      </Text>
      <QueryBoundary query={query} pending={<Loader size="sm" />}>
        {() => (
          <Stack gap="sm">
            {personIds.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("incidents.needToKnow.empty")}
              </Text>
            ) : (
              <Group gap={6}>
                {personIds.map((id, index) => (
                  <Badge
                    key={id}
                    variant="light"
                    tt="none"
                    size="lg"
                    rightSection={
                      <ActionIcon
                        size="xs"
                        variant="transparent"
                        aria-label={t("incidents.needToKnow.remove", { name: nameOf(index) })}
                        onClick={() =>
                          confirmAction({
                            title: t("incidents.needToKnow.removeTitle"),
                            message: t("incidents.needToKnow.removeMessage", { name: nameOf(index) }),
                            confirmLabel: t("common.remove"),
                            onConfirm: () => replace(personIds.filter((other) => other !== id), t("incidents.needToKnow.saved")),
                          })
                        }
                      >
                        <IconX size={12} aria-hidden />
                      </ActionIcon>
                    }
                  >
                    {nameOf(index)}
                  </Badge>
                ))}
              </Group>
            )}
            <Group align="flex-end" gap="xs">
              <PersonPicker label={t("incidents.needToKnow.add")} value={adding} onChange={(personId) => setAdding(personId)} style={{ flex: "1 1 240px" }} />
              <Button
                disabled={!adding || personIds.includes(adding)}
                loading={save.isPending}
                onClick={() => {
                  if (!adding) return;
                  replace([...personIds, adding], t("incidents.needToKnow.saved"));
                  setAdding(null);
                }}
              >
                {t("common.add")}
              </Button>
            </Group>
          </Stack>
        )}
      </QueryBoundary>
    </Card>
  );
}
