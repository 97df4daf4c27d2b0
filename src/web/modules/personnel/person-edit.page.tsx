import {
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconLock } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import {
  type PersonnelCategory,
  personnelCategories,
  type RecruitmentType,
  recruitmentTypes,
  type Sex,
  sexes,
} from "../../app/domain.ts";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { DependantsCard } from "./dependants.component.tsx";
import { DependantsFields, type DependantValues, toDependantBody } from "./dependants-fields.component.tsx";
import { type PersonDetail, usePerson, useSavePerson } from "./personnel.api.ts";

const editRouteApi = getRouteApi("/app/pages/personnel/$personId/edit");

export type PersonFormValues = {
  organisationId: string | null;
  dutyStationId: string | null;
  indexNumber: string;
  givenName: string;
  familyName: string;
  sex: Sex | "";
  recruitmentType: RecruitmentType | "";
  category: PersonnelCategory | "";
  grade: string;
  private: { phone: string; mobile: string; email: string; emergencyContact: string; residentialAddress: string };
  dependants: DependantValues[];
};

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

export function PersonCreatePage() {
  return <PersonForm />;
}

export function PersonEditPage() {
  const { t } = useTranslation();
  const { personId } = editRouteApi.useParams();
  const query = usePerson(personId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[300]} />}
      errorHeader={<PageHeader title={t("personnel.editTitle")} breadcrumbs={[{ label: t("personnel.title"), to: "/personnel" }]} />}
    >
      {(person) => <PersonForm person={person} />}
    </QueryBoundary>
  );
}

function PersonForm({ person }: { person?: PersonDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSavePerson(person?.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const isEdit = Boolean(person);
  // Contacts are shown for editing only when the server sent them: otherwise the caller has no
  // need to know, and sending blanks would erase what others recorded.
  const hasContacts = !isEdit || Boolean(person?.private);
  const form = useForm<PersonFormValues>({
    initialValues: {
      organisationId: person?.organisationId ?? null,
      dutyStationId: person?.dutyStationId ?? null,
      indexNumber: person?.indexNumber ?? "",
      givenName: person?.givenName ?? "",
      familyName: person?.familyName ?? "",
      sex: person?.sex ?? "",
      recruitmentType: person?.recruitmentType ?? "",
      category: person?.category ?? "",
      grade: person?.grade ?? "",
      private: {
        phone: person?.private?.phone ?? "",
        mobile: person?.private?.mobile ?? "",
        email: person?.private?.email ?? "",
        emergencyContact: person?.private?.emergencyContact ?? "",
        residentialAddress: person?.private?.residentialAddress ?? "",
      },
      dependants: [],
    },
    validate: {
      organisationId: (value) => (value ? null : t("validation.required")),
      dutyStationId: (value) => (value ? null : t("validation.required")),
      givenName: (value) => (value.trim() ? null : t("validation.required")),
      familyName: (value) => (value.trim() ? null : t("validation.required")),
      sex: (value) => (value ? null : t("validation.required")),
      recruitmentType: (value) => (value ? null : t("validation.required")),
      category: (value) => (value ? null : t("validation.required")),
      private: {
        email: (value) => (value.trim() && !/^\S+@\S+\.\S+$/.test(value.trim()) ? t("validation.email") : null),
      },
      dependants: {
        givenName: (value) => (value.trim() ? null : t("validation.required")),
        familyName: (value) => (value.trim() ? null : t("validation.required")),
        relationship: (value) => (value ? null : t("validation.required")),
        sex: (value) => (value ? null : t("validation.required")),
      },
    },
  });

  function submit(values: PersonFormValues) {
    setFailure(null);
    const contacts = values.private;
    save.mutate(
      {
        organisationId: values.organisationId as string,
        dutyStationId: values.dutyStationId as string,
        indexNumber: blankToNull(values.indexNumber),
        givenName: values.givenName.trim(),
        familyName: values.familyName.trim(),
        sex: values.sex as Sex,
        recruitmentType: values.recruitmentType as RecruitmentType,
        category: values.category as PersonnelCategory,
        grade: blankToNull(values.grade),
        ...(hasContacts
          ? {
              private: {
                phone: blankToNull(contacts.phone),
                mobile: blankToNull(contacts.mobile),
                email: blankToNull(contacts.email),
                emergencyContact: blankToNull(contacts.emergencyContact),
                residentialAddress: blankToNull(contacts.residentialAddress),
              },
            }
          : {}),
        ...(isEdit ? {} : { dependants: values.dependants.map(toDependantBody) }),
      },
      {
        onSuccess: (saved) => {
          notifySuccess(isEdit ? t("personnel.updated") : t("personnel.created"));
          void navigate({ to: "/personnel/$personId", params: { personId: saved.id } });
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  }

  const title = person ? t("personnel.editTitle") : t("personnel.createTitle");
  const crumbs = [
    { label: t("personnel.title"), to: "/personnel" },
    ...(person
      ? [
          {
            label: `${person.givenName} ${person.familyName}`,
            to: "/personnel/$personId",
            params: { personId: person.id },
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader title={title} breadcrumbs={crumbs} />
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md" maw={960}>
          <FormErrorAlert failure={failure} />
          <Card withBorder component="section" aria-labelledby="person-identity">
            <Title order={2} size="h4" mb="sm" id="person-identity">
              {t("personnel.sections.identity")}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
              <TextInput
                label={t("fields.givenName")}
                required
                maxLength={80}
                autoComplete="off"
                {...form.getInputProps("givenName")}
              />
              <TextInput
                label={t("fields.familyName")}
                required
                maxLength={80}
                autoComplete="off"
                {...form.getInputProps("familyName")}
              />
              <Select
                placeholder={t("common.choose")}
                label={t("fields.sex")}
                required
                allowDeselect={false}
                data={sexes.map((value) => ({ value, label: t(`sexes.${value}`) }))}
                {...form.getInputProps("sex")}
              />
            </SimpleGrid>
          </Card>

          <Card withBorder component="section" aria-labelledby="person-employment">
            <Title order={2} size="h4" mb="sm" id="person-employment">
              {t("personnel.sections.employment")}
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <OrganisationSelect label={t("fields.organisation")} required {...form.getInputProps("organisationId")} />
              <PlaceSelect
                label={t("fields.dutyStation")}
                required
                kinds={["duty_station"]}
                {...form.getInputProps("dutyStationId")}
              />
              <Select
                placeholder={t("common.choose")}
                label={t("fields.recruitmentType")}
                required
                allowDeselect={false}
                description={t("personnel.recruitmentHint")}
                data={recruitmentTypes.map((value) => ({ value, label: t(`recruitmentTypes.${value}`) }))}
                {...form.getInputProps("recruitmentType")}
              />
              <Select
                placeholder={t("common.choose")}
                label={t("fields.category")}
                required
                allowDeselect={false}
                data={personnelCategories.map((value) => ({ value, label: t(`categories.${value}`) }))}
                {...form.getInputProps("category")}
              />
              <TextInput
                label={t("fields.grade")}
                maxLength={12}
                placeholder="P-4, G-6, NO-B…"
                {...form.getInputProps("grade")}
              />
              <TextInput label={t("fields.indexNumber")} maxLength={20} {...form.getInputProps("indexNumber")} />
            </SimpleGrid>
          </Card>

          {hasContacts && (
            <Card withBorder component="section" aria-labelledby="person-contacts">
              <Group gap="xs" mb={4}>
                <IconLock size={18} aria-hidden />
                <Title order={2} size="h4" id="person-contacts">
                  {t("personnel.sections.contacts")}
                </Title>
              </Group>
              <Text size="xs" c="dimmed" mb="sm">
                {t("personnel.contactsHint")}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput
                  label={t("fields.phone")}
                  type="tel"
                  maxLength={40}
                  {...form.getInputProps("private.phone")}
                />
                <TextInput
                  label={t("fields.mobile")}
                  type="tel"
                  maxLength={40}
                  {...form.getInputProps("private.mobile")}
                />
                <TextInput label={t("fields.email")} type="email" {...form.getInputProps("private.email")} />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
                <Textarea
                  label={t("fields.emergencyContact")}
                  autosize
                  minRows={2}
                  maxLength={300}
                  {...form.getInputProps("private.emergencyContact")}
                />
                <Textarea
                  label={t("fields.residentialAddress")}
                  autosize
                  minRows={2}
                  maxLength={500}
                  {...form.getInputProps("private.residentialAddress")}
                />
              </SimpleGrid>
            </Card>
          )}

          {isEdit ? null : <DependantsFields form={form} />}

          <FormActions
            onCancel={() =>
              person
                ? void navigate({ to: "/personnel/$personId", params: { personId: person.id } })
                : void navigate({ to: "/personnel" })
            }
            isSaving={save.isPending}
            isEdit={isEdit}
            mt={0}
          />
        </Stack>
      </form>
      {person && (
        <Stack mt="lg" maw={960}>
          <DependantsCard person={person} />
        </Stack>
      )}
    </>
  );
}
