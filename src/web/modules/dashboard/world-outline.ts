/**
 * Equirectangular world outline for the duty-station map, built from world-atlas (Natural Earth,
 * 1:110m) without any mapping library: a few kilobytes of path data instead of a map engine.
 */
import { feature } from "topojson-client";

export const mapWidth = 1000;
export const mapHeight = 500;
/** Antarctica and the far north add nothing to a map of duty stations; crop them. */
export const northLimit = 84;
export const southLimit = -58;

type Position = [number, number];

export function project(longitude: number, latitude: number): [number, number] {
  return [((longitude + 180) / 360) * mapWidth, ((90 - latitude) / 180) * mapHeight];
}

/**
 * Rings that cross the antimeridian (Russia's Chukotka, Fiji) jump from +180 to -180; drawn as
 * is they streak across the whole map. Each longitude is moved by ±360° to stay next to the
 * previous point, then the ring is drawn a second time shifted back onto the map.
 */
function unwrap(ring: Position[]): Position[] {
  const result: Position[] = [];
  let offset = 0;
  let previous: number | null = null;
  for (const [longitude, latitude] of ring) {
    if (previous !== null) {
      const delta = longitude + offset - previous;
      if (delta > 180) offset -= 360;
      else if (delta < -180) offset += 360;
    }
    const unwrapped = longitude + offset;
    result.push([unwrapped, latitude]);
    previous = unwrapped;
  }
  return result;
}

function ringPath(ring: Position[], shift: number): string {
  let path = "";
  ring.forEach(([longitude, latitude], index) => {
    const [x, y] = project(longitude + shift, latitude);
    path += `${index === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`;
  });
  return `${path}Z`;
}

function polygonsOf(geometry: unknown): Position[][][] {
  const value = geometry as { type: string; coordinates?: unknown; geometries?: unknown[] } | null;
  if (!value) return [];
  if (value.type === "Polygon") return [value.coordinates as Position[][]];
  if (value.type === "MultiPolygon") return value.coordinates as Position[][][];
  if (value.type === "GeometryCollection") return (value.geometries ?? []).flatMap(polygonsOf);
  return [];
}

export async function loadWorldPath(): Promise<string> {
  const module = await import("world-atlas/land-110m.json");
  const topology = (module.default ?? module) as { objects: { land: unknown } };
  const land = feature(topology, topology.objects.land);
  const geometries = "features" in land ? land.features.map((item) => item.geometry) : [land.geometry];
  const parts: string[] = [];
  for (const polygon of geometries.flatMap(polygonsOf)) {
    for (const rawRing of polygon) {
      const ring = unwrap(rawRing);
      const longitudes = ring.map(([longitude]) => longitude);
      const west = Math.min(...longitudes);
      const east = Math.max(...longitudes);
      parts.push(ringPath(ring, 0));
      if (east > 180) parts.push(ringPath(ring, -360));
      if (west < -180) parts.push(ringPath(ring, 360));
    }
  }
  return parts.join("");
}
