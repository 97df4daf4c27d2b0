import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconLock } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { describeError } from "../../app/server-messages.ts";
import { login, meQueryKey, reconcileLanguage } from "../../app/session.ts";
import { LanguageSwitcher } from "../../app/shell/language-switcher.component.tsx";
import { VigilLogo } from "../../app/shell/vigil-logo.component.tsx";

const routeApi = getRouteApi("/login");

/** Only same-site paths: never send a user on to another site after they sign in. */
function safeRedirect(target: string | undefined): string {
  return target?.startsWith("/") && !target.startsWith("//") && !target.startsWith("/login") ? target : "/";
}

export function LoginPage() {
  const { t } = useTranslation();
  const { redirect } = routeApi.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  // Two fields need no form library: @mantine/form would add a few kilobytes to the first download.
  const [values, setValues] = useState({ email: "", password: "" });
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const field = (name: "email" | "password") => ({
    value: values[name],
    error: errors[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
      setErrors((current) => ({ ...current, [name]: undefined }));
    },
  });
  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = {
      email: /^\S+@\S+$/.test(values.email.trim()) ? undefined : t("login.emailInvalid"),
      password: values.password ? undefined : t("login.passwordRequired"),
    };
    setErrors(found);
    if (!found.email && !found.password) void submit(values);
  }

  async function submit(values: { email: string; password: string }) {
    setFailure(null);
    setSubmitting(true);
    try {
      const me = await login(values.email.trim(), values.password);
      queryClient.setQueryData(meQueryKey, me);
      await reconcileLanguage(me);
      await navigate({ href: safeRedirect(redirect), replace: true });
    } catch (error) {
      setFailure(error);
      setValues((current) => ({ ...current, password: "" }));
    } finally {
      setSubmitting(false);
    }
  }

  const status = isApiError(failure) ? failure.status : null;
  const message =
    status === 401
      ? t("login.wrongCredentials")
      : status === 429
        ? t("login.locked")
        : failure
          ? describeError(t, failure)
          : null;

  return (
    <Center mih="100dvh" p="sm" bg="var(--mantine-color-gray-0)">
      <Stack w="100%" maw={400} gap="md">
        <Group justify="space-between">
          <Group gap="xs">
            <VigilLogo size={36} />
            <Title order={1} size="h2">
              Vigil
            </Title>
          </Group>
          <LanguageSwitcher isSignedIn={false} />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md" component="main">
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="sm">
              <Title order={2} size="h3">
                {t("login.title")}
              </Title>
              <Text size="sm" c="dimmed">
                {t("login.subtitle")}
              </Text>
              {message && (
                <Alert
                  color={status === 429 ? "orange" : "red"}
                  icon={status === 429 ? <IconLock aria-hidden /> : <IconAlertTriangle aria-hidden />}
                  role="alert"
                >
                  {message}
                </Alert>
              )}
              <TextInput
                label={t("login.email")}
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                autoFocus
                {...field("email")}
              />
              <PasswordInput
                label={t("login.password")}
                autoComplete="current-password"
                required
                {...field("password")}
              />
              <Button type="submit" loading={isSubmitting} fullWidth mt="xs">
                {t("login.submit")}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          {t("login.footer")}
        </Text>
      </Stack>
    </Center>
  );
}
