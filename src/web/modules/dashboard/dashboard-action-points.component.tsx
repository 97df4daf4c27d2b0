import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../app/components/links.tsx";
import { useFormatters } from "../../app/format.ts";
import { alarmColor } from "../../app/theme.ts";
import type { Dashboard } from "./dashboard.api.ts";
import { DashboardSection } from "./dashboard-section.component.tsx";

export function ActionPointsSection({ points }: { points: Dashboard["actionPoints"] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <DashboardSection
      id="dashboard-actions"
      title={t("dashboard.actionPointsTitle")}
      action={
        <AnchorLink to="/meetings" size="sm">
          {t("dashboard.allMeetings")}
        </AnchorLink>
      }
    >
      {points.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("dashboard.noActionPoints")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {points.map((point) => (
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
                  <Badge size="xs" color={alarmColor} variant="filled">
                    {t("meetings.overdue")}
                  </Badge>
                )}
                <Text size="xs" c={point.isOverdue ? "red.9" : "dimmed"}>
                  {point.dueOn ? t("meetings.dueOn", { date: format.date(point.dueOn) }) : t("dashboard.noDueDate")}
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
    </DashboardSection>
  );
}
