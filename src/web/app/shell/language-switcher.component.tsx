import { SegmentedControl } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { currentLanguage, type Language, languages } from "../i18n/i18n.ts";
import { chooseLanguage } from "../session.ts";

const labels: Record<Language, { short: string; long: string }> = {
  en: { short: "EN", long: "English" },
  fr: { short: "FR", long: "Français" },
};

/** Language names are written in their own language so anyone can find theirs. */
export function LanguageSwitcher({ isSignedIn }: { isSignedIn: boolean }) {
  const { t, i18n } = useTranslation();
  const value = currentLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("shell.language")}
      value={value}
      data={languages.map((language) => ({
        value: language,
        label: (
          <span lang={language} title={labels[language].long}>
            {labels[language].short}
          </span>
        ),
      }))}
      onChange={(next) => {
        chooseLanguage(next as Language, isSignedIn).catch(() => {
          notifications.show({ color: "yellow", message: i18n.t("shell.languageNotSaved") });
        });
      }}
    />
  );
}
