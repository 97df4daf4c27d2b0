import { Alert, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconBellRinging, IconPlus } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { rolesGranting } from "../../../core/access/permissions.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { usePlaceTree } from "../../app/reference-data.ts";
import { useMe } from "../../app/session.ts";
import { LevelChangeStatusBadge, SecurityLevelBadge } from "./security-level-badge.component.tsx";
import { type AreaLevel, useLevelsInForce } from "./security-level-changes.api.ts";
import { LevelDecisionButtons } from "./security-level-decision.component.tsx";
import { SecurityLevelMap } from "./security-level-map.component.tsx";
import { SecurityLevelProposeModal } from "./security-level-propose.modal.tsx";
import { SecurityLevelTable } from "./security-level-table.component.tsx";

/**
 * The areas the caller may propose a change for: those their proposing appointments cover (the
 * appointment's place or a place under it). The server decides; this only avoids offering a
 * button that can only fail.
 */
export function useProposableAreas(): (placeId: string) => boolean {
  const me = useMe();
  const { byId } = usePlaceTree();
  return useMemo(() => {
    const granting = new Set<string>(rolesGranting("security_level.propose"));
    const roots = new Set(me.appointments.filter((appointment) => granting.has(appointment.role)).map((appointment) => appointment.placeId));
    return (placeId: string) => {
      let current: string | null | undefined = placeId;
      for (let depth = 0; current && depth < 10; depth += 1) {
        if (roots.has(current)) return true;
        current = byId.get(current)?.parentId;
      }
      return false;
    };
  }, [me.appointments, byId]);
}

export function SecurityLevelOverviewPage() {
  const { t } = useTranslation();
  const query = useLevelsInForce();
  const canProposeFor = useProposableAreas();
  const [proposing, setProposing] = useState<{ placeId: string | null } | null>(null);
  const areas = query.data?.items ?? [];
  const proposable = areas.filter((area) => canProposeFor(area.placeId));
  return (
    <>
      <PageHeader
        title={t("riskLevels.title")}
        description={t("riskLevels.description")}
        actions={
          proposable.length > 0 && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setProposing({ placeId: proposable.length === 1 ? proposable[0].placeId : null })}>
              {t("riskLevels.propose.open")}
            </Button>
          )
        }
      />
      <QueryBoundary query={query} pending={<PageSkeleton blocks={[320, 240]} />}>
        {(data) => (
          <Overview areas={data.items} pendingCount={data.pendingCount} canProposeFor={canProposeFor} onPropose={(placeId) => setProposing({ placeId })} />
        )}
      </QueryBoundary>
      <SecurityLevelProposeModal
        opened={proposing !== null}
        onClose={() => setProposing(null)}
        areas={areas}
        placeId={proposing?.placeId}
        excludeIds={areas.filter((area) => !canProposeFor(area.placeId)).map((area) => area.placeId)}
      />
    </>
  );
}

type OverviewProps = { areas: AreaLevel[]; pendingCount: number; canProposeFor: (placeId: string) => boolean; onPropose: (placeId: string) => void };

function Overview({ areas, pendingCount, canProposeFor, onPropose }: OverviewProps) {
  const { t } = useTranslation();
  const awaiting = areas.filter((area) => area.pendingChange && area.pendingChange.actions.length > 0);

  return (
    <Stack gap="md">
      {pendingCount > 0 && (
        <Alert color="blue" variant="light" icon={<IconBellRinging aria-hidden />} title={t("riskLevels.awaitingTitle", { count: pendingCount })}>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
            {awaiting.map((area) => {
              const change = area.pendingChange as NonNullable<AreaLevel["pendingChange"]>;
              return (
                <Group component="li" key={area.placeId} gap="sm" wrap="wrap" justify="space-between">
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={600}>
                      {area.placeName}
                    </Text>
                    <LevelChangeStatusBadge status={change.status} />
                    <SecurityLevelBadge level={area.overall} />
                    <Text size="sm" aria-label={t("riskLevels.becomes")}>
                      →
                    </Text>
                    <SecurityLevelBadge level={change.overall} />
                  </Group>
                  <LevelDecisionButtons changeId={change.id} actions={change.actions} placeName={area.placeName} overall={change.overall} size="sm" />
                </Group>
              );
            })}
          </Stack>
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="levels-map">
        <Title order={2} size="h4" id="levels-map" mb={4}>
          {t("riskLevels.map.title")}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t("riskLevels.map.hint")}
        </Text>
        <SecurityLevelMap areas={areas} />
      </Card>
      <Card withBorder component="section" aria-labelledby="levels-table">
        <Title order={2} size="h4" id="levels-table" mb="sm">
          {t("riskLevels.tableTitle")}
        </Title>
        <SecurityLevelTable areas={areas} canProposeFor={canProposeFor} onPropose={onPropose} />
      </Card>
    </Stack>
  );
}
