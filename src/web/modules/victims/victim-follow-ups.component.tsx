import { ActionIcon, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title, Tooltip } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconArrowBackUp, IconCheck, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { todayIso, useFormatters } from "../../app/format.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type FollowUp, useFollowUpMutations, type VictimCase } from "./victims.api.ts";

/** The follow-up actions of a case, due dates first; added, edited, marked done in place. */
export function FollowUpsCard({ victimCase }: { victimCase: VictimCase }) {
  const { t } = useTranslation();
  const canManage = victimCase.actions.includes("manage_follow_ups");
  const [editingId, setEditingId] = useState<string | "new" | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="follow-ups-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="follow-ups-title">
          {t("victims.followUps.title")}
        </Title>
        {canManage && editingId !== "new" && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditingId("new")}>
            {t("victims.followUps.add")}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        {editingId === "new" && <FollowUpEditor caseId={victimCase.id} onDone={() => setEditingId(null)} />}
        {victimCase.followUps.length === 0 && editingId !== "new" && <Empty isCompact title={t("victims.followUps.empty")} />}
        {victimCase.followUps.map((followUp) =>
          editingId === followUp.id ? (
            <FollowUpEditor key={followUp.id} caseId={victimCase.id} followUp={followUp} onDone={() => setEditingId(null)} />
          ) : (
            <FollowUpView
              key={followUp.id}
              followUp={followUp}
              caseId={victimCase.id}
              canManage={canManage}
              onEdit={() => setEditingId(followUp.id)}
            />
          ),
        )}
      </Stack>
    </Card>
  );
}

type FollowUpViewProps = { followUp: FollowUp; caseId: string; canManage: boolean; onEdit: () => void };

function FollowUpView({ followUp, caseId, canManage, onEdit }: FollowUpViewProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { update, remove } = useFollowUpMutations(caseId);
  const isDone = followUp.doneAt !== null;
  const doneLabel = isDone ? t("victims.followUps.markUndone") : t("victims.followUps.markDone");

  function toggleDone() {
    update.mutate(
      { id: followUp.id, body: { isDone: !isDone } },
      {
        onSuccess: () => notifySuccess(isDone ? t("victims.followUps.markedUndone") : t("victims.followUps.markedDone")),
        onError: (error) => notifyError(error),
      },
    );
  }

  function confirmDelete() {
    confirmAction({
      title: t("victims.followUps.deleteTitle"),
      message: t("victims.followUps.deleteMessage", { action: followUp.action }),
      confirmLabel: t("common.delete"),
      onConfirm: () =>
        remove.mutate(followUp.id, {
          onSuccess: () => notifySuccess(t("victims.followUps.deleted")),
          onError: (error) => notifyError(error),
        }),
    });
  }

  return (
    <Paper
      withBorder
      p="sm"
      data-testid="follow-up"
      style={followUp.isOverdue ? { borderColor: "var(--mantine-color-red-5)" } : undefined}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={6}>
            {isDone ? (
              <Badge size="sm" variant="light" color="green">
                {t("victims.followUps.done")}
              </Badge>
            ) : (
              <Badge size="sm" variant="light" color="orange">
                {t("victims.followUps.pending")}
              </Badge>
            )}
            {followUp.isOverdue && (
              <Badge size="sm" color="red" variant="filled">
                {t("victims.overdue")}
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} className="vigil-break" td={isDone ? "line-through" : undefined}>
            {followUp.action}
          </Text>
          <Text size="xs" c={followUp.isOverdue ? "red" : "dimmed"}>
            {[
              t("victims.followUps.dueOn", { date: format.date(followUp.dueDate) }),
              followUp.ownerName ? t("victims.followUps.ownedBy", { name: followUp.ownerName }) : null,
              followUp.doneAt ? t("victims.followUps.doneOn", { date: format.date(followUp.doneAt) }) : null,
            ]
              .filter(Boolean)
              .join(" · ")}
          </Text>
        </Stack>
        {canManage && (
          <Group gap={4} wrap="nowrap">
            <Tooltip label={doneLabel}>
              <ActionIcon
                variant="subtle"
                color={isDone ? "gray" : "green"}
                aria-label={`${doneLabel}: ${followUp.action}`}
                loading={update.isPending}
                onClick={toggleDone}
              >
                {isDone ? <IconArrowBackUp size={16} aria-hidden /> : <IconCheck size={16} aria-hidden />}
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("common.edit")}>
              <ActionIcon variant="subtle" aria-label={`${t("common.edit")}: ${followUp.action}`} onClick={onEdit}>
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
            <Tooltip label={t("common.delete")}>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`${t("common.delete")}: ${followUp.action}`}
                onClick={confirmDelete}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          </Group>
        )}
      </Group>
    </Paper>
  );
}

type EditorValues = { action: string; dueDate: string; ownerName: string };

function FollowUpEditor({ caseId, followUp, onDone }: { caseId: string; followUp?: FollowUp; onDone: () => void }) {
  const { t } = useTranslation();
  const { add, update } = useFollowUpMutations(caseId);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<EditorValues>({
    initialValues: {
      action: followUp?.action ?? "",
      dueDate: followUp?.dueDate ?? todayIso(),
      ownerName: followUp?.ownerName ?? "",
    },
    validate: {
      action: (value) => (value.trim() ? null : t("validation.required")),
      dueDate: (value) => (value ? null : t("validation.required")),
    },
  });

  function submit(values: EditorValues) {
    setFailure(null);
    const body = { action: values.action.trim(), dueDate: values.dueDate, ownerName: values.ownerName.trim() || null };
    const options = {
      onSuccess: () => {
        notifySuccess(followUp ? t("victims.followUps.updated") : t("victims.followUps.added"));
        onDone();
      },
      onError: (error: unknown) => setFailure(applyApiErrors(form, error, t)),
    };
    if (followUp) update.mutate({ id: followUp.id, body }, options);
    else add.mutate(body, options);
  }

  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="xs">
          <FormErrorAlert failure={failure} />
          <Textarea
            label={t("victims.followUps.action")}
            required
            autosize
            minRows={2}
            maxLength={1000}
            data-autofocus
            {...form.getInputProps("action")}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <TextInput type="date" label={t("victims.followUps.dueDate")} required {...form.getInputProps("dueDate")} />
            <TextInput label={t("victims.followUps.ownerName")} maxLength={200} {...form.getInputProps("ownerName")} />
          </SimpleGrid>
          <FormActions
            onCancel={onDone}
            isSaving={add.isPending || update.isPending}
            submitLabel={followUp ? t("common.save") : t("common.add")}
            size="xs"
            mt={0}
          />
        </Stack>
      </form>
    </Paper>
  );
}
