import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";

type TripCancelModalProps = {
  opened: boolean;
  number: string;
  isSaving: boolean;
  onCancelTrip: (reason: string) => Promise<unknown>;
  onClose: () => void;
};

/** Cancelling a trip is confirmed in a dialog, with the reason the reviewers and the headcount read. */
export function TripCancelModal({ opened, number, isSaving, onCancelTrip, onClose }: TripCancelModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t("travel.trip.cancelTitle")} size="md">
      {opened && <CancelForm number={number} isSaving={isSaving} onCancelTrip={onCancelTrip} onClose={onClose} />}
    </FormModal>
  );
}

function CancelForm({ number, isSaving, onCancelTrip, onClose }: Omit<TripCancelModalProps, "opened">) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm({
    initialValues: { reason: "" },
    validate: { reason: (value) => (value.trim() ? null : t("validation.required")) },
  });

  async function submit(values: { reason: string }) {
    setFailure(null);
    try {
      await onCancelTrip(values.reason.trim());
      notifySuccess(t("travel.trip.cancelled", { number }));
      onClose();
    } catch (error) {
      setFailure(applyApiErrors(form, error, t));
    }
  }

  return (
    <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t("travel.trip.cancelMessage", { number })}</Text>
        <FormErrorAlert failure={failure} />
        <Textarea
          label={t("travel.trip.cancelReason")}
          description={t("travel.trip.cancelReasonHint")}
          required
          autosize
          minRows={2}
          maxLength={500}
          data-autofocus
          {...form.getInputProps("reason")}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t("travel.trip.keep")}
          </Button>
          <Button type="submit" color="red" loading={isSaving}>
            {t("travel.trip.cancel")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
