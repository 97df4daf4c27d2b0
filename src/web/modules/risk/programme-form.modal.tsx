import { Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ProgrammeCriticality, programmeCriticalities } from "../../../core/risk/acceptable-risk.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { todayIso } from "../../app/format.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useOwnOrganisation } from "./measure-own-organisation.ts";
import { type PcAssessment, useSavePcAssessment, useSrmActivities } from "./programme-criticality.api.ts";

type FormValues = {
  placeId: string | null;
  organisationId: string | null;
  activityKey: string | null;
  activityName: string;
  periodFrom: string;
  periodTo: string;
  level: ProgrammeCriticality | "";
  rationale: string;
  approverName: string;
  approvedOn: string;
};

type ProgrammeFormModalProps = { opened: boolean; onClose: () => void; assessment?: PcAssessment; defaultPlaceId?: string };

export function ProgrammeFormModal(props: ProgrammeFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={props.assessment ? t("riskProgrammes.editTitle") : t("riskProgrammes.createTitle")}>
      {props.opened && <ProgrammeForm {...props} />}
    </FormModal>
  );
}

function ProgrammeForm({ assessment, defaultPlaceId, onClose }: ProgrammeFormModalProps) {
  const { t } = useTranslation();
  const save = useSavePcAssessment(assessment?.id);
  const own = useOwnOrganisation("programme.update");
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const isEdit = Boolean(assessment);
  const form = useForm<FormValues>({
    initialValues: {
      placeId: assessment?.placeId ?? defaultPlaceId ?? null,
      organisationId: assessment?.organisationId ?? (own.isOrganisationOnly ? own.organisationId : null),
      activityKey: assessment?.activityKey ?? null,
      activityName: assessment?.activityName ?? "",
      periodFrom: assessment?.periodFrom ?? "",
      periodTo: assessment?.periodTo ?? "",
      level: assessment?.level ?? "",
      rationale: assessment?.rationale ?? "",
      approverName: assessment?.approverName ?? "",
      approvedOn: assessment?.approvedOn ?? todayIso(),
    },
    validate: {
      placeId: (value) => (value ? null : t("validation.required")),
      organisationId: (value) => (value ? null : t("validation.required")),
      activityName: (value) => (value.trim() ? null : t("validation.required")),
      periodFrom: (value) => (value ? null : t("validation.required")),
      periodTo: (value, values) => (!value ? t("validation.required") : values.periodFrom && value < values.periodFrom ? t("riskProgrammes.periodOrder") : null),
      level: (value) => (value ? null : t("validation.required")),
      rationale: (value) => (value.trim() ? null : t("validation.required")),
      approverName: (value) => (value.trim() ? null : t("validation.required")),
      approvedOn: (value) => (value ? null : t("validation.required")),
    },
  });
  const values = form.getValues();
  const activities = useSrmActivities(values.placeId, values.organisationId);

  function chooseActivity(key: string | null) {
    form.setFieldValue("activityKey", key);
    const chosen = activities.options.find((option) => option.key === key);
    if (chosen) form.setFieldValue("activityName", chosen.name);
  }

  function submit(formValues: FormValues) {
    setFailure(null);
    save.mutate(
      {
        placeId: formValues.placeId as string,
        organisationId: formValues.organisationId as string,
        activityKey: formValues.activityKey,
        activityName: formValues.activityName.trim(),
        periodFrom: formValues.periodFrom,
        periodTo: formValues.periodTo,
        level: formValues.level as ProgrammeCriticality,
        rationale: formValues.rationale.trim(),
        approverName: formValues.approverName.trim(),
        approvedOn: formValues.approvedOn,
      },
      {
        onSuccess: () => {
          notifySuccess(isEdit ? t("riskProgrammes.updated") : t("riskProgrammes.created"));
          onClose();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <PlaceSelect
            label={t("riskProgrammes.fields.placeId")}
            description={isEdit ? t("riskProgrammes.fixedOnEdit") : undefined}
            kinds={["designated_area", "security_area"]}
            required
            disabled={isEdit}
            data-autofocus
            {...form.getInputProps("placeId")}
          />
          <OrganisationSelect
            label={t("riskProgrammes.fields.organisationId")}
            description={isEdit ? t("riskProgrammes.fixedOnEdit") : undefined}
            required
            disabled={isEdit || own.isOrganisationOnly}
            {...form.getInputProps("organisationId")}
          />
        </SimpleGrid>
        <Select
          label={t("riskProgrammes.fields.activityKey")}
          description={t("riskProgrammes.activityHint")}
          placeholder={activities.isPending && values.placeId && values.organisationId ? t("common.loading") : t("riskProgrammes.noActivity")}
          clearable
          disabled={!values.placeId || !values.organisationId}
          nothingFoundMessage={t("riskProgrammes.noActivities")}
          data={activities.options.map((option) => ({ value: option.key, label: `${option.name} — ${option.assessmentTitle}` }))}
          value={values.activityKey}
          onChange={chooseActivity}
          error={form.errors.activityKey}
        />
        <TextInput label={t("riskProgrammes.fields.activityName")} required maxLength={200} {...form.getInputProps("activityName")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput type="date" label={t("riskProgrammes.fields.periodFrom")} required {...form.getInputProps("periodFrom")} />
          <TextInput type="date" label={t("riskProgrammes.fields.periodTo")} required {...form.getInputProps("periodTo")} />
        </SimpleGrid>
        <Radio.Group label={t("riskProgrammes.fields.level")} required {...form.getInputProps("level")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt={6}>
            {programmeCriticalities.map((level) => (
              <Radio.Card key={level} value={level} p="xs" radius="sm" withBorder>
                <Group wrap="nowrap" align="flex-start" gap="xs">
                  <Radio.Indicator mt={2} />
                  <div>
                    <Text size="sm" fw={600}>
                      {t(`riskProgrammes.levels.${level}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`riskProgrammes.levelHints.${level}`)}
                    </Text>
                  </div>
                </Group>
              </Radio.Card>
            ))}
          </SimpleGrid>
        </Radio.Group>
        <Textarea label={t("riskProgrammes.fields.rationale")} required autosize minRows={3} maxLength={4000} {...form.getInputProps("rationale")} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t("riskProgrammes.fields.approverName")} required maxLength={200} {...form.getInputProps("approverName")} />
          <TextInput type="date" label={t("riskProgrammes.fields.approvedOn")} required {...form.getInputProps("approvedOn")} />
        </SimpleGrid>
        <FormActions onCancel={onClose} isSaving={save.isPending} isEdit={isEdit} mt={0} />
      </Stack>
    </form>
  );
}
