import { Button, Group, Stack, Textarea } from "@mantine/core";
import { IconCheck, IconRosetteDiscountCheck, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { confirmAction } from "../../app/components/confirm.tsx";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { useDecideLevelChange } from "./security-level-changes.api.ts";

type DecisionButtonsProps = {
  changeId: string;
  /** The change's `actions` from the API: only the steps the caller may take are offered. */
  actions: string[];
  placeName: string;
  overall: number;
  size?: "xs" | "sm";
};

/** Approve (the DO), endorse (UNDSS) or reject a pending change, each confirmed first. */
export function LevelDecisionButtons({ changeId, actions, placeName, overall, size = "xs" }: DecisionButtonsProps) {
  const { t } = useTranslation();
  const decide = useDecideLevelChange();
  const [isRejecting, setRejecting] = useState(false);
  if (actions.length === 0) return null;

  const confirm = (step: "approve" | "endorse") =>
    confirmAction({
      title: t(`riskLevels.decide.${step}Title`),
      message: t(`riskLevels.decide.${step}Message`, { name: placeName, level: overall }),
      confirmLabel: t(`riskLevels.decide.${step}`),
      isDanger: false,
      onConfirm: () =>
        decide.mutate(
          { id: changeId, step },
          { onSuccess: () => notifySuccess(t(`riskLevels.decide.${step}d`, { name: placeName })), onError: (error) => notifyError(error) },
        ),
    });

  return (
    <Group gap={6} wrap="wrap">
      {actions.includes("approve") && (
        <Button size={size} leftSection={<IconCheck size={14} aria-hidden />} loading={decide.isPending} onClick={() => confirm("approve")} aria-label={t("riskLevels.decide.approveFor", { name: placeName })}>
          {t("riskLevels.decide.approve")}
        </Button>
      )}
      {actions.includes("endorse") && (
        <Button
          size={size}
          color="green"
          leftSection={<IconRosetteDiscountCheck size={14} aria-hidden />}
          loading={decide.isPending}
          onClick={() => confirm("endorse")}
          aria-label={t("riskLevels.decide.endorseFor", { name: placeName })}
        >
          {t("riskLevels.decide.endorse")}
        </Button>
      )}
      {actions.includes("reject") && (
        <Button size={size} color="red" variant="light" leftSection={<IconX size={14} aria-hidden />} onClick={() => setRejecting(true)} aria-label={t("riskLevels.decide.rejectFor", { name: placeName })}>
          {t("riskLevels.decide.reject")}
        </Button>
      )}
      <FormModal opened={isRejecting} onClose={() => setRejecting(false)} title={t("riskLevels.decide.rejectTitle", { name: placeName })} size="md">
        {isRejecting && <RejectForm changeId={changeId} onClose={() => setRejecting(false)} />}
      </FormModal>
    </Group>
  );
}

/** The proposer is told why: the reason is required. */
function RejectForm({ changeId, onClose }: { changeId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const decide = useDecideLevelChange();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) return setError(t("validation.required"));
        decide.mutate(
          { id: changeId, step: "reject", reason: reason.trim() },
          {
            onSuccess: () => {
              notifySuccess(t("riskLevels.decide.rejected"));
              onClose();
            },
            onError: (failure) => {
              const issue = isApiError(failure) ? failure.issues.find((item) => item.field === "reason") : undefined;
              if (issue) setError(issue.message);
              else notifyError(failure);
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <Textarea
          label={t("riskLevels.decide.reason")}
          description={t("riskLevels.decide.reasonHint")}
          required
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          error={error}
          data-autofocus
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(null);
          }}
        />
        <FormActions onCancel={onClose} isSaving={decide.isPending} submitLabel={t("riskLevels.decide.reject")} mt={0} />
      </Stack>
    </form>
  );
}
