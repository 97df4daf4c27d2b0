import { notifications } from "@mantine/notifications";
import { i18n } from "../i18n/i18n.ts";
import { describeError } from "../server-messages.ts";

export function notifySuccess(message: string): void {
  notifications.show({ color: "green", message, autoClose: 3000 });
}

export function notifyError(error: unknown, title?: string): void {
  notifications.show({
    color: "red",
    title: title ?? i18n.t("errors.failedTitle"),
    message: describeError(i18n.t, error),
    autoClose: 8000,
  });
}
