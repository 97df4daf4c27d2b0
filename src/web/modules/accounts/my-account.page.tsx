import { Badge, Button, Card, Group, PasswordInput, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconId, IconKey } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { minimumPasswordLength } from "../../../core/access/password-policy.ts";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { ButtonLink } from "../../app/components/links.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useMe } from "../../app/session.ts";
import { LanguageSwitcher } from "../../app/shell/language-switcher.component.tsx";
import { useChangeOwnPassword } from "./accounts.api.ts";
import { ApiTokensCard } from "./api-tokens.component.tsx";
import { checkPassword } from "./user-form.modal.tsx";

export function MyAccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Stack gap="md" maw={960}>
      <PageHeader
        title={t("myAccount.title")}
        description={t("myAccount.description")}
        actions={
          me.personId && (
            <ButtonLink
              variant="default"
              to="/personnel/$personId"
              params={{ personId: me.personId }}
              leftSection={<IconId size={16} aria-hidden />}
            >
              {t("nav.myRecord")}
            </ButtonLink>
          )
        }
      />
      <Card withBorder component="section" aria-labelledby="profile-title">
        <Title order={2} size="h4" mb="sm" id="profile-title">
          {t("myAccount.profile")}
        </Title>
        <FieldList
          items={[
            { label: t("fields.displayName"), value: me.user.displayName },
            { label: t("fields.email"), value: me.user.email },
            {
              label: t("fields.systemRoles"),
              value: me.user.systemRoles.length
                ? me.user.systemRoles.map((role) => t(`systemRoles.${role}`)).join(", ")
                : null,
            },
            { label: t("myAccount.language"), value: <LanguageSwitcher isSignedIn /> },
          ]}
        />
        <Text size="sm" fw={600} mt="md" mb={4}>
          {t("myAccount.appointments")}
        </Text>
        {me.appointments.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("myAccount.noAppointments")}
          </Text>
        ) : (
          <Group gap={6}>
            {me.appointments.map((appointment) => (
              <Badge
                key={`${appointment.role}-${appointment.placeId}-${appointment.organisationId}`}
                variant="light"
                tt="none"
                size="lg"
              >
                {t(`roles.${appointment.role}`)} · {appointment.placeName}
                {appointment.organisationCode ? ` · ${appointment.organisationCode}` : ""}
              </Badge>
            ))}
          </Group>
        )}
      </Card>
      <ChangePasswordCard email={me.user.email} />
      <ApiTokensCard />
    </Stack>
  );
}

function ChangePasswordCard({ email }: { email: string }) {
  const { t } = useTranslation();
  const change = useChangeOwnPassword();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "", confirmation: "" },
    validate: {
      currentPassword: (value) => (value ? null : t("validation.required")),
      newPassword: (value) => checkPassword(t, value, email),
      confirmation: (value, values) => (value === values.newPassword ? null : t("accounts.passwordsDiffer")),
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="password-title">
      <Group gap="xs" mb="sm">
        <IconKey size={18} aria-hidden />
        <Title order={2} size="h4" id="password-title">
          {t("myAccount.changePassword")}
        </Title>
      </Group>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFailure(null);
          change.mutate(
            { currentPassword: values.currentPassword, newPassword: values.newPassword },
            {
              onSuccess: () => {
                notifySuccess(t("myAccount.passwordChanged"));
                form.reset();
              },
              onError: (error) => setFailure(applyApiErrors(form, error, t)),
            },
          );
        })}
      >
        <Stack gap="sm">
          <FormErrorAlert failure={failure} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <PasswordInput
              label={t("myAccount.currentPassword")}
              required
              autoComplete="current-password"
              {...form.getInputProps("currentPassword")}
            />
            <PasswordInput
              label={t("accounts.newPassword")}
              required
              autoComplete="new-password"
              description={t("accounts.passwordHint", { min: minimumPasswordLength })}
              {...form.getInputProps("newPassword")}
            />
            <PasswordInput
              label={t("accounts.confirmPassword")}
              required
              autoComplete="new-password"
              {...form.getInputProps("confirmation")}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t("myAccount.changePassword")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
