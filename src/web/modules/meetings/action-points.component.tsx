import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconCheck, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import {
  type ActionPointKind,
  type ActionPointStatus,
  actionPointKinds,
  actionPointStatuses,
} from "../../app/domain.ts";
import { todayIso, useFormatters } from "../../app/format.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type ActionPoint, type Meeting, useActionPointMutations } from "./meetings.api.ts";

const statusColors: Record<ActionPointStatus, string> = { open: "orange", done: "green", cancelled: "gray" };

export function isOverdue(point: Pick<ActionPoint, "status" | "dueOn">): boolean {
  return point.status === "open" && Boolean(point.dueOn) && (point.dueOn as string) < todayIso();
}

/** Decisions and action points of one meeting, edited in place. */
export function ActionPointsCard({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const canAdd = meeting.actions.includes("update");
  const [editingId, setEditingId] = useState<string | "new" | null>(null);
  const decisions = meeting.actionPoints.filter((point) => point.kind === "decision");
  const actions = meeting.actionPoints.filter((point) => point.kind === "action");

  return (
    <Card withBorder component="section" aria-labelledby="action-points-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="action-points-title">
          {t("meetings.actionPoints")}
        </Title>
        {canAdd && editingId !== "new" && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditingId("new")}
          >
            {t("meetings.addActionPoint")}
          </Button>
        )}
      </Group>
      <Stack gap="xs">
        {editingId === "new" && <ActionPointEditor meetingId={meeting.id} onDone={() => setEditingId(null)} />}
        {meeting.actionPoints.length === 0 && editingId !== "new" && (
          <Empty isCompact title={t("meetings.noActionPoints")} />
        )}
        {[...decisions, ...actions].map((point) =>
          editingId === point.id ? (
            <ActionPointEditor key={point.id} meetingId={meeting.id} point={point} onDone={() => setEditingId(null)} />
          ) : (
            <ActionPointView
              key={point.id}
              point={point}
              meetingId={meeting.id}
              onEdit={() => setEditingId(point.id)}
            />
          ),
        )}
      </Stack>
    </Card>
  );
}

function ActionPointView({ point, meetingId, onEdit }: { point: ActionPoint; meetingId: string; onEdit: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { update, remove } = useActionPointMutations(meetingId);
  const overdue = isOverdue(point);
  const canUpdate = point.actions.includes("update");

  function confirmDelete() {
    confirmAction({
      title: t("meetings.deleteActionPointTitle"),
      message: t("meetings.deleteActionPointMessage"),
      confirmLabel: t("common.delete"),
      onConfirm: () => remove.mutate(point.id, { onError: (error) => notifyError(error) }),
    });
  }

  return (
    <Paper withBorder p="sm" style={overdue ? { borderColor: "var(--mantine-color-red-5)" } : undefined}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap={6}>
            <Badge size="sm" variant="light" color={point.kind === "decision" ? "vigil" : "grape"}>
              {t(`actionPointKinds.${point.kind}`)}
            </Badge>
            {point.kind === "action" && (
              <Badge size="sm" variant="light" color={statusColors[point.status]}>
                {t(`actionPointStatuses.${point.status}`)}
              </Badge>
            )}
            {overdue && (
              <Badge size="sm" color="red" variant="filled">
                {t("meetings.overdue")}
              </Badge>
            )}
          </Group>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
            {point.text}
          </Text>
          {(point.ownerName || point.dueOn) && (
            <Text size="xs" c={overdue ? "red" : "dimmed"}>
              {point.ownerName ? t("meetings.ownedBy", { name: point.ownerName }) : ""}
              {point.ownerName && point.dueOn ? " · " : ""}
              {point.dueOn ? t("meetings.dueOn", { date: format.date(point.dueOn) }) : ""}
            </Text>
          )}
        </Stack>
        {canUpdate && (
          <Group gap={4} wrap="nowrap">
            {point.kind === "action" && point.status === "open" && (
              <Tooltip label={t("meetings.markDone")}>
                <ActionIcon
                  variant="subtle"
                  color="green"
                  aria-label={t("meetings.markDone")}
                  loading={update.isPending}
                  onClick={() =>
                    update.mutate(
                      { id: point.id, body: { status: "done" } },
                      {
                        onSuccess: () => notifySuccess(t("meetings.markedDone")),
                        onError: (error) => notifyError(error),
                      },
                    )
                  }
                >
                  <IconCheck size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
            <Tooltip label={t("common.edit")}>
              <ActionIcon variant="subtle" aria-label={t("common.edit")} onClick={onEdit}>
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
            {point.actions.includes("delete") && (
              <Tooltip label={t("common.delete")}>
                <ActionIcon variant="subtle" color="red" aria-label={t("common.delete")} onClick={confirmDelete}>
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        )}
      </Group>
    </Paper>
  );
}

type EditorValues = {
  kind: ActionPointKind;
  text: string;
  ownerPersonId: string | null;
  dueOn: string;
  status: ActionPointStatus;
};

function ActionPointEditor({
  meetingId,
  point,
  onDone,
}: {
  meetingId: string;
  point?: ActionPoint;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { add, update } = useActionPointMutations(meetingId);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<EditorValues>({
    initialValues: {
      kind: point?.kind ?? "action",
      text: point?.text ?? "",
      ownerPersonId: point?.ownerPersonId ?? null,
      dueOn: point?.dueOn ?? "",
      status: point?.status ?? "open",
    },
    validate: { text: (value) => (value.trim() ? null : t("validation.required")) },
  });
  const values = form.getValues();
  const isSaving = add.isPending || update.isPending;

  function submit(formValues: EditorValues) {
    setFailure(null);
    const body = {
      kind: formValues.kind,
      text: formValues.text.trim(),
      ownerPersonId: formValues.ownerPersonId,
      dueOn: formValues.dueOn || null,
      status: formValues.status,
    };
    const options = {
      onSuccess: () => {
        notifySuccess(point ? t("meetings.actionPointUpdated") : t("meetings.actionPointAdded"));
        onDone();
      },
      onError: (error: unknown) => setFailure(applyApiErrors(form, error, t)),
    };
    if (point) update.mutate({ id: point.id, body }, options);
    else add.mutate(body, options);
  }

  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="xs">
          <FormErrorAlert failure={failure} />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <Select
              label={t("fields.kind")}
              allowDeselect={false}
              data={actionPointKinds.map((kind) => ({ value: kind, label: t(`actionPointKinds.${kind}`) }))}
              {...form.getInputProps("kind")}
            />
            <Select
              label={t("fields.status")}
              allowDeselect={false}
              data={actionPointStatuses.map((status) => ({ value: status, label: t(`actionPointStatuses.${status}`) }))}
              {...form.getInputProps("status")}
            />
          </SimpleGrid>
          <Textarea
            label={t("fields.text")}
            required
            autosize
            minRows={2}
            maxLength={2000}
            data-autofocus
            {...form.getInputProps("text")}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <PersonPicker
              label={t("fields.owner")}
              value={values.ownerPersonId}
              selectedName={point?.ownerName}
              error={form.errors.ownerPersonId}
              onChange={(personId) => form.setFieldValue("ownerPersonId", personId)}
            />
            <TextInput type="date" label={t("fields.dueOn")} {...form.getInputProps("dueOn")} />
          </SimpleGrid>
          <FormActions
            onCancel={onDone}
            isSaving={isSaving}
            submitLabel={point ? t("common.save") : t("common.add")}
            size="xs"
            mt={0}
          />
        </Stack>
      </form>
    </Paper>
  );
}
