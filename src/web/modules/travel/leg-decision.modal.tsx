import { Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import type { DecisionBody, TripLeg } from "./travel.api.ts";

/** What the reviewer chose: clearing with conditions is clearing, with a list the traveller acknowledges. */
export type DecisionChoice = "clear" | "clear_with_conditions" | "refuse" | "request_changes";

type LegDecisionModalProps = {
  leg: TripLeg | null;
  choice: DecisionChoice | null;
  isSaving: boolean;
  onDecide: (leg: TripLeg, body: DecisionBody) => Promise<unknown>;
  onClose: () => void;
};

export function LegDecisionModal({ leg, choice, isSaving, onDecide, onClose }: LegDecisionModalProps) {
  const { t } = useTranslation();
  const opened = leg !== null && choice !== null;
  return (
    <FormModal opened={opened} onClose={onClose} title={choice ? t(`travel.decide.${choice}Title`) : ""} size="md">
      {opened && <DecisionForm leg={leg} choice={choice} isSaving={isSaving} onDecide={onDecide} onClose={onClose} />}
    </FormModal>
  );
}

type FormValues = { conditions: string; note: string };

/** The server names each condition (`conditions.2`); the form holds them as lines of one box. */
const conditionFields = Object.fromEntries(Array.from({ length: 11 }, (_, index) => [`conditions.${index}`, "conditions"]));

function DecisionForm({ leg, choice, isSaving, onDecide, onClose }: { leg: TripLeg; choice: DecisionChoice } & Omit<LegDecisionModalProps, "leg" | "choice">) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const needsReason = choice === "refuse" || choice === "request_changes";
  const lines = (text: string) =>
    text
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
  const form = useForm<FormValues>({
    initialValues: { conditions: "", note: "" },
    validate: {
      conditions: (value) => {
        if (choice !== "clear_with_conditions") return null;
        const list = lines(value);
        if (list.length === 0) return t("travel.decide.conditionsRequired");
        if (list.length > 10) return t("travel.decide.tooManyConditions");
        return list.some((line) => line.length > 300) ? t("travel.decide.conditionTooLong") : null;
      },
      note: (value) => (needsReason && !value.trim() ? t("validation.required") : null),
    },
  });

  async function submit(values: FormValues) {
    setFailure(null);
    const body: DecisionBody = {
      decision: choice === "clear_with_conditions" ? "clear" : choice,
      conditions: choice === "clear_with_conditions" ? lines(values.conditions) : [],
      note: values.note.trim() || null,
    };
    try {
      await onDecide(leg, body);
      notifySuccess(t(`travel.decide.${choice}Done`, { from: leg.fromName, to: leg.toName }));
      onClose();
    } catch (error) {
      setFailure(applyApiErrors(form, error, t, conditionFields));
    }
  }

  return (
    <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {t("travel.decide.leg", { from: leg.fromName, to: leg.toName })}
        </Text>
        <FormErrorAlert failure={failure} />
        {choice === "clear_with_conditions" && (
          <Textarea
            label={t("travel.decide.conditions")}
            description={t("travel.decide.conditionsHint")}
            required
            autosize
            minRows={3}
            data-autofocus
            {...form.getInputProps("conditions")}
          />
        )}
        <Textarea
          label={needsReason ? t("travel.decide.reason") : t("travel.decide.note")}
          description={needsReason ? t("travel.decide.reasonHint") : undefined}
          required={needsReason}
          autosize
          minRows={2}
          maxLength={1000}
          data-autofocus={choice !== "clear_with_conditions" || undefined}
          {...form.getInputProps("note")}
        />
        <FormActions
          onCancel={onClose}
          isSaving={isSaving}
          submitLabel={t(`travel.decide.${choice}`)}
          mt={0}
        />
      </Stack>
    </form>
  );
}
