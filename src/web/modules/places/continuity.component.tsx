import { Alert, Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconClockExclamation } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../app/components/links.tsx";
import { useFormatters } from "../../app/format.ts";
import type { Continuity, ContinuityGap } from "./places.api.ts";

export function GapText({ gap }: { gap: ContinuityGap }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      {gap.to
        ? t("continuity.gapRange", { from: format.date(gap.from), to: format.date(gap.to) })
        : t("continuity.gapOpen", { from: format.date(gap.from) })}
    </>
  );
}

/** Continuity badge for lists: red when nobody is in charge today, orange when a gap is coming. */
export function ContinuityBadge({ isCoveredToday, gapCount }: { isCoveredToday: boolean; gapCount: number }) {
  const { t } = useTranslation();
  if (!isCoveredToday) {
    return (
      <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
        {t("continuity.noneToday")}
      </Badge>
    );
  }
  if (gapCount > 0) {
    return (
      <Badge color="orange" variant="light" leftSection={<IconClockExclamation size={12} aria-hidden />}>
        {t("continuity.gapsAhead", { count: gapCount })}
      </Badge>
    );
  }
  return (
    <Badge color="green" variant="light" leftSection={<IconCircleCheck size={12} aria-hidden />}>
      {t("continuity.covered")}
    </Badge>
  );
}

/** Who holds the DO (or ASC) function at this place today, and when nobody will. */
export function ContinuityCard({
  continuity,
  placeId,
  canAppoint,
}: {
  continuity: Continuity;
  placeId: string;
  canAppoint: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!continuity.slot) return null;
  const slotName = t(`continuity.slot.${continuity.slot}`);
  const { inCharge, gaps } = continuity;
  const appointLink = canAppoint && (
    <AnchorLink to="/appointments" search={{ placeId }} size="sm">
      {t("continuity.appointLink")}
    </AnchorLink>
  );
  return (
    <Card withBorder component="section" aria-labelledby="continuity-title">
      <Title order={2} size="h4" mb="sm" id="continuity-title">
        {t("continuity.title", { slot: slotName })}
      </Title>
      <Stack gap="sm">
        {inCharge ? (
          <Group gap="xs" wrap="wrap">
            <IconCircleCheck size={20} color="var(--mantine-color-green-7)" aria-hidden />
            <Text size="sm">
              {t("continuity.inChargeToday")}{" "}
              <AnchorLink to="/personnel/$personId" params={{ personId: inCharge.personId }} fw={600}>
                {inCharge.personName}
              </AnchorLink>{" "}
              <Badge variant="light" size="sm">
                {t(`roles.${inCharge.role}`)}
              </Badge>
            </Text>
            <Text size="sm" c="dimmed">
              {inCharge.endsOn
                ? t("continuity.until", { date: format.date(inCharge.endsOn) })
                : t("continuity.noEndDate")}
            </Text>
          </Group>
        ) : (
          <Alert
            color="red"
            variant="filled"
            icon={<IconAlertTriangle aria-hidden />}
            title={t("continuity.alertTitle", { slot: slotName })}
            role="alert"
          >
            {t("continuity.alertBody", { slot: slotName })} {appointLink && <span>{appointLink}</span>}
          </Alert>
        )}
        {gaps.length > 0 ? (
          <Alert color="orange" icon={<IconClockExclamation aria-hidden />} title={t("continuity.gapsTitle")}>
            <List size="sm">
              {gaps.map((gap) => (
                <List.Item key={gap.from}>
                  <GapText gap={gap} />
                </List.Item>
              ))}
            </List>
            {inCharge && appointLink}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            {t("continuity.noGaps")}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
