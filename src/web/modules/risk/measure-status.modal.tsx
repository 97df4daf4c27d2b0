import { Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isMeasureDone } from "../../../core/risk/risk-enums.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { todayIso } from "../../app/format.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { MeasureOutcomeFields, type OutcomeValues, outcomeBody, outcomeValues } from "./measure-outcome-fields.component.tsx";
import { type Measure, useChangeMeasureStatus } from "./measure-records.api.ts";

type MeasureStatusModalProps = { opened: boolean; onClose: () => void; measure: Measure };

/** Moving a measure on (planned → in progress → implemented → verified) and rating it, without the whole form. */
export function MeasureStatusModal(props: MeasureStatusModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={t("riskMeasures.statusTitle")} size="md">
      {props.opened && <StatusForm {...props} />}
    </FormModal>
  );
}

function StatusForm({ measure, onClose }: MeasureStatusModalProps) {
  const { t } = useTranslation();
  const change = useChangeMeasureStatus(measure.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<OutcomeValues>({
    initialValues: outcomeValues(measure),
    validate: {
      implementedOn: (value, values) => (isMeasureDone(values.status) && !value ? t("validation.required") : null),
      verifiedOn: (value, values) => (values.status === "verified" && !value ? t("validation.required") : null),
      verificationNote: (value, values) => (values.status === "verified" && measure.evidenceCount === 0 && !value.trim() ? t("validation.required") : null),
    },
    // A measure reported done today is the usual case: its date is offered, not typed.
    onValuesChange: (values, previous) => {
      if (values.status === previous.status) return;
      if (isMeasureDone(values.status) && !values.implementedOn) form.setFieldValue("implementedOn", todayIso());
      if (values.status === "verified" && !values.verifiedOn) form.setFieldValue("verifiedOn", todayIso());
    },
  });

  function submit(values: OutcomeValues) {
    setFailure(null);
    change.mutate(outcomeBody(values), {
      onSuccess: () => {
        notifySuccess(t("riskMeasures.statusChanged"));
        onClose();
      },
      onError: (error) => setFailure(applyApiErrors(form, error, t)),
    });
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <MeasureOutcomeFields form={form} evidenceCount={measure.evidenceCount} />
        <FormActions onCancel={onClose} isSaving={change.isPending} isEdit mt={0} />
      </Stack>
    </form>
  );
}
