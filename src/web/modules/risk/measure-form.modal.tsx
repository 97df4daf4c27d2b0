import { NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isMeasureDone, type MeasureCategory, type MeasureKind, type MeasureStatus, measureCategories, measureKinds } from "../../../core/risk/risk-enums.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useCategoryLabel } from "./measure-badges.component.tsx";
import { useOwnOrganisation } from "./measure-own-organisation.ts";
import { type Measure, type MeasureBody, useSaveMeasure } from "./measure-records.api.ts";
import { MeasureOutcomeFields, type OutcomeValues, outcomeBody, outcomeValues } from "./measure-outcome-fields.component.tsx";

type FormValues = OutcomeValues & {
  kind: MeasureKind;
  placeId: string | null;
  organisationId: string | null;
  category: MeasureCategory | "";
  title: string;
  description: string;
  ownerName: string;
  dueOn: string;
  costAmount: number | string;
  costCurrency: string;
};

type MeasureFormModalProps = {
  opened: boolean;
  onClose: () => void;
  measure?: Measure;
  defaultPlaceId?: string;
  onSaved?: (saved: Measure) => void;
};

export function MeasureFormModal(props: MeasureFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={props.measure ? t("riskMeasures.editTitle") : t("riskMeasures.createTitle")}>
      {props.opened && <MeasureForm {...props} />}
    </FormModal>
  );
}

const blankToNull = (value: string) => value.trim() || null;

function MeasureForm({ measure, defaultPlaceId, onClose, onSaved }: MeasureFormModalProps) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const save = useSaveMeasure(measure?.id);
  const own = useOwnOrganisation("measure.update");
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const isEdit = Boolean(measure);
  const form = useForm<FormValues>({
    initialValues: {
      kind: measure?.kind ?? (own.isOrganisationOnly ? "organisation" : "area"),
      placeId: measure?.placeId ?? defaultPlaceId ?? null,
      organisationId: measure?.organisationId ?? (own.isOrganisationOnly ? own.organisationId : null),
      category: measure?.category ?? "",
      title: measure?.title ?? "",
      description: measure?.description ?? "",
      ownerName: measure?.ownerName ?? "",
      dueOn: measure?.dueOn ?? "",
      costAmount: measure?.costAmount ?? "",
      costCurrency: measure?.costCurrency ?? "",
      ...outcomeValues(measure),
    },
    validate: {
      placeId: (value) => (value ? null : t("validation.required")),
      organisationId: (value, values) => (values.kind === "organisation" && !value ? t("riskMeasures.organisationRequired") : null),
      category: (value) => (value ? null : t("validation.required")),
      title: (value) => (value.trim() ? null : t("validation.required")),
      ownerName: (value) => (value.trim() ? null : t("validation.required")),
      dueOn: (value) => (value ? null : t("validation.required")),
      implementedOn: (value, values) => (isMeasureDone(values.status as MeasureStatus) && !value ? t("validation.required") : null),
      verifiedOn: (value, values) => (values.status === "verified" && !value ? t("validation.required") : null),
    },
  });
  const values = form.getValues();
  const kinds = own.isOrganisationOnly ? (["organisation"] as const) : measureKinds;

  function submit(formValues: FormValues) {
    setFailure(null);
    const hasCost = formValues.costAmount !== "" && formValues.costAmount !== null;
    const body: MeasureBody = {
      kind: formValues.kind,
      placeId: formValues.placeId as string,
      organisationId: formValues.organisationId,
      category: formValues.category as MeasureCategory,
      title: formValues.title.trim(),
      description: formValues.description.trim(),
      ownerName: formValues.ownerName.trim(),
      dueOn: formValues.dueOn,
      costAmount: hasCost ? Number(formValues.costAmount) : null,
      costCurrency: blankToNull(formValues.costCurrency.toUpperCase()),
      ...outcomeBody(formValues),
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        notifySuccess(isEdit ? t("riskMeasures.updated") : t("riskMeasures.created"));
        onSaved?.(saved);
        onClose();
      },
      onError: (error) => setFailure(applyApiErrors(form, error, t)),
    });
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("riskMeasures.fields.kind")}
            description={t(`riskMeasures.kindHints.${values.kind}`)}
            required
            allowDeselect={false}
            data={kinds.map((kind) => ({ value: kind, label: t(`riskMeasures.kinds.${kind}`) }))}
            data-autofocus
            {...form.getInputProps("kind")}
          />
          <PlaceSelect
            label={t("riskMeasures.fields.placeId")}
            description={isEdit ? t("riskMeasures.placeFixed") : undefined}
            kinds={["designated_area", "security_area"]}
            required
            disabled={isEdit}
            {...form.getInputProps("placeId")}
          />
          <OrganisationSelect
            label={t("riskMeasures.fields.organisationId")}
            description={t("riskMeasures.organisationHint")}
            required={values.kind === "organisation"}
            disabled={own.isOrganisationOnly}
            {...form.getInputProps("organisationId")}
          />
          <Select
            label={t("riskMeasures.fields.category")}
            placeholder={t("common.choose")}
            required
            allowDeselect={false}
            data={measureCategories.map((category) => ({ value: category, label: categoryLabel(category) }))}
            {...form.getInputProps("category")}
          />
        </SimpleGrid>
        <TextInput label={t("riskMeasures.fields.title")} required maxLength={200} {...form.getInputProps("title")} />
        <Textarea label={t("riskMeasures.fields.description")} autosize minRows={2} maxLength={5000} {...form.getInputProps("description")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("riskMeasures.fields.ownerName")} description={t("riskMeasures.ownerHint")} required maxLength={200} {...form.getInputProps("ownerName")} />
          <TextInput type="date" label={t("riskMeasures.fields.dueOn")} required {...form.getInputProps("dueOn")} />
          <NumberInput
            label={t("riskMeasures.fields.costAmount")}
            min={0}
            decimalScale={2}
            thousandSeparator=" "
            allowNegative={false}
            {...form.getInputProps("costAmount")}
          />
          <TextInput
            label={t("riskMeasures.fields.costCurrency")}
            description={t("riskMeasures.currencyHint")}
            maxLength={3}
            styles={{ input: { textTransform: "uppercase" } }}
            {...form.getInputProps("costCurrency")}
          />
        </SimpleGrid>
        <MeasureOutcomeFields form={form} evidenceCount={measure?.evidenceCount ?? 0} />
        <FormActions onCancel={onClose} isSaving={save.isPending} isEdit={isEdit} mt={0} />
      </Stack>
    </form>
  );
}
