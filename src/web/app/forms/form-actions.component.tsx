import { Button, Group, type MantineSize, type MantineSpacing, type StyleProp } from "@mantine/core";
import { useTranslation } from "react-i18next";

type FormActionsProps = {
  onCancel: () => void;
  isSaving: boolean;
  /** Defaults to "Save" for an existing record and "Create" for a new one. */
  submitLabel?: string;
  isEdit?: boolean;
  cancelLabel?: string;
  size?: MantineSize;
  mt?: StyleProp<MantineSpacing>;
};

/** The footer of every form: cancel on the left, the submit button on the right. */
export function FormActions({ onCancel, isSaving, submitLabel, isEdit, cancelLabel, size, mt = "sm" }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={mt} gap={size === "xs" ? "xs" : undefined}>
      <Button variant="default" size={size} onClick={onCancel}>
        {cancelLabel ?? t("common.cancel")}
      </Button>
      <Button type="submit" size={size} loading={isSaving}>
        {submitLabel ?? (isEdit ? t("common.save") : t("common.create"))}
      </Button>
    </Group>
  );
}
