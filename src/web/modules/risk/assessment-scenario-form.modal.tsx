import { Checkbox, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { exposureKinds } from "../../../core/risk/risk-enums.ts";
import { riskCell } from "../../../core/risk/risk-matrix.ts";
import { type RiskMatrix, type TreatmentStrategy, treatmentStrategies } from "../../../core/risk/risk-matrix.types.ts";
import { type ThreatCategory, threatCategories } from "../../../core/risk/security-levels.ts";
import { scenarioProblems } from "../../../core/risk/srm-rules.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type Assessment, type Scenario, type ScenarioFields, useSaveScenario } from "./srm-api.ts";
import { LevelChip, useLocalised } from "./srm-labels.tsx";

type ScenarioModalProps = { opened: boolean; onClose: () => void; assessment: Assessment; scenario?: Scenario };

export function ScenarioFormModal(props: ScenarioModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.scenario ? t("srm.scenarios.editTitle") : t("srm.scenarios.createTitle")}
      size="xl"
    >
      {props.opened && <ScenarioForm {...props} />}
    </FormModal>
  );
}

type Values = Omit<ScenarioFields, "inherentLikelihood" | "inherentImpact" | "residualLikelihood" | "residualImpact" | "threatCategory"> & {
  threatCategory: ThreatCategory | null;
  inherentLikelihood: string | null;
  inherentImpact: string | null;
  residualLikelihood: string | null;
  residualImpact: string | null;
};

const asNumber = (value: string | null) => (value ? Number(value) : 0);

/** The level the matrix gives, shown as the user picks likelihood and impact. */
function LiveLevel({ matrix, likelihood, impact, label }: { matrix: RiskMatrix; likelihood: string | null; impact: string | null; label: string }) {
  const { t } = useTranslation();
  const cell = likelihood && impact ? riskCell(matrix, Number(likelihood), Number(impact)) : null;
  return (
    <Group gap="xs" aria-live="polite" data-testid={`live-${label}`}>
      <Text size="sm" fw={500}>
        {t(`srm.scenarios.${label}Level`)}:
      </Text>
      {cell ? (
        <>
          <LevelChip level={cell.level} />
          {cell.score !== null && (
            <Text size="sm" c="dimmed">
              {t("srm.scenarios.score", { score: cell.score })}
            </Text>
          )}
          {cell.strategies.length > 0 && (
            <Text size="sm" c="dimmed">
              {t("srm.scenarios.suggested", { strategies: cell.strategies.map((s) => t(`srm.strategies.${s}`)).join(", ") })}
            </Text>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t("srm.scenarios.pickBoth")}
        </Text>
      )}
    </Group>
  );
}

function ScenarioForm({ assessment, scenario, onClose }: ScenarioModalProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const matrix = assessment.matrix.definition;
  const save = useSaveScenario(assessment.id, scenario?.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const text = (value: number | undefined) => (value ? String(value) : null);
  const form = useForm<Values>({
    initialValues: {
      threatCategory: scenario?.threatCategory ?? null,
      title: scenario?.title ?? "",
      description: scenario?.description ?? "",
      exposed: scenario?.exposed ?? [],
      inherentLikelihood: text(scenario?.inherentLikelihood),
      inherentImpact: text(scenario?.inherentImpact),
      residualLikelihood: text(scenario?.residualLikelihood),
      residualImpact: text(scenario?.residualImpact),
      measuresText: scenario?.measuresText ?? "",
      strategies: scenario?.strategies ?? [],
      justification: scenario?.justification ?? "",
      activityKeys: scenario?.activityKeys ?? [],
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      const required = ["threatCategory", "inherentLikelihood", "inherentImpact", "residualLikelihood", "residualImpact"] as const;
      for (const field of required) if (!values[field]) errors[field] = t("validation.required");
      if (!values.title.trim()) errors.title = t("validation.required");
      if (Object.keys(errors).length) return errors;
      const problems = scenarioProblems(matrix, numbers(values), new Set(assessment.activities.map((a) => a.key)));
      if (problems.some((problem) => problem.field === "justification")) errors.justification = t("srm.scenarios.justificationRequired");
      return errors;
    },
  });
  const values = form.getValues();
  const scaleOptions = (scale: RiskMatrix["likelihood"]) =>
    scale.map((step) => ({ value: String(step.value), label: `${step.value} – ${localised(step.label)}` }));

  function numbers(formValues: Values) {
    return {
      ...formValues,
      inherentLikelihood: asNumber(formValues.inherentLikelihood),
      inherentImpact: asNumber(formValues.inherentImpact),
      residualLikelihood: asNumber(formValues.residualLikelihood),
      residualImpact: asNumber(formValues.residualImpact),
    };
  }

  function submit(formValues: Values) {
    setFailure(null);
    save.mutate(
      {
        ...numbers(formValues),
        threatCategory: formValues.threatCategory as ThreatCategory,
        title: formValues.title.trim(),
        description: formValues.description.trim(),
        measuresText: formValues.measuresText.trim(),
        justification: formValues.justification.trim(),
      },
      {
        onSuccess: () => {
          notifySuccess(scenario ? t("srm.scenarios.updated") : t("srm.scenarios.created"));
          onClose();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  }

  const pair = (kind: "inherent" | "residual") => (
    <Paper withBorder p="sm" component="fieldset" style={{ margin: 0, minWidth: 0 }}>
      <Text component="legend" fw={600} px={4}>
        {t(`srm.scenarios.${kind}`)}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mb="xs">
        <Select
          label={t(`srm.scenarios.fields.${kind}Likelihood`)}
          required
          allowDeselect={false}
          placeholder={t("common.choose")}
          data={scaleOptions(matrix.likelihood)}
          {...form.getInputProps(`${kind}Likelihood`)}
        />
        <Select
          label={t(`srm.scenarios.fields.${kind}Impact`)}
          required
          allowDeselect={false}
          placeholder={t("common.choose")}
          data={scaleOptions(matrix.impact)}
          {...form.getInputProps(`${kind}Impact`)}
        />
      </SimpleGrid>
      <LiveLevel matrix={matrix} likelihood={values[`${kind}Likelihood`]} impact={values[`${kind}Impact`]} label={kind} />
    </Paper>
  );

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("srm.scenarios.fields.threatCategory")}
            required
            allowDeselect={false}
            placeholder={t("common.choose")}
            data={threatCategories.map((category) => ({ value: category, label: t(`srm.threatCategories.${category}`) }))}
            data-autofocus
            {...form.getInputProps("threatCategory")}
          />
          <TextInput label={t("srm.scenarios.fields.title")} required maxLength={200} {...form.getInputProps("title")} />
        </SimpleGrid>
        <Textarea label={t("srm.scenarios.fields.description")} autosize minRows={2} maxLength={20000} {...form.getInputProps("description")} />
        <Checkbox.Group label={t("srm.scenarios.fields.exposed")} {...form.getInputProps("exposed")}>
          <Group gap="md" mt={4}>
            {exposureKinds.map((kind) => (
              <Checkbox key={kind} value={kind} label={t(`srm.exposure.${kind}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        {pair("inherent")}
        <Textarea label={t("srm.scenarios.fields.measuresText")} autosize minRows={2} maxLength={20000} {...form.getInputProps("measuresText")} />
        {pair("residual")}
        <Checkbox.Group
          label={t("srm.scenarios.fields.strategies")}
          {...form.getInputProps("strategies")}
          onChange={(next) => form.setFieldValue("strategies", next as TreatmentStrategy[])}
        >
          <Group gap="md" mt={4}>
            {treatmentStrategies.map((strategy) => (
              <Checkbox key={strategy} value={strategy} label={t(`srm.strategies.${strategy}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Textarea
          label={t("srm.scenarios.fields.justification")}
          description={t("srm.scenarios.justificationHint")}
          autosize
          minRows={2}
          maxLength={20000}
          {...form.getInputProps("justification")}
        />
        <MultiSelect
          label={t("srm.scenarios.fields.activityKeys")}
          description={assessment.activities.length === 0 ? t("srm.scenarios.noActivities") : undefined}
          placeholder={values.activityKeys.length ? undefined : t("common.choose")}
          searchable
          data={assessment.activities.map((activity) => ({ value: activity.key, label: `${activity.organisationCode} · ${activity.name}` }))}
          {...form.getInputProps("activityKeys")}
        />
        <FormActions onCancel={onClose} isSaving={save.isPending} isEdit={Boolean(scenario)} mt={0} />
      </Stack>
    </form>
  );
}
