import { SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type InvestigationStatus,
  investigationStatuses,
  type JudicialStatus,
  judicialStatuses,
  type PerpetratorKind,
  perpetratorKinds,
} from "../../../core/victims/victim-enums.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { IncidentPicker } from "./incident-picker.component.tsx";
import { useSaveVictimCase, type VictimCase } from "./victims.api.ts";

type VictimSource = "person" | "name";

type FormValues = {
  incidentId: string | null;
  victimSource: VictimSource;
  victimPersonId: string | null;
  victimName: string;
  perpetratorKind: PerpetratorKind | "";
  perpetratorDetail: string;
  investigationStatus: InvestigationStatus;
  judicialStatus: JudicialStatus;
  nextOfKinFocalPointName: string;
  nextOfKinFocalPointContact: string;
  notes: string;
};

type VictimCaseFormModalProps = {
  opened: boolean;
  onClose: () => void;
  victimCase?: VictimCase;
  /** Opened from an incident's page: the incident is given and not picked. */
  incidentId?: string;
  onSaved?: (saved: VictimCase) => void;
};

export function VictimCaseFormModal(props: VictimCaseFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.victimCase ? t("victims.editTitle") : t("victims.createTitle")}
    >
      {props.opened && <VictimCaseForm {...props} />}
    </FormModal>
  );
}

const blankToNull = (value: string) => value.trim() || null;

function VictimCaseForm({ victimCase, incidentId, onClose, onSaved }: VictimCaseFormModalProps) {
  const { t } = useTranslation();
  const save = useSaveVictimCase(victimCase?.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const isEdit = Boolean(victimCase);
  const form = useForm<FormValues>({
    initialValues: {
      incidentId: victimCase?.incidentId ?? incidentId ?? null,
      victimSource: victimCase && !victimCase.victimPersonId ? "name" : "person",
      victimPersonId: victimCase?.victimPersonId ?? null,
      victimName: victimCase?.victimName ?? "",
      perpetratorKind: victimCase?.perpetratorKind ?? "",
      perpetratorDetail: victimCase?.perpetratorDetail ?? "",
      investigationStatus: victimCase?.investigationStatus ?? "not_reported",
      judicialStatus: victimCase?.judicialStatus ?? "none",
      nextOfKinFocalPointName: victimCase?.nextOfKinFocalPointName ?? "",
      nextOfKinFocalPointContact: victimCase?.nextOfKinFocalPointContact ?? "",
      notes: victimCase?.notes ?? "",
    },
    validate: {
      incidentId: (value) => (value ? null : t("validation.required")),
      victimPersonId: (value, values) => (values.victimSource === "person" && !value ? t("validation.required") : null),
      victimName: (value, values) => (values.victimSource === "name" && !value.trim() ? t("validation.required") : null),
      perpetratorKind: (value) => (value ? null : t("validation.required")),
    },
  });
  const values = form.getValues();
  const options = <T extends string>(list: readonly T[], namespace: string) =>
    list.map((value) => ({ value, label: t(`victims.${namespace}.${value}`) }));

  function submit(formValues: FormValues) {
    setFailure(null);
    const isPerson = formValues.victimSource === "person";
    save.mutate(
      {
        incidentId: formValues.incidentId as string,
        victimPersonId: isPerson ? formValues.victimPersonId : null,
        victimName: isPerson ? null : formValues.victimName.trim(),
        perpetratorKind: formValues.perpetratorKind as PerpetratorKind,
        perpetratorDetail: blankToNull(formValues.perpetratorDetail),
        investigationStatus: formValues.investigationStatus,
        judicialStatus: formValues.judicialStatus,
        nextOfKinFocalPointName: blankToNull(formValues.nextOfKinFocalPointName),
        nextOfKinFocalPointContact: blankToNull(formValues.nextOfKinFocalPointContact),
        notes: blankToNull(formValues.notes),
      },
      {
        onSuccess: (saved) => {
          notifySuccess(isEdit ? t("victims.updated") : t("victims.created"));
          onSaved?.(saved);
          onClose();
        },
        // With the incident given (not picked), a problem with it is shown above the form.
        onError: (error) => setFailure(applyApiErrors(form, error, t, incidentId ? { incidentId: "incident" } : {})),
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        {!isEdit && !incidentId && (
          <IncidentPicker
            label={t("victims.fields.incident")}
            description={t("victims.incidentHint")}
            required
            data-autofocus
            {...form.getInputProps("incidentId")}
          />
        )}
        <Stack gap={6}>
          <Text size="sm" fw={500} id="victim-source-label">
            {t("victims.fields.victim")}
          </Text>
          <SegmentedControl
            aria-labelledby="victim-source-label"
            data={[
              { value: "person", label: t("victims.victimSource.person") },
              { value: "name", label: t("victims.victimSource.name") },
            ]}
            {...form.getInputProps("victimSource")}
          />
          {values.victimSource === "person" ? (
            <PersonPicker
              label={t("victims.fields.victimPersonId")}
              description={t("victims.victimPersonHint")}
              required
              value={values.victimPersonId}
              selectedName={victimCase?.victimPersonId ? victimCase.victimName : null}
              error={form.errors.victimPersonId}
              onChange={(personId) => form.setFieldValue("victimPersonId", personId)}
            />
          ) : (
            <TextInput
              label={t("victims.fields.victimName")}
              description={t("victims.victimNameHint")}
              required
              maxLength={200}
              {...form.getInputProps("victimName")}
            />
          )}
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("victims.fields.perpetratorKind")}
            placeholder={t("common.choose")}
            required
            allowDeselect={false}
            data={options(perpetratorKinds, "perpetratorKinds")}
            {...form.getInputProps("perpetratorKind")}
          />
          <TextInput
            label={t("victims.fields.perpetratorDetail")}
            maxLength={1000}
            {...form.getInputProps("perpetratorDetail")}
          />
          <Select
            label={t("victims.fields.investigationStatus")}
            allowDeselect={false}
            data={options(investigationStatuses, "investigationStatuses")}
            {...form.getInputProps("investigationStatus")}
          />
          <Select
            label={t("victims.fields.judicialStatus")}
            allowDeselect={false}
            data={options(judicialStatuses, "judicialStatuses")}
            {...form.getInputProps("judicialStatus")}
          />
          <TextInput
            label={t("victims.fields.nextOfKinFocalPointName")}
            description={t("victims.nextOfKinHint")}
            maxLength={200}
            {...form.getInputProps("nextOfKinFocalPointName")}
          />
          <TextInput
            label={t("victims.fields.nextOfKinFocalPointContact")}
            maxLength={200}
            {...form.getInputProps("nextOfKinFocalPointContact")}
          />
        </SimpleGrid>
        <Textarea label={t("victims.fields.notes")} autosize minRows={2} maxLength={5000} {...form.getInputProps("notes")} />
        <FormActions onCancel={onClose} isSaving={save.isPending} isEdit={isEdit} mt={0} />
      </Stack>
    </form>
  );
}
