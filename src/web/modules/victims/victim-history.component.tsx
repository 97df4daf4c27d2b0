import { Box, Button, Card, Skeleton, Text, Timeline, Title } from "@mantine/core";
import { IconArrowRight, IconChecklist, IconHistory, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../app/api.ts";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { useHistoryValueText } from "../../app/components/history-value.ts";
import { QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useFormatters } from "../../app/format.ts";

type Change = { from: unknown; to: unknown };
type HistoryEntry = { seq: number; at: string; actorName: string | null; action: string; changes: Record<string, Change> | null };

const pageStep = 10;
// Bookkeeping a reader does not need: ids, the copied place path, the incident (it never changes).
const hiddenFields = new Set(["id", "followUpId", "incidentId", "placePath", "createdAt", "updatedAt"]);
const enumFields: Record<string, string> = {
  perpetratorKind: "perpetratorKinds",
  investigationStatus: "investigationStatuses",
  judicialStatus: "judicialStatuses",
  status: "statuses",
};

function actionIcon(action: string) {
  if (action === "create" || action === "follow_up_add") return <IconPlus size={12} aria-hidden />;
  if (action === "follow_up_delete") return <IconTrash size={12} aria-hidden />;
  if (action.startsWith("follow_up")) return <IconChecklist size={12} aria-hidden />;
  return <IconPencil size={12} aria-hidden />;
}

/** What happened, in words: a follow-up whose only change is being done or undone says so. */
function titleKey(entry: HistoryEntry): string {
  const fields = Object.keys(entry.changes ?? {}).filter((field) => !hiddenFields.has(field));
  if (entry.action === "follow_up_update" && fields.length === 1 && fields[0] === "doneAt") {
    return entry.changes?.doneAt?.to ? "follow_up_done" : "follow_up_undone";
  }
  return entry.action;
}

/**
 * The case's history: its own changes and those of its follow-up actions, which are written
 * to the case's audit trail. Reading it is itself recorded by the server.
 */
export function VictimCaseHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const genericText = useHistoryValueText();
  const [visibleCount, setVisibleCount] = useState(pageStep);
  const query = useQuery({
    queryKey: ["history", "victim_case", caseId],
    queryFn: ({ signal }) => api.get<{ items: HistoryEntry[] }>(`/api/history/victim_case/${caseId}`, undefined, signal),
  });

  const fieldLabel = (field: string, isFollowUp: boolean) =>
    isFollowUp ? t(`victims.followUps.${field}`, { defaultValue: field }) : t(`victims.fields.${field}`, { defaultValue: field });
  const valueText = (field: string, value: unknown): string | null => {
    if (value === null || value === undefined || value === "") return null;
    if (field in enumFields && typeof value === "string") return t(`victims.${enumFields[field]}.${value}`, { defaultValue: value });
    if (field === "victimPersonId") return t("victims.history.personRecord");
    return genericText(field, value);
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="victim-history-title">
      <Title order={2} size="h4" mb="sm" id="victim-history-title">
        {t("history.title")}
      </Title>
      <QueryBoundary query={query} pending={<Skeleton height={80} />}>
        {(data) => {
          // A follow-up is named by its action text, known from the entry that added or last changed it.
          const followUpNames = new Map<string, string>();
          for (const entry of data.items) {
            const id = (entry.changes?.followUpId?.to ?? entry.changes?.followUpId?.from) as string | undefined;
            const name = (entry.changes?.action?.to ?? entry.changes?.action?.from) as string | undefined;
            if (id && name) followUpNames.set(id, name);
          }
          const entries = [...data.items].sort((a, b) => b.seq - a.seq);
          if (entries.length === 0) return <Empty isCompact title={t("history.empty")} icon={<IconHistory aria-hidden />} />;
          return (
            <>
              <Timeline bulletSize={22} lineWidth={2}>
                {entries.slice(0, visibleCount).map((entry) => {
                  const isFollowUp = entry.action.startsWith("follow_up");
                  const followUpId = (entry.changes?.followUpId?.to ?? entry.changes?.followUpId?.from) as string | undefined;
                  const changes = Object.entries(entry.changes ?? {}).filter(([field]) => !hiddenFields.has(field));
                  const isCreation = entry.action === "create" || entry.action === "follow_up_add";
                  return (
                    <Timeline.Item
                      key={entry.seq}
                      bullet={actionIcon(entry.action)}
                      title={t(`victims.history.${titleKey(entry)}`, { defaultValue: entry.action })}
                    >
                      <Text size="xs" c="dimmed">
                        <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                        {" · "}
                        {entry.actorName ?? t("history.system")}
                      </Text>
                      {isFollowUp && followUpId && followUpNames.has(followUpId) && !("action" in (entry.changes ?? {})) && (
                        <Text size="sm" fs="italic" className="vigil-break">
                          {followUpNames.get(followUpId)}
                        </Text>
                      )}
                      {changes.length > 0 && (
                        <Box component="dl" m={0} mt={4}>
                          {changes.map(([field, change]) => {
                            const before = valueText(field, change?.from);
                            const after = valueText(field, change?.to);
                            return (
                              <Box key={field} className="vigil-break" style={{ display: "flex", flexWrap: "wrap", columnGap: "0.35em" }}>
                                <Text component="dt" fw={600} size="sm">
                                  {fieldLabel(field, isFollowUp)}:
                                </Text>
                                <Text component="dd" m={0} size="sm">
                                  {!isCreation && (
                                    <>
                                      <span className="vigil-sr-only">{t("history.before")}: </span>
                                      {before ?? "—"}
                                      <IconArrowRight size={14} aria-hidden style={{ verticalAlign: "middle", margin: "0 0.35em" }} />
                                      <span className="vigil-sr-only">{t("history.after")}: </span>
                                    </>
                                  )}
                                  {after ?? "—"}
                                </Text>
                              </Box>
                            );
                          })}
                        </Box>
                      )}
                    </Timeline.Item>
                  );
                })}
              </Timeline>
              {entries.length > visibleCount && (
                <Button variant="subtle" size="xs" mt="sm" onClick={() => setVisibleCount((count) => count + pageStep)}>
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
