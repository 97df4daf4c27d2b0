import { Checkbox, Select, Stack, TagsInput, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type Zone, useWardenAppointments, useZoneMutations } from "./zones.api.ts";

type ZoneValues = { securityAreaId: string | null; name: string; localities: string[]; notes: string };

/** Drawing a zone or changing it (the polygon is kept as it is: it is drawn through the API for now). */
export function ZoneFormModal({ zone, defaultAreaId, opened, onClose }: { zone: Zone | null; defaultAreaId: string | null; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { save } = useZoneMutations();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<ZoneValues>({
    initialValues: { securityAreaId: null, name: "", localities: [], notes: "" },
    validate: {
      securityAreaId: (value) => (value ? null : t("validation.required")),
      name: (value) => (value.trim() ? null : t("validation.required")),
    },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form is filled anew each time the modal opens.
  useEffect(() => {
    if (!opened) return;
    setFailure(null);
    form.setValues({ name: zone?.name ?? "", localities: zone?.localities ?? [], notes: zone?.notes ?? "" });
    form.setFieldValue("securityAreaId", zone?.securityAreaId ?? defaultAreaId);
    form.resetDirty();
  }, [opened, zone, defaultAreaId]);
  const submit = (values: ZoneValues) => {
    setFailure(null);
    save.mutate(
      { id: zone?.id ?? null, body: { securityAreaId: values.securityAreaId as string, name: values.name.trim(), localities: values.localities, notes: values.notes.trim() || null } },
      {
        onSuccess: (saved) => {
          notifySuccess(t("zones.saved", { name: saved.name }));
          onClose();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  };
  return (
    <FormModal opened={opened} onClose={onClose} title={zone ? t("zones.edit") : t("zones.new")}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <FormErrorAlert failure={failure} />
          <PlaceSelect kinds={["security_area"]} label={t("zones.area")} required disabled={Boolean(zone)} {...form.getInputProps("securityAreaId")} />
          <TextInput label={t("zones.fields.name")} required maxLength={120} data-autofocus {...form.getInputProps("name")} />
          <TagsInput label={t("zones.fields.localities")} description={t("zones.fields.localitiesHint")} maxTags={100} clearable {...form.getInputProps("localities")} />
          <Textarea label={t("zones.fields.notes")} description={t("zones.fields.notesHint")} autosize minRows={2} maxLength={2000} {...form.getInputProps("notes")} />
          <FormActions onCancel={onClose} isSaving={save.isPending} isEdit={Boolean(zone)} />
        </Stack>
      </form>
    </FormModal>
  );
}

/** Naming one of the area's warden appointments as the zone's warden or a deputy. */
export function WardenFormModal({ zone, onClose }: { zone: Zone | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { nameWarden } = useZoneMutations();
  const appointments = useWardenAppointments(zone?.securityAreaId ?? null, zone !== null);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm({ initialValues: { appointmentId: null as string | null, isDeputy: false }, validate: { appointmentId: (value) => (value ? null : t("validation.required")) } });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = (values: typeof form.values) => {
    if (!zone) return;
    nameWarden.mutate(
      { id: zone.id, appointmentId: values.appointmentId as string, isDeputy: values.isDeputy },
      { onSuccess: close, onError: (error) => setFailure(applyApiErrors(form, error, t)) },
    );
  };
  const options = (appointments.data?.items ?? []).map((appointment) => ({ value: appointment.id, label: `${appointment.personName} — ${appointment.placeName}` }));
  return (
    <FormModal opened={zone !== null} onClose={close} title={`${t("zones.nameWarden")}${zone ? ` — ${zone.name}` : ""}`} size="md">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <FormErrorAlert failure={failure} />
          <Select
            label={t("zones.wardenAppointment")}
            description={t("zones.wardenAppointmentHint")}
            required
            searchable
            data={options}
            placeholder={appointments.isPending ? t("common.loading") : undefined}
            nothingFoundMessage={t("common.nothingFound")}
            {...form.getInputProps("appointmentId")}
          />
          <Checkbox label={t("zones.isDeputy")} {...form.getInputProps("isDeputy", { type: "checkbox" })} />
          <FormActions onCancel={close} isSaving={nameWarden.isPending} submitLabel={t("zones.nameWarden")} />
        </Stack>
      </form>
    </FormModal>
  );
}
