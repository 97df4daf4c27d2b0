import { Alert, Badge, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconCertificate, IconCircleCheck, IconClockExclamation } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { todayIso, useFormatters } from "../../app/format.ts";
import { alarmColor } from "../../app/theme.ts";
import type { Continuity, ContinuityGap } from "./places.api.ts";

/** The gap under way today when nobody is in charge: the server lists it first. */
export function ongoingGap(gaps: ContinuityGap[], isCoveredToday: boolean): ContinuityGap | null {
  return isCoveredToday ? null : (gaps[0] ?? null);
}

/** True when the gap began before today, so "since <date>" says more than "today". */
function beganEarlier(gap: ContinuityGap | null): gap is ContinuityGap {
  return gap !== null && gap.from < todayIso();
}

/** "No DO or DO a.i. in charge since 19 Nov 2026", or "… today" when the gap begins today. */
export function NoneInChargeText({ slot, gap }: { slot: "do" | "asc"; gap: ContinuityGap | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <>
      {beganEarlier(gap)
        ? t(`continuity.noneSinceSlot.${slot}`, { date: format.date(gap.from) })
        : t(`continuity.noneTodaySlot.${slot}`)}
    </>
  );
}

/**
 * The gaps worth listing: an open-ended gap under way today is already said in full by
 * "nobody in charge since …" and "nothing scheduled", so it is not listed again.
 */
export function listedGaps(gaps: ContinuityGap[], isCoveredToday: boolean): ContinuityGap[] {
  const current = ongoingGap(gaps, isCoveredToday);
  return current && current.to === null ? gaps.filter((gap) => gap !== current) : gaps;
}

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
      <Badge color={alarmColor} variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
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
  const current = ongoingGap(gaps, inCharge !== null);
  const laterGaps = listedGaps(gaps, inCharge !== null);
  return (
    <Card withBorder component="section" aria-labelledby="continuity-title">
      <Title order={2} size="h4" mb="sm" id="continuity-title">
        {t("continuity.title", { slot: slotName })}
      </Title>
      <Stack gap="sm">
        {inCharge ? (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconCircleCheck
              size={20}
              color="var(--mantine-color-green-7)"
              aria-hidden
              style={{ flexShrink: 0, marginTop: 1 }}
            />
            <Text size="sm">
              {t("continuity.inChargeToday")}{" "}
              <AnchorLink to="/personnel/$personId" params={{ personId: inCharge.personId }} fw={600}>
                {inCharge.personName}
              </AnchorLink>{" "}
              <Badge variant="light" size="sm">
                {t(`roles.${inCharge.role}`)}
              </Badge>{" "}
              <Text span size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
                {inCharge.endsOn
                  ? t("continuity.until", { date: format.date(inCharge.endsOn) })
                  : t("continuity.noEndDate")}
              </Text>
            </Text>
          </Group>
        ) : (
          <Alert
            color={alarmColor}
            variant="filled"
            icon={<IconAlertTriangle aria-hidden />}
            title={
              beganEarlier(current)
                ? t("continuity.alertTitleSince", { slot: slotName, date: format.date(current.from) })
                : t("continuity.alertTitle", { slot: slotName })
            }
            role="alert"
          >
            {current?.to === null
              ? t("continuity.alertBodyUnscheduled", { slot: slotName })
              : t("continuity.alertBody", { slot: slotName })}
            {canAppoint && (
              <div>
                <ButtonLink
                  to="/appointments"
                  search={{ placeId }}
                  variant="white"
                  color={alarmColor}
                  size="xs"
                  mt="sm"
                  leftSection={<IconCertificate size={14} aria-hidden />}
                >
                  {t("continuity.appointLink")}
                </ButtonLink>
              </div>
            )}
          </Alert>
        )}
        {laterGaps.length > 0 ? (
          <Alert color="orange" icon={<IconClockExclamation aria-hidden />} title={t("continuity.gapsTitle")}>
            <List size="sm">
              {laterGaps.map((gap) => (
                <List.Item key={gap.from}>
                  <GapText gap={gap} />
                </List.Item>
              ))}
            </List>
            {inCharge && canAppoint && (
              <AnchorLink to="/appointments" search={{ placeId }} size="sm">
                {t("continuity.appointLink")}
              </AnchorLink>
            )}
          </Alert>
        ) : (
          inCharge && (
            <Text size="sm" c="dimmed">
              {t("continuity.noGaps")}
            </Text>
          )
        )}
      </Stack>
    </Card>
  );
}
