import { describe, expect, it } from "vitest";
import { DEFAULT_THEME, luminance } from "@mantine/core";
import { cssVariablesResolver, textOn } from "./theme.ts";

const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
};

describe("colours that stay readable (WCAG AA, 4.5:1)", () => {
  it("writes on a level's colour in white or black, whichever reads better", () => {
    expect(textOn("#e53935")).toBe("#000");
    expect(textOn("#7b1fa2")).toBe("#fff");
    expect(textOn("#fdd835")).toBe("#000");
    for (const colour of ["#e53935", "#7b1fa2", "#fdd835", "#43a047", "#1e88e5", "#fb8c00", "#000000", "#ffffff"]) {
      expect(contrast(textOn(colour), colour), colour).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("gives every theme colour a text shade readable on white and on its own light tint, and a filled shade white text reads on", () => {
    const { light } = cssVariablesResolver({ ...DEFAULT_THEME, colors: DEFAULT_THEME.colors });
    for (const name of Object.keys(DEFAULT_THEME.colors)) {
      const text = light[`--mantine-color-${name}-text`];
      expect(contrast(text, "#ffffff"), name).toBeGreaterThanOrEqual(5.6);
      // Shade 1: a tint at least as dark as the light variants' backgrounds.
      expect(contrast(text, DEFAULT_THEME.colors[name][1]), name).toBeGreaterThanOrEqual(4.5);
      expect(contrast("#ffffff", light[`--mantine-color-${name}-filled`]), name).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(light["--mantine-color-dimmed"], "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(light["--mantine-color-placeholder"], "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });
});
