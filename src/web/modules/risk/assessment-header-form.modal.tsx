import { Select, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { todayIso } from "../../app/format.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useRiskMatrices } from "./risk-matrix-api.ts";
import { type Assessment, useCreateAssessment, useUpdateAssessment } from "./srm-api.ts";
import { useLocalised } from "./srm-labels.tsx";

type FormValues = {
  placeId: string | null;
  title: string;
  periodFrom: string;
  periodTo: string;
  reviewDueOn: string;
  matrixId: string | null;
  summary: string;
};

type HeaderModalProps = {
  opened: boolean;
  onClose: () => void;
  /** Absent: a new assessment (version 1, draft). */
  assessment?: Assessment;
  defaultPlaceId?: string;
  onSaved?: (saved: Assessment) => void;
};

/** The header of an assessment: area, title, time frame, review date, matrix and summary. */
export function AssessmentHeaderModal(props: HeaderModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={props.assessment ? t("srm.editTitle") : t("srm.createTitle")}>
      {props.opened && <HeaderForm {...props} />}
    </FormModal>
  );
}

const inMonths = (from: string, months: number) => {
  const date = new Date(`${from}T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
};

function HeaderForm({ assessment, defaultPlaceId, onClose, onSaved }: HeaderModalProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const create = useCreateAssessment();
  const update = useUpdateAssessment(assessment?.id ?? "");
  const matrices = useRiskMatrices();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const today = todayIso();
  const form = useForm<FormValues>({
    initialValues: {
      placeId: assessment?.placeId ?? defaultPlaceId ?? null,
      title: assessment?.title ?? "",
      periodFrom: assessment?.periodFrom ?? today,
      periodTo: assessment?.periodTo ?? inMonths(today, 12),
      reviewDueOn: assessment?.reviewDueOn ?? inMonths(today, 6),
      matrixId: null,
      summary: assessment?.summary ?? "",
    },
    validate: {
      placeId: (value) => (value ? null : t("validation.required")),
      title: (value) => (value.trim() ? null : t("validation.required")),
      periodFrom: (value) => (value ? null : t("validation.required")),
      periodTo: (value, values) =>
        !value ? t("validation.required") : value < values.periodFrom ? t("srm.periodOrder") : null,
      reviewDueOn: (value) => (value ? null : t("validation.required")),
    },
  });

  function submit(values: FormValues) {
    setFailure(null);
    const header = {
      title: values.title.trim(),
      periodFrom: values.periodFrom,
      periodTo: values.periodTo,
      reviewDueOn: values.reviewDueOn,
      summary: values.summary.trim(),
    };
    const options = {
      onSuccess: (saved: Assessment) => {
        notifySuccess(assessment ? t("srm.updated") : t("srm.created"));
        onSaved?.(saved);
        onClose();
      },
      onError: (error: unknown) => setFailure(applyApiErrors(form, error, t)),
    };
    if (assessment) update.mutate(header, options);
    else
      create.mutate(
        { ...header, placeId: values.placeId as string, ...(values.matrixId ? { matrixId: values.matrixId } : {}) },
        options,
      );
  }

  const matrixOptions = (matrices.data?.items ?? []).map((matrix) => ({
    value: matrix.id,
    label: `${localised(matrix.name)} · v${matrix.version}${matrix.isDefault ? ` (${t("riskMatrices.default")})` : ""}`,
  }));

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <PlaceSelect
          label={t("srm.fields.area")}
          description={assessment ? undefined : t("srm.areaHint")}
          required
          disabled={Boolean(assessment)}
          kinds={["designated_area", "security_area"]}
          data-autofocus={assessment ? undefined : true}
          {...form.getInputProps("placeId")}
        />
        <TextInput label={t("srm.fields.title")} required maxLength={200} {...form.getInputProps("title")} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput type="date" label={t("srm.fields.periodFrom")} required {...form.getInputProps("periodFrom")} />
          <TextInput type="date" label={t("srm.fields.periodTo")} required {...form.getInputProps("periodTo")} />
          <TextInput type="date" label={t("srm.fields.reviewDueOn")} required {...form.getInputProps("reviewDueOn")} />
        </SimpleGrid>
        {!assessment && (
          <Select
            label={t("srm.fields.matrix")}
            description={t("srm.matrixHint")}
            clearable
            placeholder={t("srm.defaultMatrix")}
            data={matrixOptions}
            {...form.getInputProps("matrixId")}
          />
        )}
        <Textarea label={t("srm.fields.summary")} autosize minRows={3} maxRows={12} maxLength={20000} {...form.getInputProps("summary")} />
        <FormActions onCancel={onClose} isSaving={create.isPending || update.isPending} isEdit={Boolean(assessment)} mt={0} />
      </Stack>
    </form>
  );
}
