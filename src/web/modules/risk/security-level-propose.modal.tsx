import { Alert, Select, SimpleGrid, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type SecurityLevel, securityLevelLabels, securityLevels, type ThreatCategory, threatCategories, threatCategoryLabels } from "../../../core/risk/security-levels.ts";
import { isApiError } from "../../app/api.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useLocalised } from "./measure-badges.component.tsx";
import { type AreaLevel, useProposeLevelChange } from "./security-level-changes.api.ts";

type FormValues = { placeId: string | null; levels: Record<ThreatCategory, string>; overall: string; justification: string };

type ProposeModalProps = {
  opened: boolean;
  onClose: () => void;
  /** Levels in force, to start from the current ones of the chosen area. */
  areas: AreaLevel[];
  placeId?: string | null;
  /** Areas the caller may not propose for. */
  excludeIds?: string[];
};

export function SecurityLevelProposeModal(props: ProposeModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={t("riskLevels.propose.title")}>
      {props.opened && <ProposeForm {...props} />}
    </FormModal>
  );
}

const startingLevels = (area: AreaLevel | undefined) =>
  Object.fromEntries(threatCategories.map((category) => [category, area?.levels ? String(area.levels[category]) : ""])) as Record<ThreatCategory, string>;

const highestOf = (levels: Record<ThreatCategory, string>) => Math.max(0, ...threatCategories.map((category) => Number(levels[category]) || 0));

function ProposeForm({ areas, placeId, excludeIds, onClose }: ProposeModalProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const propose = useProposeLevelChange();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const byId = new Map(areas.map((area) => [area.placeId, area]));
  const initial = placeId ? byId.get(placeId) : undefined;
  const form = useForm<FormValues>({
    initialValues: {
      placeId: placeId ?? null,
      levels: startingLevels(initial),
      overall: initial?.overall ? String(initial.overall) : "",
      justification: "",
    },
    validate: {
      placeId: (value) => (value ? null : t("validation.required")),
      levels: Object.fromEntries(threatCategories.map((category) => [category, (value: string) => (value ? null : t("validation.required"))])),
      overall: (value) => (value ? null : t("validation.required")),
      justification: (value, values) =>
        Number(values.overall) < highestOf(values.levels) && !value.trim() ? t("riskLevels.propose.justificationRequired", { highest: highestOf(values.levels) }) : null,
    },
    onValuesChange: (values, previous) => {
      if (values.placeId === previous.placeId) return;
      const area = values.placeId ? byId.get(values.placeId) : undefined;
      form.setFieldValue("levels", startingLevels(area));
      form.setFieldValue("overall", area?.overall ? String(area.overall) : "");
    },
  });
  const values = form.getValues();
  const highest = highestOf(values.levels);
  const needsJustification = values.overall !== "" && Number(values.overall) < highest;
  const options = securityLevels.map((level) => ({ value: String(level), label: `${level} · ${localised(securityLevelLabels[level])}` }));

  function submit(formValues: FormValues) {
    setFailure(null);
    propose.mutate(
      {
        placeId: formValues.placeId as string,
        levels: Object.fromEntries(threatCategories.map((category) => [category, Number(formValues.levels[category])])) as Record<ThreatCategory, number>,
        overall: Number(formValues.overall),
        justification: formValues.justification.trim() || null,
      },
      {
        onSuccess: () => {
          notifySuccess(t("riskLevels.propose.done"));
          onClose();
        },
        onError: (error) => {
          // The server's rule message is in English; the rule itself is the one this form states.
          const result = applyApiErrors(form, error, t);
          if (isApiError(error) && error.issues.some((issue) => issue.field === "justification")) {
            form.setFieldError("justification", t("riskLevels.propose.justificationRequired", { highest }));
          }
          setFailure(result);
        },
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <PlaceSelect label={t("riskLevels.fields.placeId")} kinds={["designated_area", "security_area"]} excludeIds={excludeIds} required data-autofocus {...form.getInputProps("placeId")} />
        <Text size="sm" fw={600} mt="xs">
          {t("riskLevels.propose.categories")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
          {threatCategories.map((category) => (
            <Select
              key={category}
              label={localised(threatCategoryLabels[category])}
              placeholder={t("common.choose")}
              required
              allowDeselect={false}
              data={options}
              {...form.getInputProps(`levels.${category}`)}
            />
          ))}
        </SimpleGrid>
        <Select
          label={t("riskLevels.fields.overall")}
          description={highest > 0 ? t("riskLevels.propose.overallHint", { highest, label: localised(securityLevelLabels[highest as SecurityLevel]) }) : undefined}
          placeholder={t("common.choose")}
          required
          allowDeselect={false}
          data={options}
          {...form.getInputProps("overall")}
        />
        {needsJustification && (
          <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
            {t("riskLevels.propose.belowHighest", { overall: values.overall, highest })}
          </Alert>
        )}
        <Textarea
          label={t("riskLevels.fields.justification")}
          description={t("riskLevels.propose.justificationHint")}
          required={needsJustification}
          autosize
          minRows={needsJustification ? 3 : 2}
          maxLength={4000}
          {...form.getInputProps("justification")}
        />
        <Text size="xs" c="dimmed">
          {t("riskLevels.propose.workflow")}
        </Text>
        <FormActions onCancel={onClose} isSaving={propose.isPending} submitLabel={t("riskLevels.propose.submit")} mt={0} />
      </Stack>
    </form>
  );
}
