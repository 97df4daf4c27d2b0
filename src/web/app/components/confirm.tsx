import { Text } from "@mantine/core";
import { modals } from "@mantine/modals";
import type { ReactNode } from "react";
import { i18n } from "../i18n/i18n.ts";

type ConfirmOptions = {
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  isDanger?: boolean;
};

/** Every destructive action goes through here: nothing is deleted on a single click. */
export function confirmAction({ title, message, confirmLabel, onConfirm, isDanger = true }: ConfirmOptions) {
  modals.openConfirmModal({
    title,
    children: <Text size="sm">{message}</Text>,
    labels: { confirm: confirmLabel, cancel: i18n.t("common.cancel") },
    confirmProps: { color: isDanger ? "red" : undefined, "data-autofocus": undefined },
    cancelProps: { "data-autofocus": true } as never,
    onConfirm,
  });
}
