import { Alert, Button, Checkbox, Code, CopyButton, Group, Modal, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useCreateWebhook, webhookEventTypes } from "./webhooks.api.ts";

type FormValues = { name: string; url: string; eventTypes: string[]; placeId: string | null; isActive: boolean };

/** A new subscription; once created, its secret is shown once, to copy. */
export function WebhookCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      <FormModal opened={opened} onClose={onClose} title={t("webhooks.createTitle")} size="md">
        {opened && (
          <WebhookForm
            onClose={onClose}
            onCreated={(created) => {
              onClose();
              setSecret(created);
            }}
          />
        )}
      </FormModal>
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}

function WebhookForm({ onClose, onCreated }: { onClose: () => void; onCreated: (secret: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<FormValues>({
    initialValues: { name: "", url: "https://", eventTypes: ["incident.verified"], placeId: null, isActive: true },
    validate: {
      name: (value) => (value.trim() ? null : t("validation.required")),
      url: (value) => (/^https?:\/\/[^\s/]+/i.test(value.trim()) ? null : t("webhooks.urlInvalid")),
      eventTypes: (value) => (value.length ? null : t("webhooks.eventTypesRequired")),
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        create.mutate(
          { ...values, name: values.name.trim(), url: values.url.trim() },
          {
            onSuccess: (created) => onCreated(created.secret),
            onError: (error) => setFailure(applyApiErrors(form, error, t, { "eventTypes.0": "eventTypes" })),
          },
        );
      })}
    >
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <TextInput label={t("webhooks.name")} description={t("webhooks.nameHint")} required maxLength={120} {...form.getInputProps("name")} />
        <TextInput
          label={t("webhooks.url")}
          description={t("webhooks.urlHint")}
          required
          type="url"
          inputMode="url"
          autoComplete="off"
          maxLength={2000}
          {...form.getInputProps("url")}
        />
        <Checkbox.Group label={t("webhooks.eventTypes")} required {...form.getInputProps("eventTypes")}>
          <Stack gap={6} mt={6}>
            {webhookEventTypes.map((type) => (
              <Checkbox key={type} value={type} label={t(`webhooks.events.${type.replace(".", "_")}`)} description={<Code>{type}</Code>} />
            ))}
          </Stack>
        </Checkbox.Group>
        <PlaceSelect
          label={t("webhooks.place")}
          description={t("webhooks.placeHint")}
          placeholder={t("webhooks.everywhere")}
          value={form.getValues().placeId}
          error={form.errors.placeId}
          onChange={(placeId) => form.setFieldValue("placeId", placeId)}
        />
        <Switch label={t("webhooks.activeNow")} {...form.getInputProps("isActive", { type: "checkbox" })} />
        <FormActions onCancel={onClose} isSaving={create.isPending} />
      </Stack>
    </form>
  );
}

function SecretModal({ secret, onClose }: { secret: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={secret !== null} onClose={onClose} title={t("webhooks.secretTitle")} closeOnClickOutside={false}>
      <Stack gap="sm">
        <Alert color="orange" icon={<IconAlertTriangle aria-hidden />}>
          {t("webhooks.secretShownOnce")}
        </Alert>
        <Code block style={{ wordBreak: "break-all", whiteSpace: "pre-wrap" }} aria-label={t("webhooks.secret")} data-testid="webhook-secret">
          {secret}
        </Code>
        <Group justify="space-between">
          <CopyButton value={secret ?? ""}>
            {({ copied, copy }) => (
              <Button
                variant={copied ? "light" : "filled"}
                color={copied ? "green" : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                onClick={copy}
              >
                {copied ? t("webhooks.copied") : t("webhooks.copy")}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onClose}>
            {t("webhooks.done")}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t("webhooks.signatureHint")} <Code>X-Vigil-Signature: sha256=…</Code>
        </Text>
      </Stack>
    </Modal>
  );
}
