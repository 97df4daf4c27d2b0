import { Box, Group, Skeleton, Text, Tooltip } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type SecurityLevel, securityLevelColours, securityLevelLabels, securityLevels } from "../../../core/risk/security-levels.ts";
import { useLocalised } from "./measure-badges.component.tsx";
import type { AreaLevel } from "./security-level-changes.api.ts";
import { loadCountryOutlines } from "./security-level-map-outline.ts";

/** A Designated Area with no level endorsed yet: grey, and said so in the legend. */
export const noLevelColour = "#98a2ad";
const otherCountryColour = "#e3e8ed";

/** The part of the world holding the Designated Areas, with a margin, so they are not specks on a world map. */
function focusBox(paths: string[]): string {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const path of paths) {
    for (const match of path.matchAll(/(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/g)) {
      xs.push(Number(match[1]));
      ys.push(Number(match[2]));
    }
  }
  if (xs.length === 0) return "0 17 1000 377";
  const minWidth = 320;
  let [left, right, top, bottom] = [Math.min(...xs) - 40, Math.max(...xs) + 40, Math.min(...ys) - 30, Math.max(...ys) + 30];
  if (right - left < minWidth) {
    const middle = (left + right) / 2;
    [left, right] = [middle - minWidth / 2, middle + minWidth / 2];
  }
  // Not narrower than 2:1, so a single country does not fill a phone screen from top to bottom.
  const height = Math.max(bottom - top, (right - left) / 2.2);
  const middleY = (top + bottom) / 2;
  top = Math.max(0, middleY - height / 2);
  return `${left.toFixed(0)} ${top.toFixed(0)} ${(right - left).toFixed(0)} ${height.toFixed(0)}`;
}

export function levelColour(level: number | null): string {
  return level === null ? noLevelColour : securityLevelColours[level as SecurityLevel];
}

/** Choropleth of the Designated Areas by overall level; each country opens its area page. */
export function SecurityLevelMap({ areas }: { areas: AreaLevel[] }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const navigate = useNavigate();
  const outlines = useQuery({ queryKey: ["country-outlines"], queryFn: loadCountryOutlines, staleTime: Number.POSITIVE_INFINITY, gcTime: Number.POSITIVE_INFINITY });
  const shapes = useMemo(
    () =>
      outlines.data
        ? areas
            .filter((area) => area.kind === "designated_area")
            .flatMap((area) => {
            const path = outlines.data.byAlpha2(area.countryCode);
            return path ? [{ area, path }] : [];
            })
        : [],
    [outlines.data, areas],
  );
  const viewBox = useMemo(() => focusBox(shapes.map((shape) => shape.path)), [shapes]);
  const open = (placeId: string) => void navigate({ to: "/places/$placeId", params: { placeId } });
  const describe = (area: AreaLevel) =>
    area.overall === null
      ? t("riskLevels.map.areaNoLevel", { name: area.placeName })
      : t("riskLevels.map.areaLevel", { name: area.placeName, level: area.overall, label: localised(securityLevelLabels[area.overall as SecurityLevel]) });

  return (
    <Box>
      <Box pos="relative" bg="#f4f7fa" style={{ borderRadius: "var(--mantine-radius-sm)", overflow: "hidden", border: "1px solid var(--mantine-color-default-border)" }}>
        {outlines.isPending && <Skeleton pos="absolute" inset={0} radius={0} />}
        {/* biome-ignore lint/a11y/useSemanticElements: the countries inside are links, so the map is a group of them, not an image. */}
        <svg viewBox={viewBox} width="100%" role="group" aria-label={t("riskLevels.map.label")} style={{ display: "block", aspectRatio: viewBox.split(" ").slice(2).join(" / ") }}>
          {outlines.data?.all.map((country) => (
            <path key={country.id} d={country.path} fill={otherCountryColour} stroke="#fff" strokeWidth={0.4} aria-hidden />
          ))}
          {shapes.map(({ area, path }) => (
            <Tooltip key={area.placeId} label={describe(area)} withArrow withinPortal>
              {/* biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it gets the link role and keys. */}
              <path
                d={path}
                className="vigil-map-dot"
                fill={levelColour(area.overall)}
                stroke="#37414b"
                strokeWidth={0.6}
                tabIndex={0}
                role="link"
                aria-label={describe(area)}
                data-level={area.overall ?? "none"}
                data-country={area.countryCode ?? ""}
                onClick={() => open(area.placeId)}
                onKeyDown={(event) => {
                  if (event.key === "Enter" || event.key === " ") {
                    event.preventDefault();
                    open(area.placeId);
                  }
                }}
                style={{ cursor: "pointer" }}
              />
            </Tooltip>
          ))}
        </svg>
        {outlines.isError && (
          <Text size="xs" c="dimmed" p="xs">
            {t("riskLevels.map.unavailable")}
          </Text>
        )}
      </Box>
      <LevelLegend />
    </Box>
  );
}

export function LevelLegend() {
  const { t } = useTranslation();
  const localised = useLocalised();
  const entries = [
    ...securityLevels.map((level) => ({ key: String(level), colour: securityLevelColours[level], label: `${level} · ${localised(securityLevelLabels[level])}` })),
    { key: "none", colour: noLevelColour, label: t("riskLevels.noLevel") },
  ];
  return (
    <Group component="ul" gap="sm" mt="xs" p={0} style={{ listStyle: "none" }} aria-label={t("riskLevels.map.legend")}>
      {entries.map((entry) => (
        <Group component="li" key={entry.key} gap={6} wrap="nowrap">
          <Box w={16} h={16} bg={entry.colour} style={{ borderRadius: 3, border: "1px solid rgba(0,0,0,0.25)", flex: "none" }} aria-hidden />
          <Text size="xs">{entry.label}</Text>
        </Group>
      ))}
    </Group>
  );
}
