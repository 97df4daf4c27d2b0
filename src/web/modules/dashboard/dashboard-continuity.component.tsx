import { Alert, Group, Stack, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../app/components/links.tsx";
import { alarmColor } from "../../app/theme.ts";
import { ContinuityBadge, GapText, listedGaps, NoneInChargeText, ongoingGap } from "../places/continuity.component.tsx";
import type { ContinuityItem } from "../places/places.api.ts";
import { DashboardSection } from "./dashboard-section.component.tsx";

/** Above everything else: the areas where nobody holds the function today. */
export function NoneInChargeBanner({ items }: { items: ContinuityItem[] }) {
  const { t } = useTranslation();
  const uncovered = items.filter((item) => !item.isCoveredToday);
  if (uncovered.length === 0) return null;
  return (
    <Alert
      color={alarmColor}
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
            <NoneInChargeText slot={item.slot} gap={ongoingGap(item.gaps, false)} />
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

function ContinuityEntry({ item }: { item: ContinuityItem }) {
  const { t } = useTranslation();
  const current = ongoingGap(item.gaps, item.isCoveredToday);
  const gaps = listedGaps(item.gaps, item.isCoveredToday);
  return (
    <div>
      <Group gap="xs" wrap="wrap">
        <AnchorLink to="/places/$placeId" params={{ placeId: item.placeId }} fw={600}>
          {item.placeName}
        </AnchorLink>
        <ContinuityBadge isCoveredToday={item.isCoveredToday} gapCount={item.gaps.length} />
      </Group>
      <Text size="xs" c="dimmed">
        {item.inCharge ? (
          t("dashboard.inCharge", { name: item.inCharge.personName, role: t(`roles.${item.inCharge.role}`) })
        ) : (
          <NoneInChargeText slot={item.slot} gap={current} />
        )}
      </Text>
      {current?.to === null && <Text size="xs">{t("continuity.nothingScheduled")}</Text>}
      {gaps.length > 0 && (
        <Text size="xs">
          {t("dashboard.gaps")}{" "}
          {gaps.map((gap, index) => (
            <span key={gap.from}>
              {index > 0 ? "; " : ""}
              <GapText gap={gap} />
            </span>
          ))}
        </Text>
      )}
    </div>
  );
}

/** Areas without a DO or ASC today first, then those with a gap coming in the next 30 days. */
export function ContinuitySection({ items }: { items: ContinuityItem[] }) {
  const { t } = useTranslation();
  const uncovered = items.filter((item) => !item.isCoveredToday);
  const upcoming = items.filter((item) => item.isCoveredToday && item.gaps.length > 0);
  const ordered = [...uncovered, ...upcoming];
  return (
    <DashboardSection id="dashboard-continuity" title={t("dashboard.continuityTitle")}>
      {ordered.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <IconCircleCheck color="var(--mantine-color-green-7)" aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm">{t("dashboard.continuityAllClear")}</Text>
        </Group>
      ) : (
        <Stack gap="sm">
          {ordered.map((item) => (
            <ContinuityEntry key={item.placeId} item={item} />
          ))}
        </Stack>
      )}
    </DashboardSection>
  );
}
