/**
 * Country outlines for the security level map: world-atlas (Natural Earth, 1:110m) drawn on the
 * same equirectangular projection as the dashboard's duty-station map, without a map engine.
 * Designated Areas are countries, so each is coloured through its ISO 3166-1 code; the atlas
 * keys countries by the numeric code, the places carry the alpha-2 one.
 */
import { feature } from "topojson-client";
import { project } from "../dashboard/world-outline.ts";

type Position = [number, number];
type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] } | null;

/** Rings crossing the antimeridian (Chukotka, Fiji) are unwrapped, then drawn again shifted back onto the map. */
function unwrap(ring: Position[]): Position[] {
  let offset = 0;
  let previous: number | null = null;
  return ring.map(([longitude, latitude]) => {
    if (previous !== null) {
      const delta = longitude + offset - previous;
      if (delta > 180) offset -= 360;
      else if (delta < -180) offset += 360;
    }
    previous = longitude + offset;
    return [previous, latitude];
  });
}

function ringPath(ring: Position[], shift: number): string {
  return `${ring
    .map(([longitude, latitude], index) => {
      const [x, y] = project(longitude + shift, latitude);
      return `${index === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
    })
    .join("")}Z`;
}

function polygonsOf(geometry: Geometry): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates as Position[][]];
  if (geometry.type === "MultiPolygon") return geometry.coordinates as Position[][][];
  if (geometry.type === "GeometryCollection") return (geometry.geometries ?? []).flatMap(polygonsOf);
  return [];
}

function geometryPath(geometry: Geometry): string {
  const parts: string[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const raw of polygon) {
      const ring = unwrap(raw);
      const longitudes = ring.map(([longitude]) => longitude);
      parts.push(ringPath(ring, 0));
      if (Math.max(...longitudes) > 180) parts.push(ringPath(ring, -360));
      if (Math.min(...longitudes) < -180) parts.push(ringPath(ring, 360));
    }
  }
  return parts.join("");
}

export type CountryOutlines = {
  /** Every country, for the background. */
  all: { id: string; path: string }[];
  /** The outline of a country by its alpha-2 code, if the 1:110m atlas draws it (very small states it does not). */
  byAlpha2: (code: string | null) => string | null;
};

export async function loadCountryOutlines(): Promise<CountryOutlines> {
  const [atlas, isoModule] = await Promise.all([import("world-atlas/countries-110m.json"), import("i18n-iso-countries")]);
  const topology = (atlas.default ?? atlas) as unknown as { objects: { countries: unknown } };
  const iso = (isoModule.default ?? isoModule) as { alpha2ToNumeric: (code: string) => string | undefined };
  const collection = feature(topology, topology.objects.countries) as unknown as { features: { id?: string; geometry: Geometry }[] };
  const all = collection.features.filter((item) => item.id !== undefined).map((item) => ({ id: String(item.id), path: geometryPath(item.geometry) }));
  const byId = new Map(all.map((item) => [item.id, item.path]));
  return {
    all,
    byAlpha2: (code) => {
      if (!code) return null;
      const numeric = iso.alpha2ToNumeric(code.toUpperCase());
      return numeric ? (byId.get(numeric) ?? null) : null;
    },
  };
}
