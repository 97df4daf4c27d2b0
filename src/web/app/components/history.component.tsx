import { Box, Button, Card, Paper, Skeleton, Stack, Table, Text, Timeline, Title } from "@mantine/core";
import { IconArrowRight, IconHistory, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api.ts";
import { useFormatters } from "../format.ts";
import { useIsPhone } from "../viewport.ts";
import { Empty } from "./empty-state.component.tsx";
import { isInternalField, useHistoryValueText } from "./history-value.ts";
import { QueryBoundary } from "./query-boundary.component.tsx";

export type HistoryEntityType = "organisation" | "place" | "appointment" | "person" | "meeting" | "incident" | "srm_assessment" | "srm_measure" | "pc_assessment";

/** A module's own wording for its fields and values; `undefined` falls back to the shared wording. */
export type HistoryText = {
  fieldLabel?: (field: string) => string | undefined;
  valueText?: (field: string, value: unknown) => string | null | undefined;
  /** Bookkeeping of that module that means nothing to a reader. */
  isHidden?: (field: string) => boolean;
  /** The module's name for a step of its records (an assessment's "submit"); `undefined` falls back to the shared one. */
  actionLabel?: (action: string) => string | undefined;
  /** Fields in the order the record's page shows them; the others follow. Stored entries keep no order of their own. */
  order?: readonly string[];
  /** A module's own steps that bring a record into being (an assessment's "new_version"), besides "create" and "…_create". */
  isCreation?: (action: string) => boolean;
};

/** Steps that bring a record (or a part of it) into being: they have nothing before, only what they start with. */
const isCreationStep = (action: string, text?: HistoryText) => action === "create" || action.endsWith("_create") || Boolean(text?.isCreation?.(action));

const isEmpty = (value: unknown) => value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);

function inOrder(changes: [string, Change][], order: readonly string[] | undefined): [string, Change][] {
  if (!order) return changes;
  const rank = (field: string) => {
    const index = order.indexOf(field);
    return index < 0 ? order.length : index;
  };
  return [...changes].sort(([a], [b]) => rank(a) - rank(b));
}

type Change = { from: unknown; to: unknown };

type HistoryEntry = {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  /** The part of the record the entry is about (an assessment's scenario), or null. */
  subject?: string | null;
  changes: Record<string, Change> | null;
};

const pageStep = 10;

function actionIcon(action: string) {
  if (action === "create") return <IconPlus size={12} aria-hidden />;
  if (action === "delete") return <IconTrash size={12} aria-hidden />;
  if (action === "update") return <IconPencil size={12} aria-hidden />;
  return <IconHistory size={12} aria-hidden />;
}

function ValueText({ text }: { text: string | null }) {
  if (text === null) {
    return (
      <Text span c="dimmed" size="sm">
        —
      </Text>
    );
  }
  return <span className="vigil-break">{text}</span>;
}

/** Field, before and after side by side; a phone gets one block per field instead of a table it would cut. */
function ChangeDetails({ changes, isCreation, text }: { changes: [string, Change][]; isCreation: boolean; text?: HistoryText }) {
  const { t } = useTranslation();
  const sharedValueText = useHistoryValueText();
  const isPhone = useIsPhone();
  const valueText = (field: string, value: unknown) => {
    const own = text?.valueText?.(field, value);
    return own === undefined ? sharedValueText(field, value) : own;
  };
  const fieldName = (field: string) => text?.fieldLabel?.(field) ?? t(`fields.${field}`, { defaultValue: field });

  if (isPhone) {
    return (
      <Paper component="dl" withBorder radius="sm" mt={6} mb={0}>
        {changes.map(([field, change], index) => (
          <Box
            key={field}
            px="xs"
            py={6}
            style={index > 0 ? { borderTop: "1px solid var(--mantine-color-default-border)" } : undefined}
          >
            <Text component="dt" size="xs" fw={600} c="dimmed">
              {fieldName(field)}
            </Text>
            <Text component="dd" size="sm" m={0}>
              {/* A creation has nothing before: only the value it was created with. */}
              {!isCreation && (
                <>
                  <span className="vigil-sr-only">{t("history.before")}: </span>
                  <ValueText text={valueText(field, change?.from)} />
                  <IconArrowRight
                    size={14}
                    aria-hidden
                    style={{ verticalAlign: "middle", margin: "0 0.35em", color: "var(--mantine-color-dimmed)" }}
                  />
                </>
              )}
              <span className="vigil-sr-only">{t("history.after")}: </span>
              <ValueText text={valueText(field, change?.to)} />
            </Text>
          </Box>
        ))}
      </Paper>
    );
  }

  return (
    <Table.ScrollContainer minWidth={420} type="native" mt={6}>
      <Table withTableBorder withColumnBorders fz="sm" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("history.field")}</Table.Th>
            {!isCreation && <Table.Th scope="col">{t("history.before")}</Table.Th>}
            <Table.Th scope="col">{t("history.after")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map(([field, change]) => (
            <Table.Tr key={field}>
              <Table.Td>{fieldName(field)}</Table.Td>
              {!isCreation && (
                <Table.Td>
                  <ValueText text={valueText(field, change?.from)} />
                </Table.Td>
              )}
              <Table.Td>
                <ValueText text={valueText(field, change?.to)} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function HistorySkeleton() {
  return (
    <Stack gap="xs">
      <Skeleton height={14} width="50%" />
      <Skeleton height={40} />
      <Skeleton height={14} width="40%" />
    </Stack>
  );
}

/** Who changed what and when, field by field, for one record. */
export function HistoryTimeline({ entityType, entityId, text }: { entityType: HistoryEntityType; entityId: string; text?: HistoryText }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [visibleCount, setVisibleCount] = useState(pageStep);
  const query = useQuery({
    queryKey: ["history", entityType, entityId],
    // Read again each time it is shown: a history a tab away must not miss the change just made.
    staleTime: 0,
    queryFn: ({ signal }) =>
      api.get<{ items: HistoryEntry[] }>(`/api/history/${entityType}/${entityId}`, undefined, signal),
  });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`history-${entityId}`}>
      <Title order={2} size="h4" mb="sm" id={`history-${entityId}`}>
        {t("history.title")}
      </Title>
      <QueryBoundary query={query} pending={<HistorySkeleton />}>
        {(data) => {
          const entries = [...data.items].sort((a, b) => b.seq - a.seq);
          if (entries.length === 0) {
            return <Empty isCompact title={t("history.empty")} icon={<IconHistory aria-hidden />} />;
          }
          return (
            <>
              <Timeline bulletSize={22} lineWidth={2}>
                {entries.slice(0, visibleCount).map((entry) => {
                  const isCreation = isCreationStep(entry.action, text);
                  // A creation lists what the record started with: fields left empty say nothing.
                  const changes = inOrder(
                    Object.entries(entry.changes ?? {}).filter(
                      ([field, change]) => !isInternalField(field) && !text?.isHidden?.(field) && !(isCreation && isEmpty(change?.to)),
                    ),
                    text?.order,
                  );
                  const action = text?.actionLabel?.(entry.action) ?? t(`history.actions.${entry.action}`, { defaultValue: entry.action });
                  return (
                    <Timeline.Item
                      key={entry.seq}
                      bullet={actionIcon(entry.action.replace(/^\w+?_(create|update|delete)$/, "$1"))}
                      title={entry.subject ? `${action}: ${entry.subject}` : action}
                    >
                      <Text size="xs" c="dimmed">
                        <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                        {" · "}
                        {entry.actorName ?? t("history.system")}
                      </Text>
                      {changes.length > 0 && (
                        <ChangeDetails changes={changes} isCreation={isCreation} text={text} />
                      )}
                    </Timeline.Item>
                  );
                })}
              </Timeline>
              {entries.length > visibleCount && (
                <Button
                  variant="subtle"
                  size="xs"
                  mt="sm"
                  onClick={() => setVisibleCount((count) => count + pageStep)}
                >
                  {t("history.showMore", { count: entries.length - visibleCount })}
                </Button>
              )}
            </>
          );
        }}
      </QueryBoundary>
    </Card>
  );
}
