import { Alert, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type BoardItem, useRecordAcceptance } from "./srm-api.ts";
import { LevelChip } from "./srm-labels.tsx";

type AcceptanceModalProps = { opened: boolean; onClose: () => void; assessmentId: string; item: BoardItem | null };

/** The DO records the acceptance of an activity's residual risk: theirs, or the USG UNDSS's decision. */
export function AcceptanceModal(props: AcceptanceModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal opened={props.opened} onClose={props.onClose} title={t("srm.accept.title")} size="md">
      {props.opened && props.item && <AcceptanceForm {...props} item={props.item} />}
    </FormModal>
  );
}

function AcceptanceForm({ assessmentId, item, onClose }: AcceptanceModalProps & { item: BoardItem }) {
  const { t } = useTranslation();
  const record = useRecordAcceptance(assessmentId);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const isUsg = item.approver === "usg_undss";
  const form = useForm({
    initialValues: { reason: "", acceptedByName: "" },
    validate: {
      reason: (value) => (value.trim().length < 10 ? t("srm.accept.reasonTooShort") : null),
      acceptedByName: (value) => (isUsg && !value.trim() ? t("validation.required") : null),
    },
  });

  function submit(values: { reason: string; acceptedByName: string }) {
    setFailure(null);
    record.mutate(
      { activityKey: item.activityKey, reason: values.reason.trim(), acceptedByName: isUsg ? values.acceptedByName.trim() : null },
      {
        onSuccess: () => {
          notifySuccess(t("srm.accept.done", { activity: item.activityName }));
          onClose();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t, { activityKey: "reason" })),
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <Text size="sm">
          <strong>{item.activityName}</strong> · {item.organisationCode}
        </Text>
        <Stack gap={4}>
          <Text size="sm">
            {t("srm.board.criticality")}: <strong>{item.pcAssessment?.level.toUpperCase() ?? "—"}</strong>
          </Text>
          {item.highestResidualLevel && (
            <Text size="sm" component="div">
              {t("srm.board.highestResidual")}: <LevelChip level={item.highestResidualLevel} size="sm" />
            </Text>
          )}
        </Stack>
        <Alert color="orange" icon={<IconInfoCircle aria-hidden />}>
          {isUsg ? t("srm.accept.usgHint") : t("srm.accept.doHint")}
        </Alert>
        {isUsg && (
          <TextInput
            label={t("srm.accept.acceptedByName")}
            description={t("srm.accept.acceptedByNameHint")}
            required
            maxLength={200}
            {...form.getInputProps("acceptedByName")}
          />
        )}
        <Textarea
          label={t("srm.accept.reason")}
          description={t("srm.accept.reasonHint")}
          required
          autosize
          minRows={3}
          maxLength={4000}
          data-autofocus
          {...form.getInputProps("reason")}
        />
        <FormActions onCancel={onClose} isSaving={record.isPending} submitLabel={t("srm.accept.submit")} mt={0} />
      </Stack>
    </form>
  );
}
