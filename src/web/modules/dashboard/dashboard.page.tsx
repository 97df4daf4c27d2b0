import { Badge, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconBuilding, IconCertificate, IconMap2, IconUsers } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCountryNames } from "../../app/reference-data.ts";
import { useMe } from "../../app/session.ts";
import { AwaitingDecisionsSection } from "./awaiting-decisions.component.tsx";
import { type Dashboard, useDashboard } from "./dashboard.api.ts";
import { ActionPointsSection } from "./dashboard-action-points.component.tsx";
import { ContinuitySection, NoneInChargeBanner } from "./dashboard-continuity.component.tsx";
import { DashboardSection } from "./dashboard-section.component.tsx";

const DutyStationMap = lazy(() =>
  import("./duty-station-map.component.tsx").then((module) => ({ default: module.DutyStationMap })),
);

function StatCard({ label, value, icon, to }: { label: string; value: string; icon: ReactNode; to: string }) {
  return (
    <Paper withBorder p="sm" radius="md" component={Link} to={to} style={{ textDecoration: "none", color: "inherit" }}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon variant="light" size="lg" radius="md">
          {icon}
        </ThemeIcon>
        <div style={{ minWidth: 0 }}>
          <Text size="xl" fw={700} lh={1.1}>
            {value}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {label}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const query = useDashboard();
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t("dashboard.title")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("dashboard.welcome", { name: me.user.displayName })}
        </Text>
      </div>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending ? (
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {[0, 1, 2, 3].map((index) => (
              <Skeleton key={index} height={64} />
            ))}
          </SimpleGrid>
          <Skeleton height={180} />
          <Skeleton height={260} />
        </Stack>
      ) : query.data ? (
        <DashboardContent data={query.data} />
      ) : null}
    </Stack>
  );
}

const stats = [
  { key: "organisations", to: "/organisations", permission: "organisation.read", icon: IconBuilding },
  { key: "places", to: "/places", permission: "place.read", icon: IconMap2 },
  { key: "personnel", to: "/personnel", permission: "personnel.read", icon: IconUsers },
  { key: "appointments", to: "/appointments", permission: "appointment.read", icon: IconCertificate },
] as const;

function DashboardContent({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { nameOf } = useCountryNames();
  const { permissions } = useMe();
  // A card is shown only with the right to open what it links to (the menu hides the rest too).
  const can = (permission: string) => permissions.includes(permission);
  const visibleStats = stats.filter((stat) => can(stat.permission));
  const hasContinuity = can("appointment.read");
  const hasActionPoints = can("meeting.read");
  const hasMap = can("place.read");
  // With a single card on top, "Your areas" sits beside it and the map gets the full width.
  const isAreasBesideTop = hasContinuity !== hasActionPoints;

  return (
    <>
      {visibleStats.length > 0 && (
        <SimpleGrid cols={{ base: 2, md: Math.max(2, Math.min(4, visibleStats.length)) }} spacing="sm">
          {visibleStats.map(({ key, to, icon: Icon }) => (
            <StatCard
              key={key}
              label={t(`dashboard.counts.${key}`)}
              value={format.number(data.counts[key])}
              icon={<Icon size={20} aria-hidden />}
              to={to}
            />
          ))}
        </SimpleGrid>
      )}

      <NoneInChargeBanner items={data.continuity} />
      <AwaitingDecisionsSection />

      <Grid>
        {hasContinuity && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ContinuitySection items={data.continuity} />
          </Grid.Col>
        )}
        {hasActionPoints && (
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ActionPointsSection points={data.actionPoints} />
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, md: isAreasBesideTop ? 6 : hasMap ? 4 : 12 }}>
          <DashboardSection id="dashboard-areas" title={t("dashboard.areasTitle")}>
            {data.areas.length === 0 ? (
              <Empty title={t("dashboard.noAreas")} description={t("dashboard.noAreasHint")} />
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {data.areas.map((area) => (
                  <li key={area.id}>
                    {hasMap ? (
                      <AnchorLink to="/places/$placeId" params={{ placeId: area.id }} fw={600}>
                        {area.name}
                      </AnchorLink>
                    ) : (
                      // A role without the places (the aviation risk role) sees its areas named, not a link to a page it may not open.
                      <Text fw={600}>{area.name}</Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {t(`placeKinds.${area.kind}`)}
                      {area.countryCode ? ` · ${nameOf(area.countryCode)}` : ""}
                    </Text>
                    <Group gap={4} mt={2}>
                      {area.roles.map((role) => (
                        <Badge key={role} size="xs" variant="light" h="auto" maw="100%" className="vigil-wrap-badge">
                          {t(`roles.${role}`, { defaultValue: t(`systemRoles.${role}`, { defaultValue: role }) })}
                        </Badge>
                      ))}
                    </Group>
                  </li>
                ))}
              </Stack>
            )}
          </DashboardSection>
        </Grid.Col>
        {hasMap && (
          <Grid.Col span={{ base: 12, md: isAreasBesideTop ? 12 : 8 }}>
            <DashboardSection id="dashboard-map" title={t("dashboard.mapTitle")}>
              {data.dutyStations.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t("dashboard.noStations")}
                </Text>
              ) : (
                <Suspense fallback={<Skeleton height={200} />}>
                  <DutyStationMap stations={data.dutyStations} />
                </Suspense>
              )}
            </DashboardSection>
          </Grid.Col>
        )}
      </Grid>
    </>
  );
}
