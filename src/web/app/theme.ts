import { createTheme, type MantineColorsTuple } from "@mantine/core";
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
    },
  });
}
