import { Button, Card, Group, Paper, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { threatCategories, threatCategoryLabels } from "../../../core/risk/security-levels.ts";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { useLocalised } from "./measure-badges.component.tsx";
import { LevelChangeStatusBadge, SecurityLevelBadge } from "./security-level-badge.component.tsx";
import { type LevelChange, type LevelHistory, useLevelHistory } from "./security-level-changes.api.ts";
import { LevelDecisionButtons } from "./security-level-decision.component.tsx";
import { SecurityLevelProposeModal } from "./security-level-propose.modal.tsx";

const LevelHistoryChart = lazy(() => import("./security-level-history-chart.component.tsx").then((module) => ({ default: module.LevelHistoryChart })));

type SectionProps = { placeId: string; placeKind: "designated_area" | "security_area" | "duty_station" };

/** An area's page: the security level in force, its history as a chart, and every change with who decided and when. */
export function SecurityLevelSection({ placeId, placeKind }: SectionProps) {
  const { t } = useTranslation();
  const isArea = placeKind !== "duty_station";
  const query = useLevelHistory(placeId, isArea);
  if (!isArea) return null;
  return (
    <Card withBorder component="section" aria-labelledby="place-security-level">
      <Title order={2} size="h4" id="place-security-level" mb="sm">
        {t("riskLevels.section.title")}
      </Title>
      {query.isPending ? (
        <Skeleton height={160} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <LevelContent history={query.data} />
      )}
    </Card>
  );
}

function LevelContent({ history }: { history: LevelHistory }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const [isProposing, setProposing] = useState(false);
  const inForce = history.inForce;
  const hasPending = history.items.some((item) => item.status === "proposed" || item.status === "approved");
  const canPropose = history.actions.includes("propose") && !hasPending;
  const endorsedCount = history.items.filter((item) => item.status === "endorsed").length;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        {inForce ? (
          <Stack gap={6}>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {t("riskLevels.section.inForce")}
              </Text>
              <SecurityLevelBadge level={inForce.overall} />
            </Group>
            <Text size="xs" c="dimmed">
              {t("riskLevels.section.since", { date: format.dateTime(inForce.endorsedAt) })}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t("riskLevels.section.none")}
          </Text>
        )}
        {canPropose && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setProposing(true)}>
            {t("riskLevels.propose.open")}
          </Button>
        )}
      </Group>
      {inForce && (
        <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }} spacing="xs">
          {threatCategories.map((category) => (
            <Paper key={category} withBorder p={6} radius="sm">
              <Text size="xs" c="dimmed" mb={4}>
                {localised(threatCategoryLabels[category])}
              </Text>
              <SecurityLevelBadge level={inForce.levels[category]} />
            </Paper>
          ))}
        </SimpleGrid>
      )}
      {endorsedCount > 0 && (
        <Suspense fallback={<Skeleton height={240} />}>
          <LevelHistoryChart changes={history.items} placeName={history.place.name} />
        </Suspense>
      )}
      <Title order={3} size="h5">
        {t("riskLevels.history.title")}
      </Title>
      {history.items.length === 0 ? (
        <Empty isCompact title={t("riskLevels.history.empty")} />
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("riskLevels.history.title")}>
          {history.items.map((change) => (
            <ChangeItem key={change.id} change={change} placeName={history.place.name} />
          ))}
        </Stack>
      )}
      <SecurityLevelProposeModal
        opened={isProposing}
        onClose={() => setProposing(false)}
        placeId={history.place.id}
        areas={
          inForce
            ? [{ placeId: history.place.id, placeName: history.place.name, kind: history.place.kind, countryCode: null, parentId: history.place.parentId, changeId: inForce.changeId, levels: inForce.levels, overall: inForce.overall, endorsedAt: inForce.endorsedAt, pendingChange: null }]
            : []
        }
      />
    </Stack>
  );
}

/** One change: its levels, and each step with who took it and when. */
function ChangeItem({ change, placeName }: { change: LevelChange; placeName: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const steps = [
    { key: "proposed", by: change.proposedByName, at: change.proposedAt },
    { key: "approved", by: change.approvedByName, at: change.approvedAt },
    { key: "endorsed", by: change.endorsedByName, at: change.endorsedAt },
    { key: "rejected", by: change.rejectedByName, at: change.rejectedAt },
  ].filter((step) => step.at);
  return (
    <Paper component="li" withBorder p="xs" radius="sm" data-testid="level-change">
      <Group justify="space-between" gap="xs" align="flex-start">
        <Group gap={6} wrap="wrap">
          <LevelChangeStatusBadge status={change.status} />
          <SecurityLevelBadge level={change.overall} />
        </Group>
        <LevelDecisionButtons changeId={change.id} actions={change.actions} placeName={placeName} overall={change.overall} />
      </Group>
      <Stack gap={0} mt={6}>
        <Text size="xs" mb={2}>
          {threatCategories.map((category) => `${localised(threatCategoryLabels[category])} ${change.levels[category]}`).join(" · ")}
        </Text>
        {steps.map((step) => (
          <Text key={step.key} size="xs" c="dimmed">
            {t(`riskLevels.history.step.${step.key}`, { name: step.by ?? t("riskLevels.history.someone"), date: format.dateTime(step.at) })}
          </Text>
        ))}
        {change.justification && (
          <Text size="xs" mt={4} className="vigil-break">
            <Text span fw={600} size="xs">
              {t("riskLevels.fields.justification")}:
            </Text>{" "}
            {change.justification}
          </Text>
        )}
        {change.rejectionReason && (
          <Text size="xs" mt={4} c="red.9" className="vigil-break">
            <Text span fw={600} size="xs">
              {t("riskLevels.history.rejectionReason")}:
            </Text>{" "}
            {change.rejectionReason}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
