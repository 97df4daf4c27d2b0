/**
 * Country outlines for the duty-station map, pre-projected by scripts/map-outlines.ts from
 * world-atlas (Natural Earth, 1:110m) into regional tiles: no topojson, no mapping library, and
 * only the tiles the frame shows are downloaded: West Africa's for a user in Mali (2.6 KB with
 * brotli) instead of the world's land outline (18 KB, and no borders). A global role gets the
 * world in one file, in whole map units (10 KB).
 */
import { type MapFrame, overlaps, worldFrame } from "./map-projection.ts";
import { loadWorld, outlineScale, outlineTiles, worldScale } from "./outlines/index.ts";

export { mapHeight, mapWidth, northLimit, project, southLimit } from "./map-projection.ts";

/** Past this many tiles, the one world file costs fewer round trips than the tiles. */
const mostTiles = 6;

export type Outlines = {
  /** Map units are divided by this in the paths (they are written in whole numbers). */
  scale: number;
  /** ISO 3166-1 alpha-2 code → relative SVG path. */
  paths: Record<string, string>;
};

/** The outlines of the countries a frame shows. */
export async function loadOutlines(frame: MapFrame): Promise<Outlines> {
  const tiles = outlineTiles.filter((tile) => overlaps(tile.box, frame.box));
  if (frame === worldFrame || tiles.length > mostTiles) return { scale: worldScale, paths: (await loadWorld()).default };
  const loaded = await Promise.all(tiles.map((tile) => tile.load()));
  return { scale: outlineScale, paths: Object.assign({}, ...loaded.map((module) => module.default)) };
}
