import { ActionIcon, Badge, Button, Card, Group, Stack, Text, Title, Tooltip } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { useFormatters } from "../../app/format.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import {
  blankDependant,
  DependantInputs,
  type DependantValues,
  toDependantBody,
} from "./dependants-fields.component.tsx";
import { type Dependant, type PersonDetail, useAddDependant, useRemoveDependant } from "./personnel.api.ts";

/** Dependants of an existing person: each addition or removal is saved at once. */
export function DependantsCard({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const canEdit = person.actions.includes("update");
  const remove = useRemoveDependant(person.id);
  const [isAdding, adding] = useDisclosure(false);

  function confirmRemove(dependant: Dependant) {
    confirmAction({
      title: t("personnel.removeDependantTitle"),
      message: t("personnel.removeDependantMessage", { name: `${dependant.givenName} ${dependant.familyName}` }),
      confirmLabel: t("common.remove"),
      onConfirm: () =>
        remove.mutate(dependant.id, {
          onSuccess: () => notifySuccess(t("personnel.dependantRemoved")),
          onError: (error) => notifyError(error),
        }),
    });
  }

  const columns: Column<Dependant>[] = [
    { key: "name", header: t("fields.name"), isPrimary: true, render: (d) => `${d.givenName} ${d.familyName}` },
    { key: "relationship", header: t("fields.relationship"), render: (d) => t(`relationships.${d.relationship}`) },
    { key: "sex", header: t("fields.sex"), render: (d) => t(`sexes.${d.sex}`) },
    { key: "birthDate", header: t("fields.birthDate"), render: (d) => format.date(d.birthDate) || "—" },
    {
      key: "eligible",
      header: t("fields.isEligible"),
      render: (d) => (
        <Badge variant="light" color={d.isEligible ? "green" : "gray"}>
          {d.isEligible ? t("common.yes") : t("common.no")}
        </Badge>
      ),
    },
  ];

  return (
    <Card withBorder component="section" aria-labelledby="dependants-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="dependants-title">
          {t("fields.dependants")}
        </Title>
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={adding.open}>
            {t("personnel.addDependant")}
          </Button>
        )}
      </Group>
      <DataTable
        caption={t("fields.dependants")}
        columns={columns}
        items={person.dependants}
        isLoading={false}
        getKey={(d) => d.id}
        minWidth={560}
        empty={<Empty isCompact title={t("personnel.noDependants")} />}
        rowActions={
          canEdit
            ? (dependant) => (
                <Tooltip label={t("common.remove")}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("personnel.removeDependantNamed", {
                      name: `${dependant.givenName} ${dependant.familyName}`,
                    })}
                    onClick={() => confirmRemove(dependant)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              )
            : undefined
        }
      />
      <FormModal opened={isAdding} onClose={adding.close} title={t("personnel.addDependant")}>
        {isAdding && <AddDependantForm person={person} onClose={adding.close} />}
      </FormModal>
    </Card>
  );
}

function AddDependantForm({ person, onClose }: { person: PersonDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddDependant(person.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<DependantValues>({
    initialValues: blankDependant(person.familyName),
    validate: {
      givenName: (value) => (value.trim() ? null : t("validation.required")),
      familyName: (value) => (value.trim() ? null : t("validation.required")),
      relationship: (value) => (value ? null : t("validation.required")),
      sex: (value) => (value ? null : t("validation.required")),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        add.mutate(toDependantBody(values), {
          onSuccess: () => {
            notifySuccess(t("personnel.dependantAdded"));
            onClose();
          },
          onError: (error) => setFailure(applyApiErrors(form, error, t)),
        });
      })}
    >
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <Text size="sm" c="dimmed">
          {t("personnel.addDependantFor", { name: `${person.givenName} ${person.familyName}` })}
        </Text>
        <DependantInputs form={form} prefix="" />
        <FormActions onCancel={onClose} isSaving={add.isPending} submitLabel={t("common.add")} />
      </Stack>
    </form>
  );
}
