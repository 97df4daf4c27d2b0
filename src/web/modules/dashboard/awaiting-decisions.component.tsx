import { Badge, Group, Paper, Skeleton, Stack, Text } from "@mantine/core";
import { IconGavel } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../app/components/links.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { api } from "../../app/api.ts";
import { useFormatters } from "../../app/format.ts";
import { useMe } from "../../app/session.ts";
import { DashboardSection } from "./dashboard-section.component.tsx";

/**
 * "Awaiting your decision" (issue 12 §3.3): SRM approvals, risk acceptances and security level
 * changes the caller must decide, from GET /api/decisions/awaiting (its own endpoint, so the
 * dashboard's main answer stays as it is). Each line opens the page where the decision is taken.
 */
export type AwaitingKind = "srm_approval" | "risk_acceptance" | "security_level_approval" | "security_level_endorsement";
export type AwaitingDecision = {
  kind: AwaitingKind;
  id: string;
  placeId: string;
  placeName: string;
  subject: string | null;
  details: Record<string, string | number | null>;
  since: string;
};

export const useAwaitingDecisions = () =>
  useQuery({
    queryKey: ["decisions", "awaiting"],
    queryFn: ({ signal }) => api.get<{ items: AwaitingDecision[]; total: number }>("/api/decisions/awaiting", undefined, signal),
  });

function DecisionLink({ item }: { item: AwaitingDecision }) {
  const label = item.subject ?? item.placeName;
  if (item.kind === "srm_approval" || item.kind === "risk_acceptance") {
    return (
      <AnchorLink
        to="/risk/assessments/$assessmentId"
        params={{ assessmentId: item.id }}
        search={item.kind === "risk_acceptance" ? { tab: "acceptable" } : {}}
        fw={600}
        className="vigil-break"
      >
        {label}
      </AnchorLink>
    );
  }
  return (
    <AnchorLink to="/places/$placeId" params={{ placeId: item.placeId }} fw={600} className="vigil-break">
      {label}
    </AnchorLink>
  );
}

/** The permissions that make someone a decider; others never have anything awaiting them, so see no card. */
const decidingPermissions = ["srm.approve", "risk.accept", "security_level.approve", "security_level.endorse"];

export function AwaitingDecisionsSection() {
  const { permissions } = useMe();
  if (!decidingPermissions.some((permission) => permissions.includes(permission))) return null;
  return <AwaitingDecisionsCard />;
}

function AwaitingDecisionsCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const query = useAwaitingDecisions();
  return (
    <DashboardSection
      id="dashboard-decisions"
      title={t("dashboard.awaiting.title")}
      action={query.data && query.data.total > 0 ? <Badge color="orange">{query.data.total}</Badge> : undefined}
    >
      {query.isPending ? (
        <Skeleton height={80} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("dashboard.awaiting.empty")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }} data-testid="awaiting-decisions">
          {query.data.items.map((item) => (
            <Paper key={`${item.kind}:${item.id}:${item.details.activityKey ?? ""}`} component="li" withBorder p="xs" data-kind={item.kind}>
              <Group gap={6} wrap="nowrap" align="flex-start">
                <IconGavel size={16} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm">
                    {t(`dashboard.awaiting.kinds.${item.kind}`, {
                      version: item.details.version,
                      organisation: item.details.organisationCode,
                      overall: item.details.overall,
                    })}
                  </Text>
                  <DecisionLink item={item} />
                  <Text size="xs" c="dimmed">
                    {item.subject ? `${item.placeName} · ` : ""}
                    {t("dashboard.awaiting.since", { date: format.date(item.since) })}
                  </Text>
                </Stack>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
    </DashboardSection>
  );
}
