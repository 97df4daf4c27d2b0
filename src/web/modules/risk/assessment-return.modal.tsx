import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type Assessment, useReturnForRevision } from "./srm-api.ts";

type ReturnModalProps = { opened: boolean; onClose: () => void; assessment: Assessment };

/** The DO returns an assessment in review to its author; the reason is required (the author reads it). */
export function AssessmentReturnModal(props: ReturnModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={t("srm.returnDialog.title")} size="md">
      {props.opened && <ReturnForm {...props} />}
    </FormModal>
  );
}

function ReturnForm({ assessment, onClose }: ReturnModalProps) {
  const { t } = useTranslation();
  const send = useReturnForRevision(assessment.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (value) => (value.trim().length < 10 ? t("srm.returnDialog.reasonTooShort") : null) },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        send.mutate(
          { reason: values.reason.trim() },
          {
            onSuccess: () => {
              notifySuccess(t("srm.returnDialog.done", { version: assessment.version }));
              onClose();
            },
            onError: (error) => setFailure(applyApiErrors(form, error, t)),
          },
        );
      })}
    >
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <Text size="sm" c="dimmed">
          {t("srm.returnDialog.hint", { author: assessment.authorName })}
        </Text>
        <Textarea label={t("srm.returnDialog.reason")} required autosize minRows={3} maxLength={4000} data-autofocus {...form.getInputProps("reason")} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="orange" loading={send.isPending}>
            {t("srm.workflow.returnForRevision")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
