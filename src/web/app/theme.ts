import { type CSSVariablesResolver, createTheme, darken, luminance, type MantineColorsTuple } from "@mantine/core";
import type { TFunction } from "i18next";

const vigil: MantineColorsTuple = [
  "#eaf2f9",
  "#d4e2ee",
  "#a6c3dd",
  "#74a2cc",
  "#4c86bd",
  "#3374b4",
  "#256bb1",
  "#185a9c",
  "#0d4f8c",
  "#1c3d5a",
];

/**
 * For filled alarms (nobody in charge, overdue). Mantine's default filled red (red.6) gives white
 * text a contrast of about 3.3:1; red.9 gives about 5.4:1, enough for the small text on it.
 */
export const alarmColor = "red.9";

/**
 * Built per language: Mantine's own buttons (close, clear, show password) carry English
 * labels for screen readers unless told otherwise.
 */
export function buildTheme(t: TFunction) {
  const clear = { "aria-label": t("common.clear") };
  const close = { "aria-label": t("common.close") };
  return createTheme({
    primaryColor: "vigil",
    colors: { vigil },
    defaultRadius: "sm",
    focusRing: "auto",
    cursorType: "pointer",
    fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
    headings: { fontWeight: "650" },
    components: {
      Select: { defaultProps: { clearButtonProps: clear, comboboxProps: { withinPortal: true } } },
      MultiSelect: { defaultProps: { clearButtonProps: clear } },
      FileInput: { defaultProps: { clearButtonProps: clear } },
      PasswordInput: { defaultProps: { visibilityToggleButtonProps: { "aria-label": t("common.showPassword") } } },
      Modal: { defaultProps: { closeButtonProps: close } },
      Notification: { defaultProps: { closeButtonProps: close } },
      // A table that scrolls sideways must be reachable by keyboard to be scrolled (WCAG 2.1.1).
      TableScrollContainer: { defaultProps: { tabIndex: 0 } },
    },
  });
}

/** WCAG contrast ratio of a colour against white. */
const contrastOnWhite = (color: string) => 1.05 / (luminance(color) + 0.05);

/**
 * White or black, whichever reads better on `colour` (a risk level's or security level's own
 * colour). Black wins above a luminance of about 0.18, well below where a colour looks light: the
 * security-level red #e53935 takes black text (5.0:1), not white (4.2:1).
 */
export function textOn(colour: string): string {
  const blackContrast = (luminance(colour) + 0.05) / 0.05;
  return contrastOnWhite(colour) >= blackContrast ? "#fff" : "#000";
}

/**
 * The darkest shade of a colour, darkened further until text in it keeps a contrast of 5.6:1 on
 * white, which leaves room for the tinted backgrounds of light badges and buttons (WCAG AA asks
 * 4.5:1 there). Mantine's text shades (6) give 1.9–3.6:1 for yellow, green, teal, orange and red.
 */
function readableShade(shades: readonly string[], target = 5.6): string {
  let color = shades[9];
  for (let step = 1; contrastOnWhite(color) < target && step <= 12; step += 1) color = darken(shades[9], step * 0.05);
  return color;
}

/** The first shade from 6 on that white text reads on (4.5:1), for filled badges and buttons. */
function filledShade(shades: readonly string[]): string {
  const shade = shades.slice(6).find((color) => contrastOnWhite(color) >= 4.5);
  return shade ?? readableShade(shades, 4.5);
}

/**
 * Text colours the automated accessibility check (e2e/accessibility.e2e.ts) holds to WCAG AA:
 * dimmed text, placeholders, error messages, coloured text (`c="red"`), the text of light,
 * outline and subtle variants, and white text on filled ones. Users read these outdoors on phones, where low contrast fails first.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => {
  const light: Record<string, string> = {
    // Mantine's dimmed grey (#868e96) is 3.3:1 on white; this one is 6.1:1.
    "--mantine-color-dimmed": "#5c636a",
    "--mantine-color-error": theme.colors.red[9],
    // Placeholders (#adb5bd, 2.1:1) are read before anything is typed.
    "--mantine-color-placeholder": "#6c747c",
  };
  for (const [name, shades] of Object.entries(theme.colors)) {
    const text = readableShade(shades);
    light[`--mantine-color-${name}-text`] = text;
    light[`--mantine-color-${name}-light-color`] = text;
    light[`--mantine-color-${name}-outline`] = text;
    const filled = filledShade(shades);
    light[`--mantine-color-${name}-filled`] = filled;
    light[`--mantine-color-${name}-filled-hover`] = darken(filled, 0.1);
  }
  return { variables: {}, light, dark: {} };
};
