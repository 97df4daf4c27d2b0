import { Box, Text, Tooltip } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMe } from "../../app/session.ts";
import { type DutyStationPoint, useDashboard } from "./dashboard.api.ts";
import { frameFor, mapWidth, project, viewBoxOf } from "./map-projection.ts";
import { loadOutlines } from "./world-outline.ts";

/** Dot radius in screen pixels: the same on a phone and a desktop, whatever the frame's zoom. */
function radius(personnelCount: number): number {
  return Math.min(10, 4 + Math.sqrt(personnelCount) * 0.6);
}

/**
 * True once the browser is idle after the dashboard has drawn: the outline is decoration, and on
 * a field link it must not compete with the dashboard's own content for the connection.
 */
function useIdle(): boolean {
  const [isIdle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof window.requestIdleCallback === "function") {
      const handle = window.requestIdleCallback(() => setIdle(true), { timeout: 2000 });
      return () => window.cancelIdleCallback(handle);
    }
    const handle = window.setTimeout(() => setIdle(true), 300);
    return () => window.clearTimeout(handle);
  }, []);
  return isIdle;
}

/**
 * The user's duty stations on country outlines, framed on them: a user whose stations are all
 * in Mali sees Mali and its neighbours; a global role (system administrator, global analyst) sees
 * the world. The dots are drawn at once; the outline arrives when the browser is idle.
 */
export function DutyStationMap({ stations }: { stations: DutyStationPoint[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const isGlobal = me.user.systemRoles.length > 0;
  // The countries of the user's areas are drawn darker (the dashboard's answer is already cached).
  const ownCountries = new Set(useDashboard().data?.areas.map((area) => area.countryCode) ?? []);
  const { ref, width } = useElementSize();
  const frame = useMemo(() => frameFor(stations, isGlobal), [stations, isGlobal]);
  const isIdle = useIdle();
  const outline = useQuery({
    queryKey: ["map-outline", frame.box],
    queryFn: () => loadOutlines(frame),
    enabled: isIdle,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
  const open = (id: string) => void navigate({ to: "/places/$placeId", params: { placeId: id } });
  // Map units per screen pixel, so that dots keep their size on screen whatever the zoom.
  const unitsPerPixel = frame.width / (width || mapWidth);

  return (
    <Box ref={ref} pos="relative" style={{ borderRadius: "var(--mantine-radius-sm)", overflow: "hidden" }} bg="#eef4f9">
      {/* biome-ignore lint/a11y/useSemanticElements: an <svg> cannot be a <fieldset>. */}
      <svg
        viewBox={viewBoxOf(frame)}
        width="100%"
        // A group, not an image: its duty stations are links a keyboard reaches.
        role="group"
        aria-label={t("dashboard.mapLabel", { count: stations.length })}
        data-frame={isGlobal ? "world" : "stations"}
        style={{ display: "block", aspectRatio: `${frame.width} / ${frame.height}` }}
      >
        {outline.data && (
          <g transform={`scale(${1 / outline.data.scale})`} fill="#d5dde5" stroke="#fff" strokeWidth={0.75} aria-hidden>
            {Object.entries(outline.data.paths).map(([code, path]) => (
              <path key={code} d={path} vectorEffect="non-scaling-stroke" fill={ownCountries.has(code) ? "#bccad8" : undefined} />
            ))}
          </g>
        )}
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
                r={radius(station.personnelCount) * unitsPerPixel}
                fill="var(--mantine-color-vigil-7)"
                fillOpacity={0.8}
                stroke="#fff"
                strokeWidth={1.2}
                vectorEffect="non-scaling-stroke"
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
