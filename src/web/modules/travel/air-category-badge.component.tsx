import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { OperatorCategory } from "../../../core/travel/clearance.ts";

/**
 * Three categories, three colours (dark green, amber, dark red), always with the word: colour alone
 * never carries the meaning. The shades are set here so each reaches WCAG AA contrast with its text.
 */
const colours: Record<OperatorCategory, { background: string; color: string }> = {
  unrestricted: { background: "#1b5e20", color: "#ffffff" },
  conditional: { background: "#f59f00", color: "#1a1a1a" },
  restricted: { background: "#b71c1c", color: "#ffffff" },
};

export function CategoryBadge({ category }: { category: OperatorCategory | null }) {
  const { t } = useTranslation();
  if (!category) {
    return (
      <Badge variant="outline" color="gray.8">
        {t("airTravel.category.none")}
      </Badge>
    );
  }
  return (
    <Badge variant="filled" styles={{ root: colours[category] }}>
      {t(`airTravel.category.${category}`)}
    </Badge>
  );
}
