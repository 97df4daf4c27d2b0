import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle, IconArrowBackUp, IconPlus } from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { airModes } from "../../../core/travel/clearance.ts";
import type { RequestKind } from "../../../core/travel/itinerary.ts";
import { isApiError } from "../../app/api.ts";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useMe } from "../../app/session.ts";
import { type LegsForm, type LegValues, TripLegFields } from "./trip-leg-fields.component.tsx";
import { type TravellerValues, TripTravellersField, travellerKey } from "./trip-travellers-field.component.tsx";
import { type TripBody, useFileTrip, useOwnPerson } from "./travel.api.ts";

type FormValues = {
  kind: RequestKind;
  purpose: string;
  isLateNotification: boolean;
  travellers: TravellerValues[];
  dependantIds: string[];
  legs: LegValues[];
};

let legCount = 0;
function legKey(): string {
  legCount += 1;
  return `leg-${legCount}`;
}

const blankLeg = (patch: Partial<LegValues> = {}): LegValues => ({
  key: legKey(),
  from: null,
  to: null,
  departureDate: "",
  departureTime: "",
  arrivalDate: "",
  arrivalTime: "",
  transport: "road",
  operatorId: null,
  vehicleArrangement: "",
  accommodation: "",
  contact: "",
  ...patch,
});

const orNull = (value: string) => value.trim() || null;

/** The trip another of the traveller's overlaps, from the server's 409 ("… is already on trip TR-… (…)"). */
function overlapOf(error: unknown): { name: string; number: string; span: string } | null {
  if (!isApiError(error) || error.status !== 409) return null;
  const match = /^(.*) is already on trip (\S+) \((.*)\)$/.exec(error.issues[0]?.message ?? error.message);
  return match ? { name: match[1], number: match[2], span: match[3] } : null;
}

/**
 * Filing a trip (issue 13 §3), built for a phone: who travels, why, and the legs in order, each
 * in its places' own clocks. The server checks the itinerary and decides each leg; its field
 * problems come back beside the inputs, an overlapping trip as an alert naming it.
 */
export function TripFilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const fileTrip = useFileTrip();
  const self = useOwnPerson(me.personId);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const mayNameOthers = me.permissions.includes("travel.request.file");
  const form = useForm<FormValues>({
    initialValues: {
      kind: "clearance",
      purpose: "",
      isLateNotification: false,
      travellers: me.personId ? [{ key: travellerKey(), personId: me.personId, name: me.user.displayName, isSelf: true }] : [],
      dependantIds: [],
      legs: [blankLeg()],
    },
    validate: {
      purpose: (value) => (value.trim() ? null : t("validation.required")),
      travellers: {
        personId: (value) => (value ? null : t("validation.required")),
      },
      legs: {
        from: (value) => (value ? null : t("validation.required")),
        to: (value) => (value ? null : t("validation.required")),
        departureDate: (value) => (value ? null : t("validation.required")),
        departureTime: (value) => (value ? null : t("validation.required")),
        arrivalDate: (value) => (value ? null : t("validation.required")),
        arrivalTime: (value) => (value ? null : t("validation.required")),
      },
    },
  });
  const values = form.getValues();
  const legs = values.legs;
  const selfName = self.data ? `${self.data.givenName} ${self.data.familyName}` : me.user.displayName;
  const ownDependants = (self.data?.dependants ?? []).map((one) => ({ id: one.id, name: `${one.givenName} ${one.familyName}` }));
  const hasSelf = values.travellers.some((one) => one.isSelf);

  function addLeg() {
    const previous = legs[legs.length - 1];
    form.insertListItem(
      "legs",
      blankLeg({
        from: previous?.to ?? null,
        departureDate: previous?.arrivalDate ?? "",
        transport: previous?.transport ?? "road",
        operatorId: previous?.operatorId ?? null,
        vehicleArrangement: previous?.vehicleArrangement ?? "",
      }),
    );
  }

  function addReturnLeg() {
    const first = legs[0];
    const last = legs[legs.length - 1];
    form.insertListItem(
      "legs",
      blankLeg({ from: last.to, to: first.from, departureDate: last.arrivalDate, transport: first.transport, operatorId: first.operatorId, vehicleArrangement: first.vehicleArrangement }),
    );
  }

  function bodyOf(formValues: FormValues): TripBody {
    const people = formValues.travellers.map((one) => ({ personId: one.personId as string }));
    const kin = formValues.travellers.some((one) => one.isSelf) ? formValues.dependantIds.map((dependantId) => ({ dependantId })) : [];
    return {
      kind: formValues.kind,
      purpose: formValues.purpose.trim(),
      isLateNotification: formValues.isLateNotification,
      travellers: [...people, ...kin],
      legs: formValues.legs.map((leg) => ({
        fromPlaceId: leg.from?.id as string,
        toPlaceId: leg.to?.id as string,
        departureLocal: `${leg.departureDate}T${leg.departureTime}`,
        arrivalLocal: `${leg.arrivalDate}T${leg.arrivalTime}`,
        transport: leg.transport,
        operatorId: airModes.includes(leg.transport) ? leg.operatorId : null,
        vehicleArrangement: leg.transport === "road" ? orNull(leg.vehicleArrangement) : null,
        accommodation: orNull(leg.accommodation),
        contact: orNull(leg.contact),
      })),
    };
  }

  /** The API names fields of its body; the form holds places as choices and each moment as a date and a time. */
  function fieldMap(formValues: FormValues): Record<string, string> {
    const map: Record<string, string> = {};
    formValues.legs.forEach((_, index) => {
      const at = (field: string) => `legs.${index}.${field}`;
      Object.assign(map, {
        [at("fromPlaceId")]: at("from"),
        [at("toPlaceId")]: at("to"),
        [at("departureLocal")]: at("departureDate"),
        [at("arrivalLocal")]: at("arrivalDate"),
        [at("operatorId")]: at("operatorId"),
      });
    });
    const people = formValues.travellers.length;
    formValues.dependantIds.forEach((_, index) => {
      map[`travellers.${people + index}.dependantId`] = "dependantIds";
      map[`travellers.${people + index}`] = "dependantIds";
    });
    if (people === 0) map.travellers = "travellers";
    return map;
  }

  function submit(formValues: FormValues) {
    setFailure(null);
    fileTrip.mutate(bodyOf(formValues), {
      onSuccess: (trip) => {
        notifySuccess(t(trip.kind === "notification" ? "travel.file.notified" : "travel.file.filed", { number: trip.number }));
        void navigate({ to: "/travel/requests/$requestId", params: { requestId: trip.id } });
      },
      onError: (error) => {
        // An overlapping trip is about the whole itinerary: an alert above the form, not a field error.
        if (overlapOf(error)) setFailure({ error, unmatched: [] });
        else setFailure(applyApiErrors(form, error, t, fieldMap(formValues)));
        window.scrollTo({ top: 0, behavior: "smooth" });
      },
    });
  }

  const overlap = failure ? overlapOf(failure.error) : null;
  const travellersError = form.errors.travellers as string | undefined;

  return (
    <>
      <PageHeader title={t("travel.file.title")} description={t("travel.file.description")} breadcrumbs={[{ label: t("travel.list.title"), to: "/travel" }]} />
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md" maw={960}>
          {overlap ? (
            <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t("travel.file.overlapTitle")} role="alert">
              {t("travel.file.overlap", overlap)}
            </Alert>
          ) : (
            <FormErrorAlert failure={failure} />
          )}
          <Card withBorder padding="sm">
            <Stack gap="sm">
              <Stack gap={4}>
                <Text size="sm" fw={500} id="trip-kind-label">
                  {t("travel.fields.kind")}
                </Text>
                <SegmentedControl
                  aria-labelledby="trip-kind-label"
                  fullWidth
                  data={[
                    { value: "clearance", label: t("travel.kinds.clearance") },
                    { value: "notification", label: t("travel.kinds.notification") },
                  ]}
                  {...form.getInputProps("kind")}
                />
                <Text size="xs" c="dimmed">
                  {t(values.kind === "notification" ? "travel.file.notificationHint" : "travel.file.clearanceHint")}
                </Text>
              </Stack>
              <Textarea label={t("travel.fields.purpose")} required autosize minRows={2} maxLength={500} {...form.getInputProps("purpose")} />
              <Checkbox
                label={t("travel.fields.isLateNotification")}
                description={t("travel.file.lateHint")}
                {...form.getInputProps("isLateNotification", { type: "checkbox" })}
              />
            </Stack>
          </Card>
          <Card withBorder padding="sm" component="section" aria-labelledby="trip-travellers-title">
            <Title order={2} size="h4" mb="xs" id="trip-travellers-title">
              {t("travel.fields.travellers")}
            </Title>
            <TripTravellersField
              travellers={values.travellers}
              errors={form.errors}
              mayNameOthers={mayNameOthers}
              selfPersonId={me.personId}
              selfName={selfName}
              dependants={hasSelf ? ownDependants : []}
              dependantIds={values.dependantIds}
              onChange={(travellers) => form.setFieldValue("travellers", travellers)}
              onDependantsChange={(ids) => form.setFieldValue("dependantIds", ids)}
            />
            {travellersError && (
              <Text size="xs" c="red" mt={4} role="alert">
                {travellersError}
              </Text>
            )}
          </Card>
          <Stack gap="sm" component="section" aria-labelledby="trip-legs-title">
            <Title order={2} size="h4" id="trip-legs-title">
              {t("travel.fields.legs")}
            </Title>
            {legs.map((leg, index) => (
              <TripLegFields
                key={leg.key}
                form={form as unknown as LegsForm}
                index={index}
                leg={leg}
                canRemove={legs.length > 1}
                onRemove={() => form.removeListItem("legs", index)}
              />
            ))}
            <Group gap="xs">
              <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={addLeg}>
                {t("travel.file.addLeg")}
              </Button>
              {legs[0]?.from && legs[legs.length - 1]?.to && legs[legs.length - 1]?.to?.id !== legs[0].from.id && (
                <Button variant="subtle" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={addReturnLeg}>
                  {t("travel.file.addReturnLeg", { place: legs[0].from.name })}
                </Button>
              )}
            </Group>
          </Stack>
          <FormActions
            onCancel={() => void navigate({ to: "/travel" })}
            isSaving={fileTrip.isPending}
            submitLabel={t(values.kind === "notification" ? "travel.file.submitNotification" : "travel.file.submit")}
            mt={0}
          />
        </Stack>
      </form>
    </>
  );
}
