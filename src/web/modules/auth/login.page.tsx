import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
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
  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : t("login.emailInvalid")),
      password: (value) => (value ? null : t("login.passwordRequired")),
    },
  });

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
      form.setFieldValue("password", "");
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
          <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
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
                {...form.getInputProps("email")}
              />
              <PasswordInput
                label={t("login.password")}
                autoComplete="current-password"
                required
                {...form.getInputProps("password")}
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
