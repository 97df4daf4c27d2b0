import {
  Alert,
  Badge,
  Card,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from "@mantine/core";
import { IconBuilding, IconCertificate, IconCircleCheck, IconMap2, IconUsers } from "@tabler/icons-react";
import { Link } from "@tanstack/react-router";
import { lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCountryNames } from "../../app/reference-data.ts";
import { useMe } from "../../app/session.ts";
import { ContinuityBadge, GapText } from "../places/continuity.component.tsx";
import { type Dashboard, useDashboard } from "./dashboard.api.ts";

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

function Section({
  id,
  title,
  children,
  action,
}: {
  id: string;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id} h="100%">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
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

function DashboardContent({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { nameOf } = useCountryNames();
  const uncovered = data.continuity.filter((item) => !item.isCoveredToday);
  const upcoming = data.continuity.filter((item) => item.isCoveredToday && item.gaps.length > 0);

  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
        <StatCard
          label={t("dashboard.counts.organisations")}
          value={format.number(data.counts.organisations)}
          icon={<IconBuilding size={20} aria-hidden />}
          to="/organisations"
        />
        <StatCard
          label={t("dashboard.counts.places")}
          value={format.number(data.counts.places)}
          icon={<IconMap2 size={20} aria-hidden />}
          to="/places"
        />
        <StatCard
          label={t("dashboard.counts.personnel")}
          value={format.number(data.counts.personnel)}
          icon={<IconUsers size={20} aria-hidden />}
          to="/personnel"
        />
        <StatCard
          label={t("dashboard.counts.appointments")}
          value={format.number(data.counts.appointments)}
          icon={<IconCertificate size={20} aria-hidden />}
          to="/appointments"
        />
      </SimpleGrid>

      {uncovered.length > 0 && (
        <Alert
          color="red"
          variant="filled"
          title={t("dashboard.noneInChargeTitle", { count: uncovered.length })}
          role="alert"
        >
          <Stack gap={4}>
            {uncovered.map((item) => (
              <Text key={item.placeId} size="sm">
                <AnchorLink
                  to="/places/$placeId"
                  params={{ placeId: item.placeId }}
                  c="white"
                  fw={700}
                  underline="always"
                >
                  {item.placeName}
                </AnchorLink>
                {" — "}
                {t(`continuity.noneTodaySlot.${item.slot}`)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}

      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section id="dashboard-continuity" title={t("dashboard.continuityTitle")}>
            {data.continuity.length === 0 ? (
              <Group gap="xs" wrap="nowrap">
                <IconCircleCheck color="var(--mantine-color-green-7)" aria-hidden />
                <Text size="sm">{t("dashboard.continuityAllClear")}</Text>
              </Group>
            ) : (
              <Stack gap="sm">
                {[...uncovered, ...upcoming].map((item) => (
                  <div key={item.placeId}>
                    <Group gap="xs" wrap="wrap">
                      <AnchorLink to="/places/$placeId" params={{ placeId: item.placeId }} fw={600}>
                        {item.placeName}
                      </AnchorLink>
                      <ContinuityBadge isCoveredToday={item.isCoveredToday} gapCount={item.gaps.length} />
                    </Group>
                    <Text size="xs" c="dimmed">
                      {item.inCharge
                        ? t("dashboard.inCharge", {
                            name: item.inCharge.personName,
                            role: t(`roles.${item.inCharge.role}`),
                          })
                        : t(`continuity.noneTodaySlot.${item.slot}`)}
                    </Text>
                    {item.gaps.length > 0 && (
                      <Text size="xs">
                        {t("dashboard.gaps")}{" "}
                        {item.gaps.map((gap, index) => (
                          <span key={gap.from}>
                            {index > 0 ? "; " : ""}
                            <GapText gap={gap} />
                          </span>
                        ))}
                      </Text>
                    )}
                  </div>
                ))}
              </Stack>
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section
            id="dashboard-actions"
            title={t("dashboard.actionPointsTitle")}
            action={
              <AnchorLink to="/meetings" size="sm">
                {t("dashboard.allMeetings")}
              </AnchorLink>
            }
          >
            {data.actionPoints.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("dashboard.noActionPoints")}
              </Text>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {data.actionPoints.map((point) => (
                  <Paper
                    key={point.id}
                    component="li"
                    withBorder
                    p="xs"
                    style={
                      point.isOverdue
                        ? { borderColor: "var(--mantine-color-red-5)", background: "var(--mantine-color-red-0)" }
                        : undefined
                    }
                  >
                    <Text size="sm" lineClamp={3} className="vigil-break">
                      {point.text}
                    </Text>
                    <Group gap={6} mt={4} wrap="wrap">
                      {point.isOverdue && (
                        <Badge size="xs" color="red" variant="filled">
                          {t("meetings.overdue")}
                        </Badge>
                      )}
                      <Text size="xs" c={point.isOverdue ? "red.8" : "dimmed"}>
                        {point.dueOn
                          ? t("meetings.dueOn", { date: format.date(point.dueOn) })
                          : t("dashboard.noDueDate")}
                        {point.ownerName ? ` · ${point.ownerName}` : ""}
                      </Text>
                      <AnchorLink to="/meetings/$meetingId" params={{ meetingId: point.meetingId }} size="xs">
                        {point.meetingTitle} ({point.placeName})
                      </AnchorLink>
                    </Group>
                  </Paper>
                ))}
              </Stack>
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Section id="dashboard-areas" title={t("dashboard.areasTitle")}>
            {data.areas.length === 0 ? (
              <Empty title={t("dashboard.noAreas")} description={t("dashboard.noAreasHint")} />
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
                {data.areas.map((area) => (
                  <li key={area.id}>
                    <AnchorLink to="/places/$placeId" params={{ placeId: area.id }} fw={600}>
                      {area.name}
                    </AnchorLink>
                    <Text size="xs" c="dimmed">
                      {t(`placeKinds.${area.kind}`)}
                      {area.countryCode ? ` · ${nameOf(area.countryCode)}` : ""}
                    </Text>
                    <Group gap={4} mt={2}>
                      {area.roles.map((role) => (
                        <Badge key={role} size="xs" variant="light">
                          {t(`roles.${role}`, { defaultValue: t(`systemRoles.${role}`, { defaultValue: role }) })}
                        </Badge>
                      ))}
                    </Group>
                  </li>
                ))}
              </Stack>
            )}
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Section id="dashboard-map" title={t("dashboard.mapTitle")}>
            {data.dutyStations.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t("dashboard.noStations")}
              </Text>
            ) : (
              <Suspense fallback={<Skeleton height={200} />}>
                <DutyStationMap stations={data.dutyStations} />
              </Suspense>
            )}
          </Section>
        </Grid.Col>
      </Grid>
    </>
  );
}
