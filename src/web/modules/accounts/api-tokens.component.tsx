import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconCheck, IconCopy, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type ApiToken, type TokenScope, useCreateToken, useRevokeToken, useTokens } from "./accounts.api.ts";

const expiryChoices = ["30", "90", "365", "never"] as const;
const scopeChoices: TokenScope[] = ["read", "read_write"];

function tokenState(token: ApiToken): "revoked" | "expired" | "active" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && new Date(token.expiresAt) < new Date()) return "expired";
  return "active";
}

export function ApiTokensCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [createdToken, setCreatedToken] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: "", scope: "read" as TokenScope, expiresInDays: "90" as (typeof expiryChoices)[number] },
    validate: { name: (value) => (value.trim() ? null : t("validation.required")) },
  });

  function confirmRevoke(token: ApiToken) {
    confirmAction({
      title: t("tokens.revokeTitle"),
      message: t("tokens.revokeMessage", { name: token.name }),
      confirmLabel: t("tokens.revoke"),
      onConfirm: () =>
        revoke.mutate(token.id, {
          onSuccess: () => notifySuccess(t("tokens.revoked")),
          onError: (error) => notifyError(error),
        }),
    });
  }

  const stateColors = { active: "green", revoked: "gray", expired: "orange" } as const;
  const columns: Column<ApiToken>[] = [
    { key: "name", header: t("fields.name"), isPrimary: true, render: (token) => token.name },
    { key: "prefix", header: t("tokens.prefix"), render: (token) => <Code>{token.prefix}…</Code> },
    { key: "scope", header: t("tokens.scope"), render: (token) => t(`tokens.scopes.${token.scope}`) },
    { key: "created", header: t("fields.createdAt"), render: (token) => format.date(token.createdAt) },
    {
      key: "lastUsed",
      header: t("tokens.lastUsed"),
      render: (token) => (token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t("tokens.never")),
    },
    {
      key: "expires",
      header: t("tokens.expires"),
      render: (token) => (token.expiresAt ? format.date(token.expiresAt) : t("tokens.noExpiry")),
    },
    {
      key: "state",
      header: t("fields.status"),
      render: (token) => (
        <Badge size="sm" variant="light" color={stateColors[tokenState(token)]}>
          {t(`tokens.states.${tokenState(token)}`)}
        </Badge>
      ),
    },
  ];

  return (
    <Card withBorder component="section" aria-labelledby="tokens-title">
      <Title order={2} size="h4" mb={4} id="tokens-title">
        {t("tokens.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("tokens.description")}
      </Text>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          setFailure(null);
          create.mutate(
            {
              name: values.name.trim(),
              scope: values.scope,
              expiresInDays: values.expiresInDays === "never" ? null : Number(values.expiresInDays),
            },
            {
              onSuccess: (result) => {
                setCreatedToken(result.token);
                form.reset();
              },
              onError: (error) => setFailure(applyApiErrors(form, error, t)),
            },
          );
        })}
      >
        <Stack gap="xs" mb="md">
          <FormErrorAlert failure={failure} />
          <Group align="flex-end" gap="xs">
            <TextInput
              label={t("tokens.name")}
              placeholder={t("tokens.namePlaceholder")}
              maxLength={80}
              style={{ flex: "1 1 200px" }}
              {...form.getInputProps("name")}
            />
            <Select
              label={t("tokens.scope")}
              description={t("tokens.scopeHint")}
              allowDeselect={false}
              style={{ flex: "0 1 200px" }}
              data={scopeChoices.map((value) => ({ value, label: t(`tokens.scopes.${value}`) }))}
              {...form.getInputProps("scope")}
            />
            <Select
              label={t("tokens.expiry")}
              allowDeselect={false}
              style={{ flex: "0 1 160px" }}
              data={expiryChoices.map((value) => ({
                value,
                label: value === "never" ? t("tokens.noExpiry") : t("tokens.days", { count: Number(value) }),
              }))}
              {...form.getInputProps("expiresInDays")}
            />
            <Button type="submit" loading={create.isPending} leftSection={<IconPlus size={16} aria-hidden />}>
              {t("tokens.create")}
            </Button>
          </Group>
        </Stack>
      </form>
      {tokens.isError ? (
        <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : (
        <DataTable
          caption={t("tokens.title")}
          columns={columns}
          items={tokens.data?.items}
          isLoading={tokens.isPending}
          getKey={(token) => token.id}
          minWidth={680}
          empty={<Empty isCompact title={t("tokens.empty")} />}
          rowActions={(token) =>
            tokenState(token) === "active" && (
              <Tooltip label={t("tokens.revoke")}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("tokens.revokeNamed", { name: token.name })}
                  onClick={() => confirmRevoke(token)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )
          }
        />
      )}
      <Modal
        opened={createdToken !== null}
        onClose={() => setCreatedToken(null)}
        title={t("tokens.createdTitle")}
        closeOnClickOutside={false}
      >
        <Stack gap="sm">
          <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
            {t("tokens.shownOnce")}
          </Alert>
          <Code block style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }} aria-label={t("tokens.value")}>
            {createdToken}
          </Code>
          <Group justify="space-between">
            <CopyButton value={createdToken ?? ""}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? "light" : "filled"}
                  color={copied ? "green" : undefined}
                  leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  onClick={copy}
                >
                  {copied ? t("tokens.copied") : t("tokens.copy")}
                </Button>
              )}
            </CopyButton>
            <Button variant="default" onClick={() => setCreatedToken(null)}>
              {t("tokens.done")}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t("tokens.usage")} <Code>Authorization: Bearer vgl_…</Code>
          </Text>
        </Stack>
      </Modal>
    </Card>
  );
}
