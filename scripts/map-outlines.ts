/**
 * Builds the duty-station map's country outlines from world-atlas (Natural Earth 1:110m):
 *   npx tsx scripts/map-outlines.ts
 * and writes src/web/modules/dashboard/outlines/ (committed; run again only to change the data).
 *
 * Why not ship the topojson and topojson-client: on a field link the dashboard then waited for
 * 56 KB of land outline (21 KB gzipped) that showed no borders. Here each country is projected
 * once, ahead of time, on the map's equirectangular grid, written as a relative SVG path in whole
 * tenths of a map unit (0.036°, finer than the 1:110m data), and the countries are grouped into
 * regional tiles: a user whose duty stations are all in Mali downloads West Africa's tile, not
 * the world; a global role downloads every tile.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import countries from "i18n-iso-countries";
import { feature } from "topojson-client";
import { northLimit, project, southLimit } from "../src/web/modules/dashboard/map-projection.ts";

type Position = [number, number];
type Geometry = { type: string; coordinates?: unknown; geometries?: Geometry[] } | null;

/** Tiles of the lon/lat grid a country is filed under, by the middle of its bounding box. */
const tileWidth = 30;
const tileHeight = 30;
const scale = 10;
/** The world map is drawn about 600 px wide for 1,000 map units: whole units are finer than a pixel there. */
const worldScale = 1;

const root = fileURLToPath(new URL("..", import.meta.url));
const outDir = path.join(root, "src/web/modules/dashboard/outlines");
const atlas = JSON.parse(readFileSync(path.join(root, "node_modules/world-atlas/countries-110m.json"), "utf8"));

function polygonsOf(geometry: Geometry): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === "Polygon") return [geometry.coordinates as Position[][]];
  if (geometry.type === "MultiPolygon") return geometry.coordinates as Position[][][];
  if (geometry.type === "GeometryCollection") return (geometry.geometries ?? []).flatMap(polygonsOf);
  return [];
}

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

/** "M x y" then relative "l dx dy …" in whole tenths; a minus sign already separates numbers. */
function ringPath(ring: Position[], shift: number, scale: number): string {
  const points: Position[] = [];
  for (const [longitude, latitude] of ring) {
    const [x, y] = project(longitude + shift, latitude);
    const point: Position = [Math.round(x * scale), Math.round(y * scale)];
    const last = points.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) points.push(point);
  }
  if (points.length < 3) return "";
  const numbers = (values: number[]) => values.map((value, index) => (index > 0 && value >= 0 ? ` ${value}` : `${value}`)).join("");
  const deltas: number[] = [];
  for (let index = 1; index < points.length; index += 1) {
    deltas.push(points[index][0] - points[index - 1][0], points[index][1] - points[index - 1][1]);
  }
  return `M${numbers(points[0])}l${numbers(deltas)}z`;
}

type Country = { code: string; path: string; worldPath: string; box: [number, number, number, number] };

const collection = feature(atlas, atlas.objects.countries) as unknown as { features: { id?: string; properties: { name: string }; geometry: Geometry }[] };
const byTile = new Map<string, Country[]>();
for (const item of collection.features) {
  // Antarctica lies wholly south of the map's crop.
  if (item.id === "010") continue;
  const code = (item.id && countries.numericToAlpha2(item.id)) || item.properties.name;
  const parts: string[] = [];
  const worldParts: string[] = [];
  let [west, south, east, north] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  for (const polygon of polygonsOf(item.geometry)) {
    for (const raw of polygon) {
      const ring = unwrap(raw);
      for (const [longitude, latitude] of ring) {
        west = Math.min(west, longitude);
        east = Math.max(east, longitude);
        south = Math.min(south, Math.max(latitude, southLimit));
        north = Math.max(north, Math.min(latitude, northLimit));
      }
      const longitudes = ring.map(([longitude]) => longitude);
      for (const shift of [0, ...(Math.max(...longitudes) > 180 ? [-360] : []), ...(Math.min(...longitudes) < -180 ? [360] : [])]) {
        parts.push(ringPath(ring, shift, scale));
        worldParts.push(ringPath(ring, shift, worldScale));
      }
    }
  }
  // A country drawn twice across the antimeridian (Russia, Fiji) spans the whole width: it gets a
  // tile of its own, so that it does not make its neighbours' tile load for every frame.
  const isAcross = east > 180 || west < -180;
  if (isAcross) [west, east] = [-180, 180];
  const column = Math.floor(((west + east) / 2 + 180) / tileWidth);
  const row = Math.floor((90 - (south + north) / 2) / tileHeight);
  const tile = isAcross ? code.toLowerCase() : `${row}-${column}`;
  const list = byTile.get(tile) ?? [];
  list.push({ code, path: parts.join(""), worldPath: worldParts.join(""), box: [west, south, east, north] });
  byTile.set(tile, list);
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const entries: string[] = [];
for (const [tile, list] of [...byTile].sort(([a], [b]) => a.localeCompare(b))) {
  const box = list.reduce(
    (union, { box: [west, south, east, north] }) => [Math.min(union[0], west), Math.min(union[1], south), Math.max(union[2], east), Math.max(union[3], north)],
    [180, 90, -180, -90],
  );
  const body = Object.fromEntries(list.sort((a, b) => a.code.localeCompare(b.code)).map(({ code, path: outline }) => [code, outline]));
  writeFileSync(path.join(outDir, `tile-${tile}.json`), `${JSON.stringify(body)}\n`);
  const rounded = box.map((value) => Math.round(value * 10) / 10).join(", ");
  entries.push(`  { box: [${rounded}], load: () => import("./tile-${tile}.json") },`);
}
// The whole world in one file as well, for a global role: one request instead of thirty.
const world = Object.fromEntries([...byTile.values()].flat().sort((a, b) => a.code.localeCompare(b.code)).map(({ code, worldPath }) => [code, worldPath]));
writeFileSync(path.join(outDir, "world.json"), `${JSON.stringify(world)}\n`);
writeFileSync(
  path.join(outDir, "index.ts"),
  `// Generated by scripts/map-outlines.ts from world-atlas (Natural Earth 1:110m): do not edit.
// Each tile maps ISO 3166-1 alpha-2 codes to a relative SVG path in tenths of a map unit;
// box is [west, south, east, north] in degrees, the extent of the tile's countries.
export type OutlineTile = { box: [number, number, number, number]; load: () => Promise<{ default: Record<string, string> }> };

/** The whole world, in whole map units (scale ${worldScale}). */
export const loadWorld = (): Promise<{ default: Record<string, string> }> => import("./world.json");

export const outlineTiles: OutlineTile[] = [
${entries.join("\n")}
];

/** The tiles' outlines are in tenths of the map's units, the world's in whole units. */
export const outlineScale = ${scale};
export const worldScale = ${worldScale};
`,
);
console.log(`${byTile.size} tiles written to ${path.relative(root, outDir)}`);
