import { ActionIcon, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type TravelProfileInput, maxPassportYears, maxProofOfLife, profileProblems, travelProfileInput } from "../../../core/travel/profile.ts";
import { isApiError } from "../../app/api.ts";
import { CountrySelect } from "../../app/components/pickers/country-select.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { formatDateTime } from "../../app/format.ts";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import type { FormFailure } from "../../app/forms/form-errors.ts";
import { translateServerMessage } from "../../app/server-messages.ts";
import { type TravelProfile, useSaveProfile } from "./profile.api.ts";

type Values = {
  emergencyContactName: string;
  emergencyContactRelationship: string;
  emergencyContactPhone: string;
  travelPhone: string;
  nationality: string | null;
  passportNumber: string;
  passportCountry: string | null;
  passportExpiresOn: string;
  proofOfLife: { key: string; question: string; answer: string }[];
};

let questionCount = 0;
const questionKey = () => {
  questionCount += 1;
  return `question-${questionCount}`;
};

const valuesOf = (profile: TravelProfile): Values => ({
  emergencyContactName: profile.emergencyContactName ?? "",
  emergencyContactRelationship: profile.emergencyContactRelationship ?? "",
  emergencyContactPhone: profile.emergencyContactPhone ?? "",
  travelPhone: profile.travelPhone ?? "",
  nationality: profile.nationality,
  passportNumber: profile.passportNumber ?? "",
  passportCountry: profile.passportCountry,
  passportExpiresOn: profile.passportExpiresOn ?? "",
  proofOfLife: profile.proofOfLife.map((item) => ({ key: questionKey(), ...item })),
});

const bodyOf = (values: Values): TravelProfileInput => ({
  ...values,
  proofOfLife: values.proofOfLife.map(({ question, answer }) => ({ question, answer })),
});

/** The shared schema's messages (and the server's, which are the same) in the reader's language. */
function issueText(t: TFunction, message: string): string {
  if (message === "must hold 6 to 15 digits") return t("travelProfile.errors.phoneDigits");
  if (message === "must be 5 to 20 letters and digits") return t("travelProfile.errors.passportNumber");
  if (message === "is required with a passport number") return t("travelProfile.errors.requiredWithPassport");
  if (message.startsWith("is required with the passport's")) return t("travelProfile.errors.passportRequired");
  if (message.endsWith("years ahead: check the year")) return t("travelProfile.errors.expiryTooFar", { years: maxPassportYears });
  if (message.startsWith("at most") && message.endsWith("proof-of-life questions")) return t("travelProfile.errors.tooManyQuestions", { max: maxProofOfLife });
  if (message === "must be a date as YYYY-MM-DD" || message.startsWith("must be between")) return t("serverMessages.date");
  return translateServerMessage(t, message);
}

/** The form's own checks are the server's (the same zod schema and rules), so both answer alike. */
function problemsOf(t: TFunction, values: Values): Record<string, string> {
  const parsed = travelProfileInput.safeParse(bodyOf(values));
  const issues = parsed.success ? profileProblems(parsed.data, new Date().toISOString().slice(0, 10)) : parsed.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message }));
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.field] ??= issueText(t, issue.message);
  return errors;
}

type Props = { profile: TravelProfile; title: string };

/**
 * One person's travel profile as a card of its own (the person's, or one dependant's), saved on
 * its own. Built for a phone: one column, phone inputs that bring up the dial pad, the country
 * lists searchable, each problem beside its input in the reader's language.
 */
export function TravelProfileForm({ profile, title }: Props) {
  const { t, i18n } = useTranslation();
  const save = useSaveProfile();
  const titleId = useId();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<Values>({ mode: "controlled", initialValues: valuesOf(profile), validate: (values) => problemsOf(t, values) });
  const questions = form.values.proofOfLife;

  const submit = form.onSubmit((values) => {
    setFailure(null);
    save.mutate(
      { dependantId: profile.dependantId, body: bodyOf(values) },
      {
        onSuccess: (saved) => {
          form.setValues(valuesOf(saved));
          form.resetDirty(valuesOf(saved));
          notifySuccess(t("travelProfile.saved", { name: saved.name }));
        },
        onError: (error) => {
          if (!isApiError(error)) return setFailure({ error, unmatched: [] });
          const known = new Set(Object.keys(form.values).concat(questions.flatMap((_, index) => [`proofOfLife.${index}.question`, `proofOfLife.${index}.answer`])));
          const errors: Record<string, string> = {};
          const unmatched = error.issues.filter((issue) => {
            if (!known.has(issue.field)) return true;
            errors[issue.field] = issueText(t, issue.message);
            return false;
          });
          form.setErrors(errors);
          setFailure({ error, unmatched });
        },
      },
    );
  });

  // The hint goes under the input, so that the phone lines up with its neighbours on a wide screen.
  const phoneProps = {
    type: "tel",
    inputMode: "tel" as const,
    autoComplete: "off",
    description: t("travelProfile.hints.phone"),
    inputWrapperOrder: ["label", "input", "description", "error"] as ("label" | "input" | "description" | "error")[],
  };
  const sectionTitle = (key: string) => (
    <Title order={3} size="h5">
      {t(`travelProfile.sections.${key}`)}
    </Title>
  );

  return (
    <Card withBorder padding="sm" component="section" aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Title order={2} size="h4" id={titleId}>
              {title}
            </Title>
            <Text size="xs" c="dimmed">
              {profile.updatedAt ? t("travelProfile.lastSaved", { date: formatDateTime(profile.updatedAt, i18n.language) }) : t("travelProfile.notFilled")}
            </Text>
          </Group>
          <FormErrorAlert failure={failure} />
          {sectionTitle("emergency")}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t("travelProfile.fields.emergencyContactName")} maxLength={120} autoComplete="off" {...form.getInputProps("emergencyContactName")} />
            <TextInput
              label={t("travelProfile.fields.emergencyContactRelationship")}
              placeholder={t("travelProfile.hints.relationship")}
              maxLength={80}
              {...form.getInputProps("emergencyContactRelationship")}
            />
            <TextInput label={t("travelProfile.fields.emergencyContactPhone")} {...phoneProps} {...form.getInputProps("emergencyContactPhone")} />
          </SimpleGrid>
          {sectionTitle("reach")}
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput label={t("travelProfile.fields.travelPhone")} {...phoneProps} {...form.getInputProps("travelPhone")} />
          </SimpleGrid>
          {sectionTitle("passport")}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <CountrySelect label={t("travelProfile.fields.nationality")} {...form.getInputProps("nationality")} />
            <TextInput label={t("travelProfile.fields.passportNumber")} maxLength={40} autoComplete="off" autoCapitalize="characters" spellCheck={false} {...form.getInputProps("passportNumber")} />
            <CountrySelect label={t("travelProfile.fields.passportCountry")} {...form.getInputProps("passportCountry")} />
            <TextInput type="date" label={t("travelProfile.fields.passportExpiresOn")} {...form.getInputProps("passportExpiresOn")} />
          </SimpleGrid>
          {sectionTitle("proofOfLife")}
          <Text size="sm" c="dimmed">
            {t("travelProfile.hints.proofOfLife", { max: maxProofOfLife })}
          </Text>
          {questions.map((item, index) => (
            <Group key={item.key} align="flex-end" gap="xs" wrap="nowrap">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1 }}>
                <TextInput label={t("travelProfile.fields.question", { number: index + 1 })} maxLength={200} {...form.getInputProps(`proofOfLife.${index}.question`)} />
                <TextInput label={t("travelProfile.fields.answer", { number: index + 1 })} maxLength={200} autoComplete="off" {...form.getInputProps(`proofOfLife.${index}.answer`)} />
              </SimpleGrid>
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                mb={form.errors[`proofOfLife.${index}.answer`] ? 22 : 2}
                aria-label={t("travelProfile.removeQuestion", { number: index + 1 })}
                onClick={() => form.removeListItem("proofOfLife", index)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          {form.errors.proofOfLife && (
            <Text size="xs" c="red" role="alert">
              {form.errors.proofOfLife}
            </Text>
          )}
          <Group justify="space-between" gap="xs">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={questions.length >= maxProofOfLife}
              onClick={() => form.insertListItem("proofOfLife", { key: questionKey(), question: "", answer: "" })}
            >
              {t("travelProfile.addQuestion")}
            </Button>
            <Button type="submit" loading={save.isPending} aria-label={profile.dependantId ? t("travelProfile.saveNamed", { name: profile.name }) : undefined}>
              {t("travelProfile.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
