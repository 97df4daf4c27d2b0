import { describe, expect, it } from "vitest";
import { frameFor, mapWidth, minimumSpan, overlaps, worldFrame } from "./map-projection.ts";
import { outlineTiles } from "./outlines/index.ts";

const bamako = { longitude: -8.0, latitude: 12.64 };
const mopti = { longitude: -4.19, latitude: 14.49 };
const gao = { longitude: -0.04, latitude: 16.27 };
/** Mali's extent in degrees: [west, south, east, north]. */
const mali = [-12.2, 10.1, 4.3, 25.0];

describe("the duty-station map's frame", () => {
  it("frames stations in Mali on Mali, not on the world", () => {
    const frame = frameFor([bamako, mopti, gao], false);
    expect(frame.width).toBeLessThan(mapWidth / 10);
    const [west, south, east, north] = frame.box;
    expect(west).toBeLessThan(-8);
    expect(east).toBeGreaterThan(0);
    expect(south).toBeLessThan(12.6);
    expect(north).toBeGreaterThan(16.3);
    expect(overlaps(frame.box, mali)).toBe(true);
  });

  it("shows at least a country's width around a single duty station", () => {
    const frame = frameFor([bamako], false);
    const [west, , east] = frame.box;
    expect(east - west).toBeCloseTo(minimumSpan, 5);
    expect((west + east) / 2).toBeCloseTo(bamako.longitude, 5);
  });

  it("keeps the world's proportions and stays inside the map", () => {
    for (const points of [[bamako], [{ longitude: 179, latitude: 60 }], [{ longitude: -179, latitude: -50 }]]) {
      const frame = frameFor(points, false);
      expect(frame.width / frame.height).toBeCloseTo(worldFrame.width / worldFrame.height, 5);
      expect(frame.x).toBeGreaterThanOrEqual(0);
      expect(frame.x + frame.width).toBeLessThanOrEqual(mapWidth + 1e-9);
      expect(frame.y).toBeGreaterThanOrEqual(worldFrame.y - 1e-9);
      expect(frame.y + frame.height).toBeLessThanOrEqual(worldFrame.y + worldFrame.height + 1e-9);
    }
  });

  it("shows the world to a global role, and when the stations span it", () => {
    expect(frameFor([bamako], true)).toBe(worldFrame);
    expect(frameFor([bamako, { longitude: 150, latitude: -30 }, { longitude: -120, latitude: 50 }], false)).toBe(worldFrame);
  });

  it("needs only a few outline tiles for Mali", () => {
    const tiles = outlineTiles.filter((tile) => overlaps(tile.box, frameFor([bamako, mopti, gao], false).box));
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.length).toBeLessThanOrEqual(3);
  });
});
