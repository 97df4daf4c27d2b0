import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../platform/config.ts";
import { createServer } from "../../server.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { mapConfig } from "./incident-map.service.ts";

/** The incident map's base: the offline outline by default, or a deployment's style or tiles (MAP_STYLE_URL). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const silent = { LOG_LEVEL: "silent", DATA_DIR: "/nonexistent" };

describe("MAP_STYLE_URL", () => {
  it("is the offline world outline when unset", async () => {
    const response = await t.request(demo.analyst, { method: "GET", url: "/api/incidents/map/config" });
    expect(response.json()).toEqual({ styleUrl: null, tileUrl: null });
  });

  it("takes a MapLibre style, or raster tiles given with {z}/{x}/{y}", () => {
    expect(mapConfig(loadConfig({ ...silent, MAP_STYLE_URL: "https://tiles.example.org/styles/basic/style.json" }))).toEqual({
      styleUrl: "https://tiles.example.org/styles/basic/style.json",
      tileUrl: null,
    });
    expect(mapConfig(loadConfig({ ...silent, MAP_STYLE_URL: "https://tiles.example.org/osm/{z}/{x}/{y}.png" }))).toEqual({
      styleUrl: null,
      tileUrl: "https://tiles.example.org/osm/{z}/{x}/{y}.png",
    });
  });

  it("refuses anything but an http(s) URL, saying what it must be", () => {
    expect(() => loadConfig({ ...silent, MAP_STYLE_URL: "ftp://tiles.example.org/style.json" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...silent, MAP_STYLE_URL: "tiles" })).toThrow(/MAP_STYLE_URL: must be an absolute http/);
  });

  it("lets the browser fetch the map from that origin, and no other", async () => {
    const app = await createServer(loadConfig({ ...silent, JOBS: "off", MAP_STYLE_URL: "https://tiles.example.org/osm/{z}/{x}/{y}.png" }), t.database, { webRoot: "/nonexistent" });
    try {
      const policy = (await app.inject({ method: "GET", url: "/healthz" })).headers["content-security-policy"] as string;
      expect(policy).toContain("connect-src 'self' https://tiles.example.org");
    } finally {
      await app.close();
    }
    const policy = (await t.app.inject({ method: "GET", url: "/healthz" })).headers["content-security-policy"] as string;
    expect(policy).toMatch(/connect-src 'self'(;|$)/);
  });
});
