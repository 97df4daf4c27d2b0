import { Alert, Badge, Button, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconBan, IconCircleCheck, IconHourglass, IconInfoCircle, IconShieldCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BoardStatus } from "../../../core/risk/acceptable-risk-board.ts";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { AcceptanceModal } from "./acceptable-risk-accept.modal.tsx";
import { CarryOverSummary, PreviousDecisionLine } from "./carry-over.component.tsx";
import { type Assessment, type Board, type BoardItem, useAcceptableRisk } from "./srm-api.ts";
import { LevelChip } from "./srm-labels.tsx";

const statusLook: Record<BoardStatus, { colour: string; icon: typeof IconBan }> = {
  allowed: { colour: "green", icon: IconCircleCheck },
  accepted: { colour: "green", icon: IconShieldCheck },
  needs_acceptance: { colour: "orange", icon: IconHourglass },
  blocked: { colour: "red", icon: IconBan },
  no_pc: { colour: "red", icon: IconBan },
};

/** The outcome as words and colour: "May go ahead", "Blocked", or who must accept first. */
export function OutcomeBadge({ item }: { item: Pick<BoardItem, "status" | "approver"> }) {
  const { t } = useTranslation();
  const look = statusLook[item.status];
  const Icon = look.icon;
  const label =
    item.status === "needs_acceptance"
      ? t(`srm.board.needsAcceptance.${item.approver === "usg_undss" ? "usg_undss" : "do"}`)
      : item.status === "blocked" || item.status === "no_pc"
        ? t("srm.board.blocked")
        : t("srm.board.mayGoAhead");
  return (
    <Badge color={look.colour} variant={item.status === "blocked" || item.status === "no_pc" ? "filled" : "light"} size="lg" tt="none" leftSection={<Icon size={14} aria-hidden />}>
      {label}
    </Badge>
  );
}

/** Why the outcome is what it is, in a sentence. */
function reasonText(t: (key: string, options?: Record<string, unknown>) => string, item: BoardItem, board: Board): string | null {
  const pc = item.pcAssessment?.level.toUpperCase();
  if (item.status === "no_pc") return t("srm.board.reasons.no_pc");
  if (item.reason === "unacceptable") return t("srm.board.reasons.unacceptable");
  if (item.reason === "criticality_too_low") {
    const row = board.rule.find((candidate) => candidate.riskClass === item.riskClass);
    return t("srm.board.reasons.criticality_too_low", {
      pc,
      needed: row?.leastCriticalAllowed?.toUpperCase() ?? "—",
    });
  }
  if (item.reason === "no_scenario") return t("srm.board.reasons.no_scenario");
  if (item.status === "allowed") return t("srm.board.reasons.within_srm");
  if (item.status === "accepted") return t("srm.board.reasons.accepted");
  if (item.status === "needs_acceptance") return t(`srm.board.reasons.needs_${item.approver === "usg_undss" ? "usg_undss" : "do"}`);
  return null;
}

/** For each activity: may it go ahead, is it blocked, or who must accept its residual risk. */
export function AcceptableRiskBoard({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const query = useAcceptableRisk(assessment.id);
  const [accepting, setAccepting] = useState<BoardItem | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="srm-board-title">
      <Title order={2} size="h4" id="srm-board-title" mb="xs">
        {t("srm.board.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("srm.board.hint")}
      </Text>
      {assessment.status !== "approved" && (
        <Alert color="blue" icon={<IconInfoCircle aria-hidden />} mb="sm">
          {assessment.status === "superseded" ? t("srm.board.supersededNote") : t("srm.board.draftNote")}
        </Alert>
      )}
      {query.isPending ? (
        <Skeleton height={160} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty isCompact title={t("srm.board.empty")} />
      ) : (
        <Stack gap="sm">
          <CarryOverSummary board={query.data} />
          <Group gap="xs" aria-label={t("srm.board.countsLabel")} role="group">
            {(["allowed", "accepted", "needs_acceptance", "blocked", "no_pc"] as const).map((status) =>
              query.data.counts[status] > 0 ? (
                <Badge key={status} variant="outline" color={statusLook[status].colour} tt="none">
                  {t(`srm.board.counts.${status}`, { count: query.data.counts[status] })}
                </Badge>
              ) : null,
            )}
          </Group>
          {query.data.items.map((item) => (
            <BoardRow key={item.activityKey} item={item} board={query.data} onAccept={() => setAccepting(item)} />
          ))}
        </Stack>
      )}
      <AcceptanceModal
        opened={accepting !== null}
        onClose={() => setAccepting(null)}
        assessmentId={assessment.id}
        item={accepting}
      />
    </Card>
  );
}

function BoardRow({ item, board, onAccept }: { item: BoardItem; board: Board; onAccept: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const isBlocked = item.status === "blocked" || item.status === "no_pc";
  const reason = reasonText(t as never, item, board);
  return (
    <Paper
      withBorder
      p="sm"
      component="article"
      aria-label={item.activityName}
      data-testid="board-row"
      data-status={item.status}
      style={{
        borderLeft: `6px solid var(--mantine-color-${statusLook[item.status].colour}-6)`,
        background: isBlocked ? "var(--mantine-color-red-0)" : undefined,
      }}
    >
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 220px" }}>
          <Text fw={700} className="vigil-break">
            {item.activityName}
          </Text>
          <Text size="sm" c="dimmed">
            {item.organisationCode}
          </Text>
        </Stack>
        <OutcomeBadge item={item} />
      </Group>
      {reason && (
        <Text size="sm" mt={6} fw={isBlocked ? 600 : undefined} c={isBlocked ? "red.9" : undefined}>
          {reason}
        </Text>
      )}
      <PreviousDecisionLine item={item} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" mt="xs">
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("srm.board.criticality")}
          </Text>
          {item.pcAssessment ? (
            <Text size="sm">
              <Badge variant="light" color="grape" mr={6}>
                {item.pcAssessment.level.toUpperCase()}
              </Badge>
              {t("srm.board.pcApproved", { name: item.pcAssessment.approverName, date: format.date(item.pcAssessment.approvedOn) })}
            </Text>
          ) : (
            <Text size="sm" c="red.9" fw={600}>
              {t("srm.board.noPc")}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("srm.board.highestResidual")}
          </Text>
          {item.highestResidualLevel ? (
            <LevelChip level={item.highestResidualLevel} size="sm" />
          ) : (
            <Text size="sm" c="dimmed">
              {t("srm.noScenarioShort")}
            </Text>
          )}
        </div>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("srm.board.scenarios")}
          </Text>
          <Text size="sm" className="vigil-break">
            {item.scenarios.length === 0 ? "—" : item.scenarios.map((scenario) => scenario.title).join("; ")}
          </Text>
        </div>
      </SimpleGrid>
      {item.acceptances.length > 0 && (
        <Stack gap={4} mt="xs">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t("srm.board.acceptances")}
          </Text>
          {item.acceptances.map((acceptance) => (
            <Paper key={acceptance.id} withBorder p="xs" bg="var(--mantine-color-gray-0)">
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={600}>
                  {t("srm.board.acceptedBy", { name: acceptance.acceptedByName, date: format.dateTime(acceptance.acceptedAt) })}
                </Text>
                <Badge size="xs" variant="light" color="gray" tt="none">
                  {t(`srm.board.approverRoles.${acceptance.approverRole === "usg_undss" ? "usg_undss" : "do"}`)} ·{" "}
                  {acceptance.criticality.toUpperCase()}
                </Badge>
                {acceptance.carriedFromId && item.previousDecision && (
                  <Badge size="xs" color="teal" variant="light" tt="none">
                    {t("srm.carryOver.itemCarried", { version: item.previousDecision.version })}
                  </Badge>
                )}
                {!acceptance.isCurrent && (
                  <Badge size="xs" color="gray" variant="outline" tt="none">
                    {t("srm.board.notCurrent")}
                  </Badge>
                )}
              </Group>
              {acceptance.recordedByName && acceptance.recordedByName !== acceptance.acceptedByName && (
                <Text size="xs" c="dimmed">
                  {t("srm.board.recordedBy", { name: acceptance.recordedByName })}
                </Text>
              )}
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
                {acceptance.reason}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
      {item.canAccept && (
        <Group justify="flex-end" mt="xs">
          <Button size="xs" color="orange" leftSection={<IconShieldCheck size={14} aria-hidden />} onClick={onAccept}>
            {t("srm.board.record")}
          </Button>
        </Group>
      )}
    </Paper>
  );
}
