import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { type DependantRelationship, dependantRelationships, type Sex, sexes } from "../../app/domain.ts";
import type { DependantBody } from "./personnel.api.ts";

export type DependantValues = {
  givenName: string;
  familyName: string;
  relationship: DependantRelationship | "";
  sex: Sex | "";
  birthDate: string;
  isEligible: boolean;
};

export const blankDependant = (familyName = ""): DependantValues => ({
  givenName: "",
  familyName,
  relationship: "",
  sex: "",
  birthDate: "",
  isEligible: true,
});

export function toDependantBody(values: DependantValues): DependantBody {
  return {
    givenName: values.givenName.trim(),
    familyName: values.familyName.trim(),
    relationship: values.relationship as DependantRelationship,
    sex: values.sex as Sex,
    birthDate: values.birthDate || null,
    isEligible: values.isEligible,
  };
}

/** The inputs of one dependant; `prefix` is the form path (e.g. `dependants.0.` or empty). */
export function DependantInputs<V extends Record<string, unknown>>({
  form,
  prefix,
}: {
  form: UseFormReturnType<V>;
  prefix: string;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs">
      <TextInput label={t("fields.givenName")} required maxLength={80} {...form.getInputProps(`${prefix}givenName`)} />
      <TextInput
        label={t("fields.familyName")}
        required
        maxLength={80}
        {...form.getInputProps(`${prefix}familyName`)}
      />
      <Select
        placeholder={t("common.choose")}
        label={t("fields.relationship")}
        required
        allowDeselect={false}
        data={dependantRelationships.map((value) => ({ value, label: t(`relationships.${value}`) }))}
        {...form.getInputProps(`${prefix}relationship`)}
      />
      <Select
        placeholder={t("common.choose")}
        label={t("fields.sex")}
        required
        allowDeselect={false}
        data={sexes.map((value) => ({ value, label: t(`sexes.${value}`) }))}
        {...form.getInputProps(`${prefix}sex`)}
      />
      <TextInput type="date" label={t("fields.birthDate")} {...form.getInputProps(`${prefix}birthDate`)} />
      <Checkbox
        label={t("fields.isEligible")}
        description={t("personnel.eligibleHint")}
        mt={{ base: 0, xs: 28 }}
        {...form.getInputProps(`${prefix}isEligible`, { type: "checkbox" })}
      />
    </SimpleGrid>
  );
}

/** Dependants entered together with a new person (sent in the create request). */
export function DependantsFields<V extends { dependants: DependantValues[]; familyName: string }>({
  form,
}: {
  form: UseFormReturnType<V>;
}) {
  const { t } = useTranslation();
  const dependants = form.getValues().dependants;
  return (
    <Card withBorder component="section" aria-labelledby="person-dependants">
      <Title order={2} size="h4" mb={4} id="person-dependants">
        {t("fields.dependants")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("personnel.dependantsHint")}
      </Text>
      <Stack gap="xs">
        {dependants.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            {t("personnel.noDependants")}
          </Text>
        )}
        {dependants.map((_, index) => (
          <Card key={form.key(`dependants.${index}`)} withBorder padding="xs" bg="var(--mantine-color-gray-0)">
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {t("personnel.dependantNumber", { number: index + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t("personnel.removeDependantNumber", { number: index + 1 })}
                onClick={() => form.removeListItem("dependants", index)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <DependantInputs form={form} prefix={`dependants.${index}.`} />
          </Card>
        ))}
        {dependants.length < 20 && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            style={{ alignSelf: "flex-start" }}
            onClick={() => form.insertListItem("dependants", blankDependant(form.getValues().familyName) as never)}
          >
            {t("personnel.addDependant")}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
