// The rest of Mantine's styles (the first download carries only the sign-in page's, see main.tsx).
// The whole sheet, in Mantine's own order: arriving last, it restores that order for every rule.
import "@mantine/core/styles.layer.css";
import { ModalsProvider } from "@mantine/modals";
import { useTranslation } from "react-i18next";
import { AppLayout } from "./app-layout.component.tsx";

/**
 * Everything behind sign-in, loaded with the shell's code: confirmation dialogs (with the modal,
 * scroll area and floating code they bring) are only ever opened from signed-in pages, so the
 * sign-in page does not download them.
 */
export function SignedInLayout() {
  const { t } = useTranslation();
  return (
    <ModalsProvider labels={{ confirm: t("common.confirm"), cancel: t("common.cancel") }} modalProps={{ centered: true }}>
      <AppLayout />
    </ModalsProvider>
  );
}
