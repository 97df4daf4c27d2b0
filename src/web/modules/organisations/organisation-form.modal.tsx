import { ActionIcon, Button, Card, Grid, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { type OrganisationKind, organisationKinds } from "../../app/domain.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type Organisation, useSaveOrganisation } from "./organisations.api.ts";

type FormValues = {
  code: string;
  name: string;
  kind: OrganisationKind | "";
  hqFocalPoints: { name: string; email: string; title: string }[];
};

type OrganisationFormModalProps = {
  opened: boolean;
  onClose: () => void;
  organisation?: Organisation;
  onSaved?: (organisation: Organisation) => void;
};

const maxFocalPoints = 10;

export function OrganisationFormModal({ opened, onClose, organisation, onSaved }: OrganisationFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={organisation ? t("organisations.editTitle", { code: organisation.code }) : t("organisations.createTitle")}
    >
      {opened && <OrganisationForm organisation={organisation} onClose={onClose} onSaved={onSaved} />}
    </FormModal>
  );
}

function OrganisationForm({ organisation, onClose, onSaved }: Omit<OrganisationFormModalProps, "opened">) {
  const { t } = useTranslation();
  const save = useSaveOrganisation(organisation?.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<FormValues>({
    initialValues: {
      code: organisation?.code ?? "",
      name: organisation?.name ?? "",
      kind: organisation?.kind ?? "",
      hqFocalPoints: (organisation?.hqFocalPoints ?? []).map((point) => ({
        name: point.name,
        email: point.email,
        title: point.title ?? "",
      })),
    },
    validate: {
      code: (value) => (value.trim().length >= 2 ? null : t("validation.minLength", { min: 2 })),
      name: (value) => (value.trim() ? null : t("validation.required")),
      kind: (value) => (value ? null : t("validation.required")),
      hqFocalPoints: {
        name: (value) => (value.trim() ? null : t("validation.required")),
        email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t("validation.email")),
      },
    },
  });

  function submit(values: FormValues) {
    setFailure(null);
    save.mutate(
      {
        code: values.code.trim(),
        name: values.name.trim(),
        kind: values.kind as OrganisationKind,
        hqFocalPoints: values.hqFocalPoints.map((point) => ({
          name: point.name.trim(),
          email: point.email.trim(),
          ...(point.title.trim() ? { title: point.title.trim() } : {}),
        })),
      },
      {
        onSuccess: (saved) => {
          notifySuccess(organisation ? t("organisations.updated") : t("organisations.created"));
          onSaved?.(saved);
          onClose();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  }

  const points = form.getValues().hqFocalPoints;

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <Grid>
          <Grid.Col span={{ base: 12, xs: 4 }}>
            <TextInput
              label={t("fields.code")}
              description={t("organisations.codeHint")}
              required
              maxLength={16}
              {...form.getInputProps("code")}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 8 }}>
            <TextInput label={t("fields.name")} required maxLength={200} {...form.getInputProps("name")} />
          </Grid.Col>
        </Grid>
        <Select
          placeholder={t("common.choose")}
          label={t("fields.kind")}
          required
          data={organisationKinds.map((kind) => ({ value: kind, label: t(`organisationKinds.${kind}`) }))}
          allowDeselect={false}
          {...form.getInputProps("kind")}
        />
        <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0 }}>
          <Text component="legend" fw={600} size="sm">
            {t("fields.hqFocalPoints")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("organisations.focalPointsHint")}
          </Text>
          {points.length === 0 && (
            <Text size="sm" c="dimmed" fs="italic">
              {t("organisations.noFocalPoints")}
            </Text>
          )}
          {points.map((_, index) => (
            <Card key={form.key(`hqFocalPoints.${index}`)} withBorder padding="xs">
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" style={{ flex: 1 }}>
                  <TextInput label={t("fields.name")} required {...form.getInputProps(`hqFocalPoints.${index}.name`)} />
                  <TextInput
                    label={t("fields.email")}
                    type="email"
                    required
                    {...form.getInputProps(`hqFocalPoints.${index}.email`)}
                  />
                  <TextInput label={t("fields.title")} {...form.getInputProps(`hqFocalPoints.${index}.title`)} />
                </SimpleGrid>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  aria-label={t("organisations.removeFocalPoint", { number: index + 1 })}
                  onClick={() => form.removeListItem("hqFocalPoints", index)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            </Card>
          ))}
          {points.length < maxFocalPoints && (
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => form.insertListItem("hqFocalPoints", { name: "", email: "", title: "" })}
              style={{ alignSelf: "flex-start" }}
            >
              {t("organisations.addFocalPoint")}
            </Button>
          )}
        </Stack>
        <FormActions onCancel={onClose} isSaving={save.isPending} isEdit={Boolean(organisation)} />
      </Stack>
    </form>
  );
}
