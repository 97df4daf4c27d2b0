import { Button, Card, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCan } from "../../app/session.ts";
import { CaseStatusBadge, OverdueBadge } from "./victim-badges.component.tsx";
import { VictimCaseFormModal } from "./victim-case-form.modal.tsx";
import { useVictimCaseList } from "./victims.api.ts";

/**
 * The victims register's cases for one incident, and the button to open one, for the
 * incident's page. Renders nothing for a caller without victim.read: the register is
 * confidential, so its existence is not even hinted at.
 */
export function VictimCasesForIncident({ incidentId }: { incidentId: string }) {
  const canRead = useCan("victim.read");
  if (!canRead) return null;
  return <CasesCard incidentId={incidentId} />;
}

function CasesCard({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const canManage = useCan("victim.manage");
  const [isCreating, creating] = useDisclosure(false);
  const query = useVictimCaseList({ incidentId, sort: "createdAt", order: "asc", pageSize: 50 });

  return (
    <Card withBorder component="section" aria-labelledby="incident-victims-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="incident-victims-title">
          {t("victims.forIncident.title")}
        </Title>
        {canManage && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={creating.open}>
            {t("victims.create")}
          </Button>
        )}
      </Group>
      <QueryBoundary query={query} pending={<Text size="sm">{t("common.loading")}</Text>}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty isCompact title={t("victims.forIncident.empty")} />
          ) : (
            <Stack gap="xs">
              {data.items.map((item) => (
                <Paper key={item.id} withBorder p="xs">
                  <Group justify="space-between" gap="xs">
                    <AnchorLink to="/victims/$caseId" params={{ caseId: item.id }} fw={600}>
                      {item.victimName}
                    </AnchorLink>
                    <Group gap={6}>
                      <CaseStatusBadge status={item.status} />
                      <OverdueBadge count={item.overdueFollowUpCount} />
                    </Group>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {t(`victims.investigationStatuses.${item.investigationStatus}`)} ·{" "}
                    {item.nextFollowUpDue
                      ? t("victims.followUps.dueOn", { date: format.date(item.nextFollowUpDue) })
                      : t("victims.nothingDue")}
                  </Text>
                </Paper>
              ))}
            </Stack>
          )
        }
      </QueryBoundary>
      <Text size="xs" c="dimmed" mt="xs">
        {t("victims.confidential")}
      </Text>
      <VictimCaseFormModal
        opened={isCreating}
        onClose={creating.close}
        incidentId={incidentId}
        onSaved={(saved) => void navigate({ to: "/victims/$caseId", params: { caseId: saved.id } })}
      />
    </Card>
  );
}
