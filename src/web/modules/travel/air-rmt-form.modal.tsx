import { Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../app/components/notify.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type PlaceChoice, TravelPlaceSelect } from "./travel-place-select.component.tsx";
import { useAirMutations, useDefaultMatrix, useOperators, useRmtPolicies } from "./air.api.ts";

type Values = {
  operatorId: string | null;
  organisationId: string | null;
  from: PlaceChoice | null;
  to: PlaceChoice | null;
  likelihood: string | null;
  impact: string | null;
  justification: string;
  mitigations: string;
  validFrom: string;
  validUntil: string;
};

const required = (message: string) => (value: unknown) => (typeof value === "string" ? value.trim() : value) ? null : message;

/** Filing a Risk Management Tool assessment for a Conditional operator on a route (POST /api/air/rmts). */
export function RmtFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith("fr") ? "fr" : "en";
  const { fileRmt } = useAirMutations();
  const operators = useOperators({ category: "conditional", page: 1, pageSize: 200 }, opened);
  const organisations = useRmtPolicies();
  const matrix = useDefaultMatrix();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const requiredText = required(t("validation.required"));
  const form = useForm<Values>({
    initialValues: { operatorId: null, organisationId: null, from: null, to: null, likelihood: null, impact: null, justification: "", mitigations: "", validFrom: "", validUntil: "" },
    validate: {
      operatorId: requiredText,
      organisationId: requiredText,
      from: requiredText,
      to: requiredText,
      likelihood: requiredText,
      impact: requiredText,
      justification: requiredText,
      mitigations: requiredText,
      validFrom: requiredText,
      validUntil: requiredText,
    },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const scale = (steps: { value: number; label: { en: string; fr: string } }[] | undefined) =>
    (steps ?? []).map((step) => ({ value: String(step.value), label: `${step.value} · ${step.label[language]}` }));
  const submit = (values: Values) => {
    setFailure(null);
    fileRmt.mutate(
      {
        operatorId: values.operatorId as string,
        organisationId: values.organisationId as string,
        fromPlaceId: values.from?.id as string,
        toPlaceId: values.to?.id as string,
        likelihood: Number(values.likelihood),
        impact: Number(values.impact),
        justification: values.justification.trim(),
        mitigations: values.mitigations.trim(),
        validFrom: values.validFrom,
        validUntil: values.validUntil,
      },
      {
        onSuccess: (rmt) => {
          notifySuccess(t("airTravel.rmts.filed", { level: rmt.levelLabel[language] }));
          close();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t, { fromPlaceId: "from", toPlaceId: "to" })),
      },
    );
  };
  return (
    <FormModal opened={opened} onClose={close} title={t("airTravel.rmts.file")}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <FormErrorAlert failure={failure} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("airTravel.fields.operator")}
              placeholder={t("airTravel.rmts.operatorHint")}
              required
              searchable
              data={(operators.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
              {...form.getInputProps("operatorId")}
            />
            <Select
              label={t("airTravel.fields.organisation")}
              required
              searchable
              data={(organisations.data?.items ?? []).map((item) => ({ value: item.organisationId, label: item.code }))}
              {...form.getInputProps("organisationId")}
            />
            <TravelPlaceSelect label={t("airTravel.fields.from")} required value={form.values.from} error={form.errors.from} onChange={(place) => form.setFieldValue("from", place)} />
            <TravelPlaceSelect label={t("airTravel.fields.to")} required value={form.values.to} error={form.errors.to} onChange={(place) => form.setFieldValue("to", place)} />
            <Select label={t("airTravel.fields.likelihood")} required data={scale(matrix.data?.definition.likelihood)} {...form.getInputProps("likelihood")} />
            <Select label={t("airTravel.fields.impact")} required data={scale(matrix.data?.definition.impact)} {...form.getInputProps("impact")} />
            <TextInput type="date" label={t("airTravel.fields.validFrom")} required {...form.getInputProps("validFrom")} />
            <TextInput type="date" label={t("airTravel.fields.validUntil")} required {...form.getInputProps("validUntil")} />
          </SimpleGrid>
          <Textarea label={t("airTravel.fields.justification")} description={t("airTravel.rmts.justificationHint")} required autosize minRows={2} maxLength={2000} {...form.getInputProps("justification")} />
          <Textarea label={t("airTravel.fields.mitigations")} required autosize minRows={2} maxLength={2000} {...form.getInputProps("mitigations")} />
          <FormActions onCancel={close} isSaving={fileRmt.isPending} submitLabel={t("airTravel.rmts.submit")} />
        </Stack>
      </form>
    </FormModal>
  );
}
