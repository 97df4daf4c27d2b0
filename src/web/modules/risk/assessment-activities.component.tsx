import { ActionIcon, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title, Tooltip } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type Activity, type Assessment, useReplaceActivities } from "./srm-api.ts";

type SectionProps = { assessment: Assessment; canEdit: boolean };

/** Programme assessment: the activities planned in the area, per organisation. */
export function ActivitiesSection({ assessment, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  const byOrganisation = new Map<string, Activity[]>();
  for (const activity of assessment.activities) {
    byOrganisation.set(activity.organisationCode, [...(byOrganisation.get(activity.organisationCode) ?? []), activity]);
  }

  return (
    <Card withBorder component="section" aria-labelledby="srm-activities-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="srm-activities-title">
          {t("srm.activities.title")}
        </Title>
        {canEdit && !isEditing && (
          <Button size="xs" variant="light" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(true)}>
            {t("srm.activities.edit")}
          </Button>
        )}
      </Group>
      {isEditing ? (
        <ActivitiesEditor assessment={assessment} onDone={() => setEditing(false)} />
      ) : assessment.activities.length === 0 ? (
        <Empty isCompact title={t("srm.activities.empty")} />
      ) : (
        <Stack gap="sm">
          {[...byOrganisation.entries()].map(([code, activities]) => (
            <div key={code}>
              <Badge variant="light" mb={6}>
                {code}
              </Badge>
              <Stack gap={6}>
                {activities.map((activity) => (
                  <Paper key={activity.id} withBorder p="xs">
                    <Text size="sm" fw={600} className="vigil-break">
                      {activity.name}
                    </Text>
                    {activity.description && (
                      <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
                        {activity.description}
                      </Text>
                    )}
                  </Paper>
                ))}
              </Stack>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}

type Row = { key: string | undefined; organisationId: string | null; name: string; description: string; rowId: string };
type Values = { items: Row[] };

let rowCounter = 0;
const newRowId = () => `row-${++rowCounter}`;

function ActivitiesEditor({ assessment, onDone }: { assessment: Assessment; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useReplaceActivities(assessment.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<Values>({
    initialValues: {
      items: assessment.activities.map((activity) => ({
        key: activity.key,
        organisationId: activity.organisationId,
        name: activity.name,
        description: activity.description,
        rowId: activity.id,
      })),
    },
    validate: {
      items: {
        organisationId: (value) => (value ? null : t("validation.required")),
        name: (value) => (value.trim() ? null : t("validation.required")),
      },
    },
  });
  const rows = form.getValues().items;

  function submit(values: Values) {
    setFailure(null);
    save.mutate(
      values.items.map((row) => ({
        ...(row.key ? { key: row.key } : {}),
        organisationId: row.organisationId as string,
        name: row.name.trim(),
        description: row.description.trim(),
      })),
      {
        onSuccess: () => {
          notifySuccess(t("srm.activities.saved"));
          onDone();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        {rows.length === 0 && <Empty isCompact title={t("srm.activities.empty")} />}
        {rows.map((row, index) => (
          <Paper key={row.rowId} withBorder p="sm" bg="var(--mantine-color-gray-0)">
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1, minWidth: 0 }}>
                <OrganisationSelect
                  label={t("srm.activities.organisation")}
                  required
                  {...form.getInputProps(`items.${index}.organisationId`)}
                />
                <TextInput
                  label={t("srm.activities.name")}
                  required
                  maxLength={200}
                  {...form.getInputProps(`items.${index}.name`)}
                />
                <Textarea
                  label={t("srm.activities.description")}
                  autosize
                  minRows={1}
                  maxLength={4000}
                  style={{ gridColumn: "1 / -1" }}
                  {...form.getInputProps(`items.${index}.description`)}
                />
              </SimpleGrid>
              <Tooltip label={t("srm.activities.remove")}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={24}
                  aria-label={`${t("srm.activities.remove")}: ${row.name || index + 1}`}
                  onClick={() => form.removeListItem("items", index)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Paper>
        ))}
        <Group justify="space-between">
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              form.insertListItem("items", { key: undefined, organisationId: null, name: "", description: "", rowId: newRowId() })
            }
          >
            {t("srm.activities.add")}
          </Button>
        </Group>
        <FormActions onCancel={onDone} isSaving={save.isPending} isEdit mt={0} />
      </Stack>
    </form>
  );
}
