import { Button, Group, Stack, Text } from "@mantine/core";
import { IconGauge, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { threatCategories, threatCategoryLabels } from "../../../core/risk/security-levels.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCountryNames, usePlaceNamer } from "../../app/reference-data.ts";
import { useIsPhone } from "../../app/viewport.ts";
import { useLocalised } from "./measure-badges.component.tsx";
import { LevelChangeStatusBadge, SecurityLevelBadge } from "./security-level-badge.component.tsx";
import type { AreaLevel } from "./security-level-changes.api.ts";
import { LevelDecisionButtons } from "./security-level-decision.component.tsx";

type TableProps = {
  areas: AreaLevel[];
  canProposeFor: (placeId: string) => boolean;
  onPropose: (placeId: string) => void;
};

/** Designated Areas with their Security Areas under them, each with the level of every threat category and the overall. */
export function SecurityLevelTable({ areas, canProposeFor, onPropose }: TableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const { nameOf } = useCountryNames();
  // A Designated Area named after its country reads in the reader's language (issue 12 §3.7).
  const placeName = usePlaceNamer(areas.some((area) => area.kind === "designated_area" && area.countryCode));
  const isPhone = useIsPhone();

  const columns: Column<AreaLevel>[] = [
    {
      key: "area",
      header: t("riskLevels.fields.placeId"),
      isPrimary: true,
      render: (area) => (
        <Stack gap={0} pl={area.kind === "security_area" ? "md" : 0}>
          <AnchorLink to="/places/$placeId" params={{ placeId: area.placeId }} fw={area.kind === "designated_area" ? 700 : 500}>
            {placeName({ kind: area.kind, name: area.placeName, countryCode: area.countryCode })}
          </AnchorLink>
          <Text size="xs" c="dimmed" fw={400}>
            {area.kind === "security_area"
              ? t("placeKinds.security_area")
              : [t("placeKinds.designated_area"), nameOf(area.countryCode)]
                  .filter((part) => part && part !== placeName({ kind: area.kind, name: area.placeName, countryCode: area.countryCode }))
                  .join(" · ")}
          </Text>
        </Stack>
      ),
    },
    // Phones get the five categories on one line instead of five rows of the card.
    ...(isPhone
      ? [
          {
            key: "categories",
            header: t("riskLevels.byCategory"),
            render: (area: AreaLevel) =>
              area.levels ? (
                <Text size="xs">{threatCategories.map((category) => `${localised(threatCategoryLabels[category])} ${area.levels?.[category]}`).join(" · ")}</Text>
              ) : (
                "—"
              ),
          },
        ]
      : threatCategories.map(
          (category): Column<AreaLevel> => ({
            key: category,
            header: localised(threatCategoryLabels[category]),
            render: (area) => (area.levels ? <SecurityLevelBadge level={area.levels[category]} isCompact /> : <Text c="dimmed">—</Text>),
          }),
        )),
    {
      key: "overall",
      header: t("riskLevels.fields.overall"),
      render: (area) => (
        <Stack gap={2} align="flex-start">
          <SecurityLevelBadge level={area.overall} />
          {area.endorsedAt && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
              {t("riskLevels.since", { date: format.date(area.endorsedAt) })}
            </Text>
          )}
        </Stack>
      ),
    },
    {
      key: "pending",
      header: t("riskLevels.pendingColumn"),
      render: (area) =>
        area.pendingChange ? (
          <Stack gap={4} align="flex-start">
            <Group gap={6} wrap="nowrap">
              <LevelChangeStatusBadge status={area.pendingChange.status} />
              <Text size="xs" style={{ whiteSpace: "nowrap" }}>
                {t("riskLevels.toLevel", { level: area.pendingChange.overall })}
              </Text>
            </Group>
            <LevelDecisionButtons changeId={area.pendingChange.id} actions={area.pendingChange.actions} placeName={area.placeName} overall={area.pendingChange.overall} />
          </Stack>
        ) : canProposeFor(area.placeId) ? (
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />} onClick={() => onPropose(area.placeId)} aria-label={t("riskLevels.proposeFor", { name: area.placeName })}>
            {t("riskLevels.proposeShort")}
          </Button>
        ) : (
          <Text size="xs" c="dimmed">
            —
          </Text>
        ),
    },
  ];

  return (
    <DataTable
      caption={t("riskLevels.tableTitle")}
      columns={columns}
      items={areas}
      isLoading={false}
      getKey={(area) => area.placeId}
      minWidth={960}
      empty={<Empty icon={<IconGauge aria-hidden />} title={t("riskLevels.noAreas")} />}
    />
  );
}
