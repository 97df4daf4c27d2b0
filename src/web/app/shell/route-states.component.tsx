import { Alert, Button, Center, Container, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconMapQuestion } from "@tabler/icons-react";
import { type ErrorComponentProps, useRouter } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../components/links.tsx";
import { describeError } from "../server-messages.ts";

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl" mih={200}>
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <Stack align="center" gap="md">
        <IconMapQuestion size={48} aria-hidden />
        <Title order={1} size="h2">
          {t("errors.pageNotFoundTitle")}
        </Title>
        <Text c="dimmed" ta="center">
          {t("errors.pageNotFound")}
        </Text>
        <ButtonLink to="/">{t("common.backToDashboard")}</ButtonLink>
      </Stack>
    </Container>
  );
}

export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <Container size="sm" py="xl">
      <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t("errors.failedTitle")} role="alert">
        <Text size="sm">{describeError(t, error)}</Text>
        <Group mt="md">
          <Button
            size="xs"
            onClick={() => {
              reset();
              void router.invalidate();
            }}
          >
            {t("common.retry")}
          </Button>
          <ButtonLink size="xs" variant="default" to="/">
            {t("common.backToDashboard")}
          </ButtonLink>
        </Group>
      </Alert>
    </Container>
  );
}
