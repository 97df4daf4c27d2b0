import { Box, Skeleton, Text, Tooltip } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { DutyStationPoint } from "./dashboard.api.ts";
import { loadWorldPath, mapWidth, northLimit, project, southLimit } from "./world-outline.ts";

const [, top] = project(0, northLimit);
const [, bottom] = project(0, southLimit);
const viewBox = `0 ${top.toFixed(0)} ${mapWidth} ${(bottom - top).toFixed(0)}`;

function radius(personnelCount: number): number {
  return Math.min(11, 3.5 + Math.sqrt(personnelCount) * 0.9);
}

/** World outline with one dot per duty station; loaded only when the dashboard shows it. */
export function DutyStationMap({ stations }: { stations: DutyStationPoint[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const outline = useQuery({
    queryKey: ["world-outline"],
    queryFn: loadWorldPath,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const open = (id: string) => void navigate({ to: "/places/$placeId", params: { placeId: id } });

  return (
    <Box pos="relative" style={{ borderRadius: "var(--mantine-radius-sm)", overflow: "hidden" }} bg="#eef4f9">
      {outline.isPending && <Skeleton pos="absolute" inset={0} radius={0} />}
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>. */}
      <svg
        viewBox={viewBox}
        width="100%"
        // A group, not an image: its duty stations are links a keyboard reaches.
        role="group"
        aria-label={t("dashboard.mapLabel", { count: stations.length })}
        style={{ display: "block", aspectRatio: `${mapWidth} / ${bottom - top}` }}
      >
        {outline.data && <path d={outline.data} fill="#d5dde5" stroke="#b7c3cf" strokeWidth={0.5} />}
        {stations.map((station) => {
          const [x, y] = project(station.longitude, station.latitude);
          const label = `${station.name}${station.parentName ? ` — ${station.parentName}` : ""}`;
          const detail = t("dashboard.stationPersonnel", { count: station.personnelCount });
          return (
            <Tooltip key={station.id} label={`${label} · ${detail}`} withArrow withinPortal>
              {/* biome-ignore lint/a11y/useSemanticElements: an SVG dot cannot be a <button>; it gets the link role and keys. */}
              <circle
                className="vigil-map-dot"
                cx={x}
                cy={y}
                r={radius(station.personnelCount)}
                fill="var(--mantine-color-vigil-7)"
                fillOpacity={0.8}
                stroke="#fff"
                strokeWidth={1.2}
                tabIndex={0}
                role="link"
                aria-label={`${label}, ${detail}`}
                onClick={() => open(station.id)}
                onKeyDown={(event) => {
                  if (event.key === "Enter" || event.key === " ") {
                    event.preventDefault();
                    open(station.id);
                  }
                }}
              />
            </Tooltip>
          );
        })}
      </svg>
      {outline.isError && (
        <Text size="xs" c="dimmed" p="xs">
          {t("dashboard.mapUnavailable")}
        </Text>
      )}
    </Box>
  );
}
