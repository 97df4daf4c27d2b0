import { Button } from "@mantine/core";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "./confirm.tsx";
import { notifyError, notifySuccess } from "./notify.ts";

export function EditButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={onClick}>
      {t("common.edit")}
    </Button>
  );
}

export type DeleteMutation = {
  mutate: (id: string, options: { onSuccess: () => void; onError: (error: unknown) => void }) => void;
  isPending: boolean;
};

type DeleteButtonProps = {
  id: string;
  mutation: DeleteMutation;
  confirmTitle: string;
  confirmMessage: ReactNode;
  deletedMessage: string;
  /** Where to go once the record is gone: its own page no longer exists. */
  onDeleted: () => void;
};

/** Deletes a record after confirmation, then reports it and leaves the record's page. */
export function DeleteButton({ id, mutation, confirmTitle, confirmMessage, deletedMessage, onDeleted }: DeleteButtonProps) {
  const { t } = useTranslation();
  function confirmDelete() {
    confirmAction({
      title: confirmTitle,
      message: confirmMessage,
      confirmLabel: t("common.delete"),
      onConfirm: () =>
        mutation.mutate(id, {
          onSuccess: () => {
            notifySuccess(deletedMessage);
            onDeleted();
          },
          onError: (error) => notifyError(error),
        }),
    });
  }
  return (
    <Button
      color="red"
      variant="light"
      leftSection={<IconTrash size={16} aria-hidden />}
      onClick={confirmDelete}
      loading={mutation.isPending}
    >
      {t("common.delete")}
    </Button>
  );
}
