import { Alert, Box, Skeleton } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import type { GeoJSONSource, Map as MapLibreMap, Marker, StyleSpecification } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentMapData, MapConfig } from "./incident-analysis.api.ts";
import { kindColors, useTaxonomyLabels } from "./incident-analysis-labels.ts";

type MapLibre = typeof import("maplibre-gl");

/** MapLibre and its style sheet, fetched the first time a map is shown. */
let maplibreModule: Promise<MapLibre> | null = null;
function loadMapLibre(): Promise<MapLibre> {
  maplibreModule ??= Promise.all([import("maplibre-gl"), import("maplibre-gl/dist/maplibre-gl.css")]).then(([module]) => (module.default ?? module) as MapLibre);
  return maplibreModule;
}

/** The offline base: countries from world-atlas (Natural Earth 1:110m), as GeoJSON, so borders show where incidents are. */
async function worldCountries() {
  const [{ feature }, atlas] = await Promise.all([import("topojson-client"), import("world-atlas/countries-110m.json")]);
  const topology = (atlas.default ?? atlas) as { objects: { countries: unknown } };
  return feature(topology, topology.objects.countries);
}

async function baseStyle(config: MapConfig): Promise<StyleSpecification | string> {
  if (config.styleUrl) return config.styleUrl;
  const background = { id: "background", type: "background" as const, paint: { "background-color": "#eef4f9" } };
  if (config.tileUrl) {
    return {
      version: 8,
      sources: { base: { type: "raster", tiles: [config.tileUrl], tileSize: 256 } },
      layers: [background, { id: "base", type: "raster", source: "base" }],
    };
  }
  return {
    version: 8,
    sources: { countries: { type: "geojson", data: (await worldCountries()) as never } },
    layers: [
      background,
      { id: "land", type: "fill", source: "countries", paint: { "fill-color": "#dde4ea" } },
      { id: "borders", type: "line", source: "countries", paint: { "line-color": "#9aa8b6", "line-width": 0.8 } },
    ],
  };
}

const clusterStyle: Partial<CSSStyleDeclaration> = {
  borderRadius: "50%",
  border: "2px solid #ffffff",
  background: "rgba(24, 90, 156, 0.88)",
  color: "#ffffff",
  font: "600 12px system-ui, sans-serif",
  cursor: "pointer",
  boxShadow: "0 1px 3px rgba(0, 0, 0, 0.3)",
  padding: "0",
};

/** The bounds of the points, to frame them; null when there are none. */
function boundsOf(data: IncidentMapData): [[number, number], [number, number]] | null {
  if (data.features.length === 0) return null;
  let [west, south, east, north] = [180, 90, -180, -90];
  for (const { geometry } of data.features) {
    const [longitude, latitude] = geometry.coordinates;
    west = Math.min(west, longitude);
    east = Math.max(east, longitude);
    south = Math.min(south, latitude);
    north = Math.max(north, latitude);
  }
  return [
    [west, south],
    [east, north],
  ];
}

/**
 * Incidents on a MapLibre map, clustered by the GeoJSON source (`cluster: true`). Clusters are
 * HTML buttons showing their count (the offline base has no font glyphs for map text) that zoom
 * in; a point opens a popup with its category, date and a link to the incident.
 */
export function IncidentMapView({ data, config, height }: { data: IncidentMapData; config: MapConfig; height: number | string }) {
  const { t, i18n } = useTranslation();
  const labels = useTaxonomyLabels();
  const navigate = useNavigate();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const [isReady, setIsReady] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const markers = useRef(new Map<number, Marker>());
  const texts = useRef({ t, labels, language: i18n.language, navigate });
  texts.current = { t, labels, language: i18n.language, navigate };

  useEffect(() => {
    let isCancelled = false;
    const clusterMarkers = markers.current;
    (async () => {
      const [maplibre, style] = await Promise.all([loadMapLibre(), baseStyle(config)]);
      if (isCancelled || !container.current) return;
      const instance = new maplibre.Map({ container: container.current, style, center: [10, 10], zoom: 1.2, attributionControl: false, maxZoom: 14 });
      map.current = instance;
      instance.addControl(new maplibre.NavigationControl({ showCompass: false }), "top-right");
      instance.on("load", () => {
        instance.addSource("incidents", { type: "geojson", data: { type: "FeatureCollection", features: [] }, cluster: true, clusterRadius: 44, clusterMaxZoom: 10 });
        instance.addLayer({
          id: "incident-points",
          type: "circle",
          source: "incidents",
          filter: ["!", ["has", "point_count"]],
          paint: {
            "circle-radius": 6,
            "circle-color": ["match", ["get", "kind"], "safety", kindColors.safety, kindColors.violence],
            "circle-stroke-color": "#ffffff",
            "circle-stroke-width": 1.5,
          },
        });
        instance.on("mouseenter", "incident-points", () => {
          instance.getCanvas().style.cursor = "pointer";
        });
        instance.on("mouseleave", "incident-points", () => {
          instance.getCanvas().style.cursor = "";
        });
        instance.on("click", "incident-points", (event) => {
          const feature = event.features?.[0];
          if (!feature) return;
          const properties = feature.properties as { id: string; categoryCode: string; occurredAt: string; status: string };
          const { t: translate, labels: names, language, navigate: go } = texts.current;
          const box = document.createElement("div");
          Object.assign(box.style, { fontFamily: "var(--mantine-font-family)", fontSize: "13px", lineHeight: "1.45" });
          const title = document.createElement("strong");
          title.textContent = names.category(properties.categoryCode);
          const when = document.createElement("div");
          when.textContent = `${new Date(properties.occurredAt).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" })} · ${translate(`incidentAnalysis.statuses.${properties.status}`)}`;
          const link = document.createElement("a");
          link.href = `/incidents/${properties.id}`;
          link.textContent = translate("incidentAnalysis.map.openIncident");
          link.addEventListener("click", (click) => {
            click.preventDefault();
            void go({ to: "/incidents/$incidentId" as never, params: { incidentId: properties.id } as never });
          });
          box.append(title, when, link);
          const [longitude, latitude] = (feature.geometry as { coordinates: [number, number] }).coordinates;
          new maplibre.Popup({ offset: 8, maxWidth: "240px" }).setLngLat([longitude, latitude]).setDOMContent(box).addTo(instance);
        });
        // Cluster buttons: one per cluster currently drawn, kept in step as the map moves.
        const drawClusters = () => {
          const source = instance.getSource("incidents") as GeoJSONSource | undefined;
          if (!source) return;
          const seen = new Set<number>();
          for (const feature of instance.querySourceFeatures("incidents")) {
            const properties = feature.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; point_count_abbreviated?: string | number };
            if (!properties.cluster || properties.cluster_id === undefined || seen.has(properties.cluster_id)) continue;
            const clusterId = properties.cluster_id;
            seen.add(clusterId);
            if (clusterMarkers.has(clusterId)) continue;
            const button = document.createElement("button");
            button.type = "button";
            Object.assign(button.style, clusterStyle);
            const count = properties.point_count ?? 0;
            const size = Math.min(52, 24 + Math.sqrt(count) * 2.2);
            button.style.width = `${size}px`;
            button.style.height = `${size}px`;
            button.textContent = String(properties.point_count_abbreviated ?? count);
            button.setAttribute("aria-label", texts.current.t("incidentAnalysis.map.cluster", { count }));
            const [longitude, latitude] = (feature.geometry as { coordinates: [number, number] }).coordinates;
            button.addEventListener("click", async () => {
              const zoom = await source.getClusterExpansionZoom(clusterId);
              instance.easeTo({ center: [longitude, latitude], zoom });
            });
            clusterMarkers.set(clusterId, new maplibre.Marker({ element: button }).setLngLat([longitude, latitude]).addTo(instance));
          }
          for (const [clusterId, marker] of clusterMarkers) {
            if (seen.has(clusterId)) continue;
            marker.remove();
            clusterMarkers.delete(clusterId);
          }
        };
        instance.on("render", () => {
          if (instance.isSourceLoaded("incidents")) drawClusters();
        });
        if (!isCancelled) setIsReady(true);
      });
    })().catch((error: unknown) => {
      if (!isCancelled) setFailure(error instanceof Error ? error.message : String(error));
    });
    return () => {
      isCancelled = true;
      for (const marker of clusterMarkers.values()) marker.remove();
      clusterMarkers.clear();
      map.current?.remove();
      map.current = null;
    };
  }, [config]);

  useEffect(() => {
    const instance = map.current;
    if (!isReady || !instance) return;
    // Cluster ids are only meaningful within one data set.
    for (const marker of markers.current.values()) marker.remove();
    markers.current.clear();
    // `data-drawn` tells a waiting reader (a browser test, an assistive script) when these points
    // are on the canvas: MapLibre loads GeoJSON in a worker, so they appear a moment after setData.
    const region = container.current;
    region?.setAttribute("data-drawn", "false");
    (instance.getSource("incidents") as GeoJSONSource).setData(data as never);
    const bounds = boundsOf(data);
    if (bounds) instance.fitBounds(bounds, { padding: 48, maxZoom: 5, duration: 0 });
    const markDrawn = () => region?.setAttribute("data-drawn", "true");
    instance.once("idle", markDrawn);
    return () => {
      instance.off("idle", markDrawn);
    };
  }, [data, isReady]);

  if (failure) {
    return (
      <Alert color="yellow" title={t("incidentAnalysis.map.unavailableTitle")}>
        {t("incidentAnalysis.map.unavailable")}
      </Alert>
    );
  }
  return (
    <Box pos="relative" h={height} style={{ borderRadius: "var(--mantine-radius-sm)", overflow: "hidden" }}>
      {!isReady && <Skeleton pos="absolute" inset={0} radius={0} />}
      <Box ref={container} h="100%" w="100%" aria-label={t("incidentAnalysis.map.label", { count: data.features.length })} role="region" />
    </Box>
  );
}
