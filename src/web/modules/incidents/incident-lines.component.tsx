import { ActionIcon, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import { recruitmentTypes } from "../../app/domain.ts";
import { useOrganisationOptions } from "../../app/reference-data.ts";
import { blankPeopleLine, type IncidentFormValues } from "./incident-form-values.ts";
import { assetKinds, incidentSexes, personOutcomes, premisesKinds } from "./incident-labels.ts";
import type { TaxonomyCategory } from "./incidents.api.ts";

type Form = UseFormReturnType<IncidentFormValues>;

/** A titled card with its hint and the list-level error the API reports (e.g. "premises are required"). */
function Section({ id, title, hint, error, children }: { id: string; title: string; hint?: string; error?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" mb={4} id={id}>
        {title}
      </Title>
      {hint && (
        <Text size="xs" c="dimmed" mb="sm">
          {hint}
        </Text>
      )}
      {error && (
        <Text size="sm" c="red" mb="sm" role="alert">
          {error}
        </Text>
      )}
      {children}
    </Card>
  );
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={label} onClick={onClick}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  );
}

/** People affected: outcome × recruitment type × sex, with a count; a line may name one personnel record. */
export function PeopleAffectedField({ form, category }: { form: Form; category: TaxonomyCategory | undefined }) {
  const { t } = useTranslation();
  const organisations = useOrganisationOptions();
  const values = form.getValues();
  const chosenOrganisations = (organisations.data ?? []).filter((organisation) => values.organisationsAffected.includes(organisation.id));
  const outcomes = category ? personOutcomes.filter((outcome) => category.outcomes.includes(outcome)) : personOutcomes;
  return (
    <Section
      id="incident-people"
      title={t("incidents.fields.peopleAffected")}
      hint={category?.requiresOneOf.length ? t("incidents.form.peopleRequired", { outcomes: category.requiresOneOf.map((o) => t(`incidents.outcomes.${o}`)).join(", ") }) : t("incidents.form.peopleHint")}
      error={form.errors.peopleAffected}
    >
      <Stack gap="xs">
        {values.peopleAffected.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            {t("incidents.form.noPeople")}
          </Text>
        )}
        {values.peopleAffected.map((line, index) => (
          <Card key={form.key(`peopleAffected.${index}`)} withBorder padding="xs" bg="var(--mantine-color-gray-0)">
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {t("incidents.form.lineNumber", { number: index + 1 })}
              </Text>
              <RemoveButton label={t("incidents.form.removeLine", { number: index + 1 })} onClick={() => form.removeListItem("peopleAffected", index)} />
            </Group>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
              <Select
                label={t("incidents.fields.outcome")}
                required
                allowDeselect={false}
                placeholder={t("common.choose")}
                data={outcomes.map((value) => ({ value, label: t(`incidents.outcomes.${value}`) }))}
                {...form.getInputProps(`peopleAffected.${index}.outcome`)}
              />
              <Select
                label={t("fields.recruitmentType")}
                required
                allowDeselect={false}
                placeholder={t("common.choose")}
                data={recruitmentTypes.map((value) => ({ value, label: t(`recruitmentTypes.${value}`) }))}
                {...form.getInputProps(`peopleAffected.${index}.recruitmentType`)}
              />
              <Select
                label={t("fields.sex")}
                allowDeselect={false}
                data={incidentSexes.map((value) => ({ value, label: t(`incidents.sexes.${value}`) }))}
                {...form.getInputProps(`peopleAffected.${index}.sex`)}
              />
              <NumberInput
                label={t("incidents.fields.count")}
                required
                min={1}
                max={10_000}
                allowDecimal={false}
                disabled={Boolean(line.personId)}
                {...form.getInputProps(`peopleAffected.${index}.count`)}
              />
              <PersonPicker
                label={t("incidents.fields.linkedPerson")}
                description={t("incidents.form.linkedPersonHint")}
                value={line.personId}
                selectedName={line.personName}
                onChange={(personId, label) => {
                  form.setFieldValue(`peopleAffected.${index}.personId`, personId);
                  form.setFieldValue(`peopleAffected.${index}.personName`, label);
                  if (personId) form.setFieldValue(`peopleAffected.${index}.count`, 1);
                }}
                error={form.errors[`peopleAffected.${index}.personId`]}
              />
              <Select
                label={t("incidents.fields.organisation")}
                clearable
                placeholder={chosenOrganisations.length ? t("common.choose") : t("incidents.form.pickOrganisationsFirst")}
                data={chosenOrganisations.map((organisation) => ({ value: organisation.id, label: organisation.code }))}
                {...form.getInputProps(`peopleAffected.${index}.organisationId`)}
              />
            </SimpleGrid>
          </Card>
        ))}
        <Group>
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem("peopleAffected", blankPeopleLine())}>
            {t("incidents.form.addPeople")}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}

type ItemListName = "premisesAffected" | "assetsAffected";

/** Premises or assets affected: a kind and a short description each. */
export function ItemsField({ form, name, hint }: { form: Form; name: ItemListName; hint?: string }) {
  const { t } = useTranslation();
  const kinds: readonly string[] = name === "premisesAffected" ? premisesKinds : assetKinds;
  const labelSpace = name === "premisesAffected" ? "premisesKinds" : "assetKinds";
  const items = form.getValues()[name];
  return (
    <Section id={`incident-${name}`} title={t(`incidents.fields.${name}`)} hint={hint} error={form.errors[name]}>
      <Stack gap="xs">
        {items.length === 0 && (
          <Text size="sm" c="dimmed" fs="italic">
            {t("incidents.form.noItems")}
          </Text>
        )}
        {items.map((_, index) => (
          <Group key={form.key(`${name}.${index}`)} align="flex-start" gap="xs" wrap="nowrap">
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" style={{ flex: 1 }}>
              <Select
                label={t("incidents.fields.kind")}
                required
                allowDeselect={false}
                placeholder={t("common.choose")}
                data={kinds.map((value) => ({ value, label: t(`incidents.${labelSpace}.${value}`) }))}
                {...form.getInputProps(`${name}.${index}.kind`)}
              />
              <TextInput label={t("incidents.fields.itemDescription")} required maxLength={300} {...form.getInputProps(`${name}.${index}.description`)} />
            </SimpleGrid>
            <div style={{ paddingTop: 26 }}>
              <RemoveButton label={t("incidents.form.removeItem", { number: index + 1 })} onClick={() => form.removeListItem(name, index)} />
            </div>
          </Group>
        ))}
        <Group>
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem(name, { kind: "", description: "" })}>
            {t(name === "premisesAffected" ? "incidents.form.addPremises" : "incidents.form.addAsset")}
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
