import { Input, Rating, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { isMeasureDone, type MeasureStatus, measureStatuses } from "../../../core/risk/risk-enums.ts";
import type { MeasureStatusBody } from "./measure-records.api.ts";

/**
 * Status, the dates that go with it, and the effectiveness rating, which is given only once the
 * measure is implemented (the server refuses it earlier): shared by the measure form and the
 * "Change status" dialog. A verified measure needs a verification note unless evidence files are
 * attached (the server's rule, issue 12 §3.10): the note is marked required while there are none.
 */
export type OutcomeValues = {
  status: MeasureStatus;
  implementedOn: string;
  verifiedOn: string;
  verificationNote: string;
  effectiveness: number;
  effectivenessNote: string;
};

export function outcomeValues(measure?: Partial<MeasureStatusBody>): OutcomeValues {
  return {
    status: measure?.status ?? "planned",
    implementedOn: measure?.implementedOn ?? "",
    verifiedOn: measure?.verifiedOn ?? "",
    verificationNote: measure?.verificationNote ?? "",
    effectiveness: measure?.effectiveness ?? 0,
    effectivenessNote: measure?.effectivenessNote ?? "",
  };
}

/** What the API expects: fields that do not apply to the status are sent empty. */
export function outcomeBody(values: OutcomeValues): MeasureStatusBody {
  const isDone = isMeasureDone(values.status);
  const effectiveness = isDone && values.effectiveness > 0 ? values.effectiveness : null;
  return {
    status: values.status,
    implementedOn: isDone ? values.implementedOn || null : null,
    verifiedOn: values.status === "verified" ? values.verifiedOn || null : null,
    verificationNote: values.status === "verified" ? values.verificationNote.trim() || null : null,
    effectiveness,
    effectivenessNote: effectiveness !== null ? values.effectivenessNote.trim() || null : null,
  };
}

export function MeasureOutcomeFields<V extends OutcomeValues>({ form, evidenceCount = 0 }: { form: UseFormReturnType<V>; evidenceCount?: number }) {
  const { t } = useTranslation();
  const values = form.getValues();
  const isDone = isMeasureDone(values.status);
  const ratingError = form.errors.effectiveness;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t("riskMeasures.fields.status")}
          required
          allowDeselect={false}
          data={measureStatuses.map((status) => ({ value: status, label: t(`riskMeasures.statuses.${status}`) }))}
          {...form.getInputProps("status")}
        />
        {isDone && <TextInput type="date" label={t("riskMeasures.fields.implementedOn")} required {...form.getInputProps("implementedOn")} />}
        {values.status === "verified" && <TextInput type="date" label={t("riskMeasures.fields.verifiedOn")} required {...form.getInputProps("verifiedOn")} />}
      </SimpleGrid>
      {values.status === "verified" && (
        <Textarea
          label={t("riskMeasures.fields.verificationNote")}
          description={evidenceCount > 0 ? t("riskMeasures.verificationNoteOptional", { count: evidenceCount }) : t("riskMeasures.verificationNoteHint")}
          required={evidenceCount === 0}
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps("verificationNote")}
        />
      )}
      {isDone ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Input.Wrapper label={t("riskMeasures.fields.effectiveness")} description={t("riskMeasures.effectivenessHint")} error={ratingError} id="measure-effectiveness">
            <Rating
              mt={4}
              count={5}
              value={values.effectiveness}
              onChange={(value) => form.setFieldValue("effectiveness" as never, value as never)}
              getSymbolLabel={(value) => t("riskMeasures.effectivenessValue", { value })}
            />
          </Input.Wrapper>
          <Textarea
            label={t("riskMeasures.fields.effectivenessNote")}
            autosize
            minRows={1}
            maxLength={2000}
            disabled={values.effectiveness === 0}
            {...form.getInputProps("effectivenessNote")}
          />
        </SimpleGrid>
      ) : (
        <Text size="xs" c="dimmed">
          {t("riskMeasures.ratingLater")}
        </Text>
      )}
    </Stack>
  );
}
