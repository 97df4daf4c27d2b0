import { Box, Text, Tooltip } from "@mantine/core";
import { useElementSize } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { frameFor, mapWidth, project, viewBoxOf } from "../dashboard/map-projection.ts";
import { loadOutlines } from "../dashboard/world-outline.ts";
import type { HeadcountPlace } from "./headcount.api.ts";

/** Dot radius in screen pixels, growing with the count but never hiding its neighbours. */
const radius = (count: number) => Math.min(14, 4 + Math.sqrt(count) * 0.8);

/**
 * Counts per duty station and Security Area on the dashboard's country outlines (the same
 * projection and outline tiles, loaded once and cached): the dots draw at once, the outline
 * follows. Places without coordinates are left to the tables.
 */
export function HeadcountMap({ places }: { places: HeadcountPlace[] }) {
  const { t } = useTranslation();
  const located = useMemo(
    () => places.filter((place): place is HeadcountPlace & { latitude: number; longitude: number } => place.latitude !== null && place.longitude !== null),
    [places],
  );
  const frame = useMemo(() => frameFor(located, false), [located]);
  const { ref, width } = useElementSize();
  const outline = useQuery({
    queryKey: ["map-outline", frame.box],
    queryFn: () => loadOutlines(frame),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    enabled: located.length > 0,
  });
  if (located.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("headcount.mapEmpty")}
      </Text>
    );
  }
  const unitsPerPixel = frame.width / (width || mapWidth);
  return (
    // alignSelf: in a grid beside a longer list, the map keeps its own height instead of stretching.
    <Box ref={ref} style={{ borderRadius: "var(--mantine-radius-sm)", overflow: "hidden", alignSelf: "start" }} bg="#eef4f9">
      <svg
        viewBox={viewBoxOf(frame)}
        width="100%"
        role="img"
        aria-label={t("headcount.mapLabel", { count: located.length })}
        style={{ display: "block", aspectRatio: `${frame.width} / ${frame.height}`, maxHeight: 420 }}
      >
        {outline.data && (
          <g transform={`scale(${1 / outline.data.scale})`} fill="#d5dde5" stroke="#fff" strokeWidth={0.75} aria-hidden>
            {Object.entries(outline.data.paths).map(([code, path]) => (
              <path key={code} d={path} vectorEffect="non-scaling-stroke" />
            ))}
          </g>
        )}
        {located.map((place) => {
          const [x, y] = project(place.longitude, place.latitude);
          const label = t("headcount.mapDot", { name: place.name, count: place.total });
          return (
            <Tooltip key={place.placeId} label={label} withArrow withinPortal>
              <g>
                <title>{label}</title>
                <circle
                  cx={x}
                  cy={y}
                  r={radius(place.total) * unitsPerPixel}
                  fill="var(--mantine-color-vigil-7)"
                  fillOpacity={0.75}
                  stroke="#fff"
                  strokeWidth={1.2}
                  vectorEffect="non-scaling-stroke"
                />
              </g>
            </Tooltip>
          );
        })}
      </svg>
    </Box>
  );
}
