import { Alert, Button, Card, Checkbox, Group, MultiSelect, SegmentedControl, Stack, Switch, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSend, IconUsers } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { recruitmentTypes } from "../../../core/personnel/personnel.schemas.ts";
import { smsParts } from "../../../core/notifications/sms.ts";
import { messageSms } from "../../../core/readiness/checkin-words.ts";
import type { MessageInput } from "../../../core/readiness/checkins.ts";
import { confirmAction } from "../../app/components/confirm.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useOrganisationOptions } from "../../app/reference-data.ts";
import { useCheckinMutations, usePreview } from "./checkins.api.ts";
import { useZones } from "./zones.api.ts";

type Values = {
  kind: "checkin" | "broadcast";
  placeId: string | null;
  zoneIds: string[];
  organisationIds: string[];
  recruitmentTypes: string[];
  includeTravellers: boolean;
  includeDependants: boolean;
  title: string;
  body: string;
  expiresAt: string;
  app: boolean;
  email: boolean;
  sms: boolean;
};

/** A datetime-local value (the browser's local time) a day from now: a check-in's default opening. */
const inADay = () => {
  const date = new Date(Date.now() + 24 * 3_600_000);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

const bodyOf = (values: Values): MessageInput => ({
  kind: values.kind,
  audience: {
    placeId: values.placeId as string,
    zoneIds: values.zoneIds,
    organisationIds: values.organisationIds,
    recruitmentTypes: values.recruitmentTypes as MessageInput["audience"]["recruitmentTypes"],
    includeTravellers: values.includeTravellers,
    includeDependants: values.includeDependants,
  },
  title: values.title.trim(),
  body: values.body.trim(),
  expiresAt: values.kind === "checkin" && values.expiresAt ? new Date(values.expiresAt).toISOString() : null,
  channels: { app: values.app, email: values.email, sms: values.sms },
  testPersonIds: [],
});

/** How many SMS the message takes, its reply link counted at the length the server makes it. */
function smsPartCount(values: Values, language: string): number {
  const link = values.kind === "checkin" ? `${window.location.origin}/r/xxxxx.xxxxxxxxxxxxxxxx` : null;
  return smsParts(messageSms({ kind: values.kind, title: values.title.trim(), body: values.body.trim(), isTest: false }, link, language.startsWith("fr") ? "fr" : "en")).parts.length;
}

/** Sending a check-in or a message (issue 14 §4): the audience narrowed step by step, its reach shown before sending. */
export function CheckinNewPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { send } = useCheckinMutations();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const form = useForm<Values>({
    initialValues: { kind: "checkin", placeId: null, zoneIds: [], organisationIds: [], recruitmentTypes: [], includeTravellers: true, includeDependants: true, title: "", body: "", expiresAt: inADay(), app: true, email: true, sms: true },
    validate: {
      placeId: (value) => (value ? null : t("validation.required")),
      title: (value) => (value.trim() ? null : t("validation.required")),
    },
  });
  const values = form.getValues();
  const zones = useZones(values.placeId);
  const organisations = useOrganisationOptions();
  const [audience] = useDebouncedValue(values.placeId ? { audience: bodyOf(values).audience, channels: bodyOf(values).channels } : null, 400);
  const preview = usePreview(audience);
  const zoneOptions = useMemo(() => (zones.data?.items ?? []).map((zone) => ({ value: zone.id, label: zone.name })), [zones.data]);

  const submit = (submitted: Values) => {
    const count = preview.data?.recipients ?? 0;
    confirmAction({
      title: t("checkins.form.send"),
      message: t("checkins.form.sendConfirm", { title: submitted.title, count }),
      confirmLabel: t("checkins.form.send"),
      isDanger: false,
      onConfirm: () => {
        setFailure(null);
        send.mutate(bodyOf(submitted), {
          onSuccess: (message) => {
            notifySuccess(t("checkins.form.sent", { count }));
            void navigate({ to: "/readiness/checkins/$messageId", params: { messageId: message.id } });
          },
          onError: (error) => setFailure(applyApiErrors(form, error, t, { "audience.placeId": "placeId", "audience.zoneIds": "zoneIds" })),
        });
      },
    });
  };

  return (
    <>
      <PageHeader title={t("checkins.new")} breadcrumbs={[{ label: t("checkins.title"), to: "/readiness/checkins" }, { label: t("checkins.new") }]} />
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md" maw={720}>
          <FormErrorAlert failure={failure} />
          <SegmentedControl
            aria-label={t("checkins.form.kind")}
            data={[
              { value: "checkin", label: t("checkins.kind.checkin") },
              { value: "broadcast", label: t("checkins.kind.broadcast") },
            ]}
            {...form.getInputProps("kind")}
          />
          <Card withBorder padding="md">
            <Stack gap="sm">
              <PlaceSelect kinds={["designated_area", "security_area"]} label={t("checkins.form.area")} required {...form.getInputProps("placeId")} />
              {zoneOptions.length ? <MultiSelect label={t("checkins.form.zones")} description={t("checkins.form.zonesHint")} data={zoneOptions} searchable clearable {...form.getInputProps("zoneIds")} /> : null}
              <MultiSelect
                label={t("checkins.form.organisations")}
                description={t("checkins.form.organisationsHint")}
                data={(organisations.data ?? []).map((organisation) => ({ value: organisation.id, label: organisation.code }))}
                searchable
                clearable
                {...form.getInputProps("organisationIds")}
              />
              <Checkbox.Group label={t("checkins.form.recruitment")} {...form.getInputProps("recruitmentTypes")}>
                <Group mt={4}>
                  {recruitmentTypes.map((type) => (
                    <Checkbox key={type} value={type} label={t(`recruitmentTypes.${type}`)} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Switch label={t("checkins.form.travellers")} {...form.getInputProps("includeTravellers", { type: "checkbox" })} />
              <Switch label={t("checkins.form.dependants")} {...form.getInputProps("includeDependants", { type: "checkbox" })} />
            </Stack>
          </Card>
          {preview.data ? (
            <Alert icon={<IconUsers size={18} />} color={preview.data.unreachable ? "orange" : "blue"} aria-live="polite">
              {t("checkins.form.preview", preview.data)} {preview.data.travellers ? t("checkins.form.previewTravellers", { count: preview.data.travellers }) : ""}
            </Alert>
          ) : null}
          <TextInput label={t("checkins.form.title")} required maxLength={120} {...form.getInputProps("title")} />
          <Textarea label={t("checkins.form.body")} autosize minRows={3} maxLength={1000} {...form.getInputProps("body")} />
          {values.kind === "checkin" ? <TextInput type="datetime-local" label={t("checkins.form.expiresAt")} {...form.getInputProps("expiresAt")} /> : null}
          <Checkbox.Group label={t("checkins.form.channels")}>
            <Group mt={4}>
              <Checkbox label={t("checkins.channels.app")} {...form.getInputProps("app", { type: "checkbox" })} />
              <Checkbox label={t("checkins.channels.email")} {...form.getInputProps("email", { type: "checkbox" })} />
              <Checkbox label={t("checkins.channels.sms")} description={values.sms ? t("checkins.form.smsParts", { count: smsPartCount(values, i18n.language) }) : undefined} {...form.getInputProps("sms", { type: "checkbox" })} />
            </Group>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button type="submit" leftSection={<IconSend size={16} />} loading={send.isPending} disabled={!preview.data?.recipients}>
              {t("checkins.form.send")}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
