import { Alert, Card, ColorInput, Group, List, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { matrixWarnings } from "../../../core/risk/risk-matrix.ts";
import { acceptabilityClasses, type RiskMatrix } from "../../../core/risk/risk-matrix.types.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { LevelLegend, MatrixGrid } from "./heat-map.component.tsx";
import { type RiskMatrixEditResult, type RiskMatrixInput, type RiskMatrixRecord, useSaveRiskMatrix } from "./risk-matrix-api.ts";
import { useLocalised } from "./srm-labels.tsx";

type EditorProps = { matrix: RiskMatrixRecord; onCancel: () => void; onSaved: (saved: RiskMatrixEditResult) => void };

/** A deep, mutable copy of the definition to edit (the form changes nested arrays in place by path). */
function editable(definition: RiskMatrix): RiskMatrixInput {
  const { version: _version, ...rest } = structuredClone(definition);
  // Always a string, so the field is controlled and an API issue on it lands beside it.
  return { ...rest, justification: rest.justification ?? "" } as RiskMatrixInput;
}

/** Level names and colours, scale labels and the grid's cells; saving a frozen version makes a new one. */
export function RiskMatrixEditor({ matrix, onCancel, onSaved }: EditorProps) {
  const { t, i18n } = useTranslation();
  const localised = useLocalised();
  const save = useSaveRiskMatrix(matrix.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<RiskMatrixInput>({ initialValues: editable(matrix.definition) });
  const values = form.getValues();
  const preview: RiskMatrix = { ...values, version: matrix.version };
  const gridErrors = Object.entries(form.errors).filter(([field]) => field.startsWith("grid"));
  // "levels" as a whole (two levels share a code) has no input of its own.
  const levelsError = form.errors.levels;
  const language = i18n.language.startsWith("fr") ? "fr" : "en";
  const warnings = matrixWarnings(preview, language);
  const acceptabilityOptions = acceptabilityClasses.map((name) => ({ value: name, label: t(`riskMatrices.acceptabilityClass.${name}`) }));
  const levelOptions = [...values.levels]
    .sort((a, b) => a.rank - b.rank)
    .map((level) => ({ value: level.code, label: localised(level.label) || level.code }));

  function submit(input: RiskMatrixInput) {
    setFailure(null);
    save.mutate(input, { onSuccess: onSaved, onError: (error) => setFailure(applyApiErrors(form, error, t)) });
  }

  const scaleEditor = (scale: "likelihood" | "impact") => (
    <Card withBorder component="fieldset" style={{ margin: 0, minWidth: 0 }}>
      <Title order={3} size="h5" component="legend" px={4}>
        {t(`riskMatrices.${scale}Scale`)}
      </Title>
      <Stack gap="xs">
        {values[scale].map((step, index) => (
          <SimpleGrid key={step.value} cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput
              label={`${step.value} · ${t("riskMatrices.labelEn")}`}
              required
              maxLength={80}
              {...form.getInputProps(`${scale}.${index}.label.en`)}
            />
            <TextInput
              label={`${step.value} · ${t("riskMatrices.labelFr")}`}
              required
              maxLength={80}
              {...form.getInputProps(`${scale}.${index}.label.fr`)}
            />
          </SimpleGrid>
        ))}
      </Stack>
    </Card>
  );

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        {matrix.frozen && (
          <Alert color="orange" icon={<IconInfoCircle aria-hidden />}>
            {t("riskMatrices.frozenEditHint")}
          </Alert>
        )}
        <FormErrorAlert failure={failure} />
        <Card withBorder component="fieldset" style={{ margin: 0, minWidth: 0 }}>
          <Title order={3} size="h5" component="legend" px={4}>
            {t("riskMatrices.name")}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput label={t("riskMatrices.labelEn")} required maxLength={120} {...form.getInputProps("name.en")} />
            <TextInput label={t("riskMatrices.labelFr")} required maxLength={120} {...form.getInputProps("name.fr")} />
          </SimpleGrid>
        </Card>
        <Card withBorder component="fieldset" style={{ margin: 0, minWidth: 0 }}>
          <Title order={3} size="h5" component="legend" px={4}>
            {t("riskMatrices.levels")}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t("riskMatrices.levelsHint")}
          </Text>
          {levelsError && (
            <Alert color="red" mb="sm" role="alert">
              {levelsError}
            </Alert>
          )}
          <Stack gap="xs">
            {values.levels.map((level, index) => (
              <SimpleGrid key={level.code} cols={{ base: 1, sm: 3, lg: 5 }} spacing="xs">
                <TextInput
                  label={`${level.code} · ${t("riskMatrices.labelEn")}`}
                  required
                  maxLength={80}
                  {...form.getInputProps(`levels.${index}.label.en`)}
                />
                <TextInput
                  label={`${level.code} · ${t("riskMatrices.labelFr")}`}
                  required
                  maxLength={80}
                  {...form.getInputProps(`levels.${index}.label.fr`)}
                />
                <ColorInput
                  label={`${level.code} · ${t("riskMatrices.colour")}`}
                  format="hex"
                  required
                  {...form.getInputProps(`levels.${index}.colour`)}
                />
                <NumberInput
                  label={`${level.code} · ${t("riskMatrices.rank")}`}
                  required
                  min={0}
                  allowDecimal={false}
                  {...form.getInputProps(`levels.${index}.rank`)}
                />
                <NativeSelect
                  label={`${level.code} · ${t("riskMatrices.acceptability")}`}
                  data={acceptabilityOptions}
                  {...form.getInputProps(`levels.${index}.acceptability`)}
                />
              </SimpleGrid>
            ))}
          </Stack>
        </Card>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {scaleEditor("likelihood")}
          {scaleEditor("impact")}
        </SimpleGrid>
        <Card withBorder component="section" aria-labelledby="matrix-grid-edit">
          <Title order={3} size="h5" id="matrix-grid-edit" mb="xs">
            {t("riskMatrices.grid")}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t("riskMatrices.gridHint")}
          </Text>
          {gridErrors.length > 0 && (
            <Alert color="red" mb="sm" role="alert">
              <List size="sm">
                {gridErrors.map(([field, message]) => (
                  <List.Item key={field}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Stack gap="sm" maw={760}>
            <MatrixGrid
              matrix={preview}
              grid={values.grid}
              caption={t("riskMatrices.grid")}
              renderCell={(likelihood, impact) => {
                const path = `grid.${likelihood - 1}.${impact - 1}`;
                const props = form.getInputProps(path);
                return (
                  <NativeSelect
                    size="xs"
                    aria-label={t("riskMatrices.cellLabel", {
                      likelihood: localised(preview.likelihood[likelihood - 1]?.label),
                      impact: localised(preview.impact[impact - 1]?.label),
                    })}
                    data={levelOptions}
                    value={props.value as string}
                    onChange={(event) => form.setFieldValue(path as never, event.currentTarget.value as never)}
                    error={Boolean(props.error)}
                    styles={{ input: { paddingInline: 4, fontSize: 11, background: "rgba(255,255,255,0.85)" } }}
                  />
                );
              }}
            />
            <LevelLegend matrix={preview} />
          </Stack>
        </Card>
        {values.strategies && (
          <Card withBorder component="fieldset" style={{ margin: 0, minWidth: 0 }}>
            <Title order={3} size="h5" component="legend" px={4}>
              {t("riskMatrices.justification")}
            </Title>
            {warnings.length > 0 && (
              <Alert color="orange" mb="sm" title={t("riskMatrices.acceptAtTopTitle")} icon={<IconInfoCircle aria-hidden />}>
                {warnings[0].message}
              </Alert>
            )}
            <Textarea
              label={t("riskMatrices.justification")}
              description={t("riskMatrices.justificationHint")}
              required={warnings.length > 0}
              autosize
              minRows={2}
              maxLength={2000}
              {...form.getInputProps("justification")}
            />
          </Card>
        )}
        <Group justify="flex-end">
          <FormActions onCancel={onCancel} isSaving={save.isPending} isEdit mt={0} />
        </Group>
      </Stack>
    </form>
  );
}
