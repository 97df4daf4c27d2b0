import { Alert, FileInput, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconFileUpload, IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { type AppointmentRole, appointmentRoles, roleRules } from "../../app/domain.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { usePlaceTree } from "../../app/reference-data.ts";
import { type Appointment, useSaveAppointment, useUploadLetter } from "./appointments.api.ts";

type FormValues = {
  personId: string | null;
  role: AppointmentRole | "";
  placeId: string | null;
  organisationId: string | null;
  startsOn: string;
  endsOn: string;
  appointedBy: string;
  letterNumber: string;
  letterDate: string;
  notes: string;
  letterFile: File | null;
};

type AppointmentFormModalProps = {
  opened: boolean;
  onClose: () => void;
  appointment?: Appointment;
  defaultPlaceId?: string;
  defaultPersonId?: string;
  defaultPersonName?: string;
  onSaved?: (appointment: Appointment) => void;
};

export const letterAccept = "application/pdf,image/png,image/jpeg";

export function AppointmentFormModal(props: AppointmentFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.appointment ? t("appointments.editTitle") : t("appointments.createTitle")}
    >
      {props.opened && <AppointmentForm {...props} />}
    </FormModal>
  );
}

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

function AppointmentForm({
  appointment,
  defaultPlaceId,
  defaultPersonId,
  defaultPersonName,
  onClose,
  onSaved,
}: AppointmentFormModalProps) {
  const { t } = useTranslation();
  const save = useSaveAppointment(appointment?.id);
  const upload = useUploadLetter();
  const { byId } = usePlaceTree();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const isEdit = Boolean(appointment);
  const form = useForm<FormValues>({
    initialValues: {
      personId: appointment?.personId ?? defaultPersonId ?? null,
      role: appointment?.role ?? "",
      placeId: appointment?.placeId ?? defaultPlaceId ?? null,
      organisationId: appointment?.organisationId ?? null,
      startsOn: appointment?.startsOn ?? "",
      endsOn: appointment?.endsOn ?? "",
      appointedBy: appointment?.appointedBy ?? "",
      letterNumber: appointment?.letterNumber ?? "",
      letterDate: appointment?.letterDate ?? "",
      notes: appointment?.notes ?? "",
      letterFile: null,
    },
    validate: {
      personId: (value) => (value ? null : t("validation.required")),
      role: (value) => (value ? null : t("validation.required")),
      placeId: (value, values) => {
        if (!value) return t("validation.required");
        const place = byId.get(value);
        if (place && values.role && !roleRules[values.role].placeKinds.includes(place.kind)) {
          return t("appointments.wrongPlaceKind");
        }
        return null;
      },
      organisationId: (value, values) =>
        values.role && roleRules[values.role].hasOrganisation && !value ? t("validation.required") : null,
      startsOn: (value) => (value ? null : t("validation.required")),
      endsOn: (value, values) =>
        value && values.startsOn && value < values.startsOn ? t("appointments.endBeforeStart") : null,
      appointedBy: (value) => (value.trim() ? null : t("validation.required")),
    },
  });
  const values = form.getValues();
  const rule = values.role ? roleRules[values.role] : null;

  async function submit(formValues: FormValues) {
    setFailure(null);
    const role = formValues.role as AppointmentRole;
    const body = {
      personId: formValues.personId as string,
      role,
      placeId: formValues.placeId as string,
      organisationId: roleRules[role].hasOrganisation ? formValues.organisationId : null,
      startsOn: formValues.startsOn,
      endsOn: blankToNull(formValues.endsOn),
      appointedBy: formValues.appointedBy.trim(),
      letterNumber: blankToNull(formValues.letterNumber),
      letterDate: blankToNull(formValues.letterDate),
      notes: blankToNull(formValues.notes),
    };
    let saved: Appointment;
    try {
      saved = await save.mutateAsync(body);
    } catch (error) {
      setFailure(applyApiErrors(form, error, t));
      return;
    }
    // The letter can only be attached to an appointment that exists, so it goes second.
    if (formValues.letterFile) {
      try {
        await upload.mutateAsync({ id: saved.id, file: formValues.letterFile });
      } catch (error) {
        notifyError(error, t("appointments.letterUploadFailed"));
      }
    }
    notifySuccess(isEdit ? t("appointments.updated") : t("appointments.created"));
    onSaved?.(saved);
    onClose();
  }

  const isConflict = isApiError(failure?.error) && failure.error.status === 409;

  return (
    <form onSubmit={form.onSubmit((formValues) => void submit(formValues))} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        {isConflict && (
          <Alert color="orange" icon={<IconInfoCircle aria-hidden />}>
            {t("appointments.overlapHint")}
          </Alert>
        )}
        <PersonPicker
          label={t("fields.person")}
          required
          disabled={isEdit}
          selectedName={appointment?.personName ?? defaultPersonName}
          value={values.personId}
          error={form.errors.personId}
          onChange={(id) => form.setFieldValue("personId", id)}
        />
        <Select
          placeholder={t("common.choose")}
          label={t("fields.role")}
          required
          disabled={isEdit}
          searchable
          data={appointmentRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          allowDeselect={false}
          {...form.getInputProps("role")}
          onChange={(value) => {
            form.setFieldValue("role", (value ?? "") as AppointmentRole | "");
            const place = values.placeId ? byId.get(values.placeId) : undefined;
            if (value && place && !roleRules[value as AppointmentRole].placeKinds.includes(place.kind)) {
              form.setFieldValue("placeId", null);
            }
          }}
        />
        <PlaceSelect
          label={t("fields.place")}
          required
          disabled={isEdit}
          kinds={rule?.placeKinds}
          description={
            rule
              ? t("appointments.placeKindsHint", {
                  kinds: rule.placeKinds.map((kind) => t(`placeKinds.${kind}`)).join(", "),
                })
              : undefined
          }
          {...form.getInputProps("placeId")}
        />
        {rule?.hasOrganisation && (
          <OrganisationSelect label={t("fields.organisation")} required {...form.getInputProps("organisationId")} />
        )}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput type="date" label={t("fields.startsOn")} required {...form.getInputProps("startsOn")} />
          <TextInput
            type="date"
            label={t("fields.endsOn")}
            description={t("appointments.endsOnHint")}
            min={values.startsOn || undefined}
            {...form.getInputProps("endsOn")}
          />
        </SimpleGrid>
        <TextInput
          label={t("fields.appointedBy")}
          required
          maxLength={200}
          placeholder={t("appointments.appointedByPlaceholder")}
          {...form.getInputProps("appointedBy")}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t("fields.letterNumber")} maxLength={80} {...form.getInputProps("letterNumber")} />
          <TextInput type="date" label={t("fields.letterDate")} {...form.getInputProps("letterDate")} />
        </SimpleGrid>
        <FileInput
          label={isEdit && appointment?.hasLetter ? t("appointments.replaceLetter") : t("fields.letter")}
          description={t("appointments.letterHint")}
          accept={letterAccept}
          clearable
          leftSection={<IconFileUpload size={16} aria-hidden />}
          placeholder={t("appointments.chooseFile")}
          {...form.getInputProps("letterFile")}
        />
        <Textarea
          label={t("fields.notes")}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={2000}
          {...form.getInputProps("notes")}
        />
        <FormActions onCancel={onClose} isSaving={save.isPending || upload.isPending} isEdit={isEdit} />
      </Stack>
    </form>
  );
}
