import { Alert, Button, Group, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconLock } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { todayIso, useFormatters } from "../../app/format.ts";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type Assessment, useApproveAssessment } from "./srm-api.ts";

type ApproveModalProps = { opened: boolean; onClose: () => void; assessment: Assessment };

/** The DO's approval, after SMT consultation: the date and any conditions, then a confirmation step. */
export function AssessmentApproveModal(props: ApproveModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={t("srm.approveDialog.title")} size="md">
      {props.opened && <ApproveForm {...props} />}
    </FormModal>
  );
}

type Values = { smtConsultedOn: string; conditions: string };

function ApproveForm({ assessment, onClose }: ApproveModalProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const approve = useApproveAssessment(assessment.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [isConfirming, setConfirming] = useState(false);
  const today = todayIso();
  const form = useForm<Values>({
    initialValues: { smtConsultedOn: "", conditions: "" },
    validate: {
      smtConsultedOn: (value) => (!value ? t("validation.required") : value > today ? t("srm.approveDialog.notFuture") : null),
    },
  });
  const values = form.getValues();

  function send() {
    setFailure(null);
    approve.mutate(
      { smtConsultedOn: values.smtConsultedOn, conditions: values.conditions.trim() || null },
      {
        onSuccess: (approved) => {
          notifySuccess(t("srm.approveDialog.done", { version: assessment.version }));
          // What became of the DO's earlier acceptances: the board of this version lists them.
          const carried = approved.acceptanceCarryOver;
          if (carried && carried.carriedOver.length + carried.needNewDecision.length > 0) {
            notifySuccess(t("srm.approveDialog.carryOver", { version: carried.fromVersion, carried: carried.carriedOver.length, needed: carried.needNewDecision.length }));
          }
          onClose();
        },
        onError: (error) => {
          setConfirming(false);
          setFailure(applyApiErrors(form, error, t));
        },
      },
    );
  }

  if (isConfirming) {
    return (
      <Stack gap="sm">
        <Alert color="orange" icon={<IconLock aria-hidden />} title={t("srm.approveDialog.confirmTitle")}>
          {t("srm.approveDialog.confirmMessage", {
            title: assessment.title,
            version: assessment.version,
            date: format.date(values.smtConsultedOn),
          })}
        </Alert>
        {values.conditions.trim() && (
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            <strong>{t("srm.approval.conditions")}:</strong> {values.conditions.trim()}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t("srm.approveDialog.back")}
          </Button>
          <Button color="green" onClick={send} loading={approve.isPending} data-autofocus>
            {t("srm.approveDialog.confirm")}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={form.onSubmit(() => setConfirming(true))} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <Text size="sm" c="dimmed">
          {t("srm.approveDialog.hint")}
        </Text>
        <TextInput
          type="date"
          label={t("srm.approval.smtConsultedOn")}
          required
          max={today}
          data-autofocus
          {...form.getInputProps("smtConsultedOn")}
        />
        <Textarea
          label={t("srm.approval.conditions")}
          description={t("srm.approveDialog.conditionsHint")}
          autosize
          minRows={2}
          maxLength={4000}
          {...form.getInputProps("conditions")}
        />
        <Group justify="flex-end" mt={0}>
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="green">
            {t("srm.workflow.approve")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
