import { Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { operatorKinds } from "../../../core/travel/air.ts";
import { operatorCategories } from "../../../core/travel/clearance.ts";
import { notifySuccess } from "../../app/components/notify.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type CategoryBody, useAirMutations } from "./air.api.ts";

type CategoryValues = { category: string; effectiveFrom: string; source: string; note: string };
const today = () => new Date().toISOString().slice(0, 10);
const blankCategory = (): CategoryValues => ({ category: "unrestricted", effectiveFrom: today(), source: "", note: "" });
const categoryBody = (values: CategoryValues): CategoryBody => ({
  category: values.category as CategoryBody["category"],
  effectiveFrom: values.effectiveFrom,
  source: values.source.trim(),
  note: values.note.trim() || null,
});

/** The category fields, shared by a new operator (its first category) and a change of category. */
function CategoryFields({ form, prefix }: { form: { getInputProps: (path: string) => object }; prefix: string }) {
  const { t } = useTranslation();
  const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t("airTravel.fields.category")}
          required
          allowDeselect={false}
          data={operatorCategories.map((value) => ({ value, label: t(`airTravel.category.${value}`) }))}
          {...form.getInputProps(at("category"))}
        />
        <TextInput type="date" label={t("airTravel.fields.effectiveFrom")} required {...form.getInputProps(at("effectiveFrom"))} />
      </SimpleGrid>
      <TextInput label={t("airTravel.fields.source")} description={t("airTravel.operators.sourceHint")} required maxLength={300} {...form.getInputProps(at("source"))} />
      <Textarea label={t("airTravel.fields.note")} autosize minRows={2} maxLength={1000} {...form.getInputProps(at("note"))} />
    </>
  );
}

/** Adding an operator to the register, with its first category (POST /api/air/operators). */
export function OperatorFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { createOperator } = useAirMutations();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm({
    initialValues: { name: "", kind: "airline", country: "", notes: "", initialCategory: blankCategory() },
    validate: {
      name: (value) => (value.trim() ? null : t("validation.required")),
      initialCategory: { source: (value) => (value.trim() ? null : t("validation.required")) },
    },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = (values: typeof form.values) => {
    setFailure(null);
    createOperator.mutate(
      {
        name: values.name.trim(),
        kind: values.kind as (typeof operatorKinds)[number],
        country: values.country.trim().toUpperCase() || null,
        notes: values.notes.trim() || null,
        initialCategory: categoryBody(values.initialCategory),
      },
      {
        onSuccess: (operator) => {
          notifySuccess(t("airTravel.operators.added", { name: operator.name }));
          close();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  };
  return (
    <FormModal opened={opened} onClose={close} title={t("airTravel.operators.add")}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <FormErrorAlert failure={failure} />
          <TextInput label={t("airTravel.fields.name")} required maxLength={200} data-autofocus {...form.getInputProps("name")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("airTravel.fields.kind")}
              required
              allowDeselect={false}
              data={operatorKinds.map((value) => ({ value, label: t(`airTravel.kind.${value}`) }))}
              {...form.getInputProps("kind")}
            />
            <TextInput label={t("airTravel.fields.country")} description={t("airTravel.operators.countryHint")} maxLength={2} {...form.getInputProps("country")} />
          </SimpleGrid>
          <CategoryFields form={form} prefix="initialCategory" />
          <FormActions onCancel={close} isSaving={createOperator.isPending} />
        </Stack>
      </form>
    </FormModal>
  );
}

/** Recording a new category from a date (POST /api/air/operators/:id/categories): the history keeps every row. */
export function CategoryFormModal({ operatorId, opened, onClose }: { operatorId: string; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { recordCategory } = useAirMutations();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm({ initialValues: blankCategory(), validate: { source: (value) => (value.trim() ? null : t("validation.required")) } });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = (values: CategoryValues) => {
    setFailure(null);
    recordCategory.mutate(
      { id: operatorId, body: categoryBody(values) },
      {
        onSuccess: () => {
          notifySuccess(t("airTravel.operators.recorded"));
          close();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  };
  return (
    <FormModal opened={opened} onClose={close} title={t("airTravel.operators.recordCategory")} size="md">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="sm">
          <FormErrorAlert failure={failure} />
          <CategoryFields form={form} prefix="" />
          <FormActions onCancel={close} isSaving={recordCategory.isPending} submitLabel={t("airTravel.operators.record")} />
        </Stack>
      </form>
    </FormModal>
  );
}
