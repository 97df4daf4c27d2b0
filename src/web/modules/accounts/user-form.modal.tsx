import { Checkbox, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { TFunction } from "i18next";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { minimumPasswordLength, passwordProblems } from "../../../core/access/password-policy.ts";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import { type SystemRole, systemRoles } from "../../app/domain.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { translateServerMessage } from "../../app/server-messages.ts";
import { type User, useCreateUser, useUpdateUser } from "./accounts.api.ts";

/** Same rules as the server (src/core/access/password-policy.ts), checked before sending. */
export function checkPassword(t: TFunction, password: string, email?: string): string | null {
  const problems = passwordProblems(password, email);
  return problems.length ? problems.map((problem) => translateServerMessage(t, problem)).join("; ") : null;
}

type FormValues = {
  email: string;
  displayName: string;
  password: string;
  systemRoles: SystemRole[];
  personId: string | null;
};

type UserFormModalProps = { opened: boolean; onClose: () => void; user?: User };

export function UserFormModal({ opened, onClose, user }: UserFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={user ? t("accounts.editTitle") : t("accounts.createTitle")}
      size="md"
    >
      {opened && <UserForm user={user} onClose={onClose} />}
    </FormModal>
  );
}

function UserForm({ user, onClose }: { user?: User; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const update = useUpdateUser();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<FormValues>({
    initialValues: {
      email: user?.email ?? "",
      displayName: user?.displayName ?? "",
      password: "",
      systemRoles: user?.systemRoles ?? [],
      personId: user?.personId ?? null,
    },
    validate: {
      email: (value) => (user || /^\S+@\S+\.\S+$/.test(value.trim()) ? null : t("validation.email")),
      displayName: (value) => (value.trim() ? null : t("validation.required")),
      password: (value, values) => (user ? null : checkPassword(t, value, values.email)),
    },
  });
  const values = form.getValues();

  function submit(formValues: FormValues) {
    setFailure(null);
    const onError = (error: unknown) => setFailure(applyApiErrors(form, error, t));
    if (user) {
      update.mutate(
        {
          id: user.id,
          body: {
            displayName: formValues.displayName.trim(),
            systemRoles: formValues.systemRoles,
            personId: formValues.personId,
          },
        },
        {
          onSuccess: () => {
            notifySuccess(t("accounts.updated"));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    create.mutate(
      {
        email: formValues.email.trim(),
        displayName: formValues.displayName.trim(),
        password: formValues.password,
        systemRoles: formValues.systemRoles,
        personId: formValues.personId,
      },
      {
        onSuccess: () => {
          notifySuccess(t("accounts.created"));
          onClose();
        },
        onError,
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <TextInput
          label={t("fields.email")}
          type="email"
          required
          disabled={Boolean(user)}
          autoComplete="off"
          {...form.getInputProps("email")}
        />
        <TextInput label={t("fields.displayName")} required maxLength={120} {...form.getInputProps("displayName")} />
        {!user && (
          <PasswordInput
            label={t("fields.password")}
            required
            autoComplete="new-password"
            description={t("accounts.passwordHint", { min: minimumPasswordLength })}
            {...form.getInputProps("password")}
          />
        )}
        <Checkbox.Group
          label={t("fields.systemRoles")}
          description={t("accounts.systemRolesHint")}
          {...form.getInputProps("systemRoles")}
        >
          <Stack gap={6} mt={6}>
            {systemRoles.map((role) => (
              <Checkbox
                key={role}
                value={role}
                label={t(`systemRoles.${role}`)}
                description={t(`systemRoleHints.${role}`)}
              />
            ))}
          </Stack>
        </Checkbox.Group>
        <PersonPicker
          label={t("accounts.linkedPerson")}
          description={t("accounts.linkedPersonHint")}
          value={values.personId}
          selectedName={user?.personName}
          error={form.errors.personId}
          onChange={(personId) => form.setFieldValue("personId", personId)}
        />
        {values.systemRoles.length === 0 && !values.personId && (
          <Text size="xs" c="orange">
            {t("accounts.noAccessWarning")}
          </Text>
        )}
        <FormActions onCancel={onClose} isSaving={create.isPending || update.isPending} isEdit={Boolean(user)} />
      </Stack>
    </form>
  );
}

export function ResetPasswordModal({
  opened,
  onClose,
  user,
}: {
  opened: boolean;
  onClose: () => void;
  user: User | null;
}) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t("accounts.resetPasswordTitle")} size="md">
      {opened && user && <ResetPasswordForm user={user} onClose={onClose} />}
    </FormModal>
  );
}

function ResetPasswordForm({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm({
    initialValues: { password: "", confirmation: "" },
    validate: {
      password: (value) => checkPassword(t, value, user.email),
      confirmation: (value, values) => (value === values.password ? null : t("accounts.passwordsDiffer")),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        update.mutate(
          { id: user.id, body: { password: values.password } },
          {
            onSuccess: () => {
              notifySuccess(t("accounts.passwordReset", { name: user.displayName }));
              onClose();
            },
            onError: (error) => setFailure(applyApiErrors(form, error, t)),
          },
        ),
      )}
    >
      <Stack gap="sm">
        <Text size="sm">{t("accounts.resetPasswordFor", { name: user.displayName, email: user.email })}</Text>
        <FormErrorAlert failure={failure} />
        <PasswordInput
          label={t("accounts.newPassword")}
          required
          autoComplete="new-password"
          description={t("accounts.passwordHint", { min: minimumPasswordLength })}
          {...form.getInputProps("password")}
        />
        <PasswordInput
          label={t("accounts.confirmPassword")}
          required
          autoComplete="new-password"
          {...form.getInputProps("confirmation")}
        />
        <FormActions onCancel={onClose} isSaving={update.isPending} submitLabel={t("accounts.resetPassword")} />
      </Stack>
    </form>
  );
}
