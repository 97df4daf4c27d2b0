import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconCloudOff, IconCurrentLocation, IconPlus, IconSend, IconTrash, IconWifi } from "@tabler/icons-react";
import { type FormEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { findCategory } from "../../../core/incidents/incident-taxonomy.data.ts";
import { timeZoneLabel } from "../../../core/incidents/place-time-zone.ts";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { recruitmentTypes } from "../../app/domain.ts";
import { placePath, usePlaceTree } from "../../app/reference-data.ts";
import { useMe } from "../../app/session.ts";
import { personOutcomes, premisesKinds } from "./incident-labels.ts";
import { cacheLoadedFiles } from "./offline-cache.ts";
import { queueReport } from "./outbox.ts";
import { OutboxList, useIsOnline } from "./quick-report-outbox.component.tsx";
import { blankQuickLine, blankQuickValues, type QuickValues, quickCategoryOptions, quickReportBody, quickReportProblems } from "./quick-report-values.ts";

type Locating = "idle" | "busy" | "denied" | "failed";

/** Phone GPS: one fix, rounded to about a metre; the accuracy is shown so the reporter can judge it. */
function useLocate(onFix: (coordinates: NonNullable<QuickValues["coordinates"]>) => void) {
  const [state, setState] = useState<Locating>("idle");
  const locate = () => {
    if (!("geolocation" in navigator)) return setState("failed");
    setState("busy");
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setState("idle");
        const round = (value: number) => Math.round(value * 100_000) / 100_000;
        onFix({ latitude: round(position.coords.latitude), longitude: round(position.coords.longitude), accuracy: Math.round(position.coords.accuracy) });
      },
      (error) => setState(error.code === error.PERMISSION_DENIED ? "denied" : "failed"),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };
  return { state, locate };
}

export function QuickReportPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  // Staff report without reading the area's incidents: no way back to a list they cannot open.
  const canReadIncidents = me.permissions.includes("incident.read");
  const isOnline = useIsOnline();
  const language = i18n.language === "fr" ? "fr" : "en";
  const { places, byId } = usePlaceTree();
  const stations = useMemo(
    () =>
      places
        .filter((place) => place.kind === "duty_station")
        .map((place) => ({ value: place.id, label: placePath(byId, place.id) }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [places, byId],
  );
  const form = useForm<QuickValues>({ mode: "controlled", initialValues: blankQuickValues() });
  const values = form.getValues();
  const category = findCategory(values.categoryCode);
  const outcomes = category ? personOutcomes.filter((outcome) => category.outcomes.includes(outcome) && outcome !== "unharmed") : personOutcomes;
  const station = values.placeMode === "station" && values.dutyStationId ? byId.get(values.dutyStationId) : undefined;
  const placeZone = station ? (station.timeZone ?? "UTC") : null;
  const { state: locating, locate } = useLocate((coordinates) => form.setFieldValue("coordinates", coordinates));
  const [isQueueing, setQueueing] = useState(false);

  // Opened under the service worker: keep everything this page needs for the next time there is no network.
  useEffect(() => cacheLoadedFiles(), []);

  // One duty station offered: the person reports only where they work (staff, by their "personnel"
  // grant), so the report starts there rather than asking for a GPS fix. Once, not over their choice.
  const hasOfferedOwnStation = useRef(false);
  useEffect(() => {
    if (hasOfferedOwnStation.current || stations.length !== 1) return;
    hasOfferedOwnStation.current = true;
    if (form.getValues().dutyStationId || form.getValues().coordinates) return;
    form.setValues({ placeMode: "station", dutyStationId: stations[0].value });
  }, [stations, form]);

  function validate(): Record<string, string> {
    const required = t("validation.required");
    const errors: Record<string, string> = {};
    if (!values.categoryCode) errors.categoryCode = required;
    if (!values.description.trim()) errors.description = required;
    if (values.when === "earlier" && (!values.date || !values.time)) errors.date = required;
    if (values.placeMode === "gps" && !values.coordinates) errors.coordinates = t("incidents.quick.locateFirst");
    if (values.placeMode === "station" && !values.dutyStationId) errors.dutyStationId = required;
    values.people.forEach((line, index) => {
      if (values.anyoneHurt === "yes" && !line.outcome) errors[`people.${index}.outcome`] = required;
    });
    if (category?.requiresPremises && (!values.premisesKind || !values.premisesDescription.trim())) errors.premisesDescription = required;
    if (category?.requiresVehicle && !values.vehicle.trim()) errors.vehicle = required;
    if (Object.keys(errors).length > 0) return errors;
    return quickReportProblems(quickReportBody(values, new Date()), me.user.displayName, language, placeZone);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validate();
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setQueueing(true);
    try {
      await queueReport(me.user.id, quickReportBody(values, new Date()));
      notifySuccess(isOnline ? t("incidents.quick.queuedOnline") : t("incidents.quick.queuedOffline"));
      form.setValues({ ...blankQuickValues(), placeMode: values.placeMode, dutyStationId: values.dutyStationId, coordinates: values.coordinates });
    } finally {
      setQueueing(false);
    }
  }

  return (
    <Stack gap="md" maw={640}>
      <PageHeader
        title={t("incidents.quick.title")}
        description={t("incidents.quick.description")}
        breadcrumbs={canReadIncidents ? [{ label: t("incidents.title"), to: "/incidents" }] : []}
        badges={
          <Badge color={isOnline ? "teal" : "gray"} variant="light" tt="none" leftSection={isOnline ? <IconWifi size={12} aria-hidden /> : <IconCloudOff size={12} aria-hidden />}>
            {isOnline ? t("incidents.quick.online") : t("incidents.quick.offline")}
          </Badge>
        }
      />
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Card withBorder>
          <Stack gap="sm">
            <Select
              label={t("incidents.fields.category")}
              required
              searchable
              allowDeselect={false}
              placeholder={t("common.choose")}
              data={quickCategoryOptions(language)}
              maxDropdownHeight={320}
              {...form.getInputProps("categoryCode")}
            />
            {category && (
              <Text size="xs" c="dimmed">
                {category.description[language]}
              </Text>
            )}
            <div>
              <Text size="sm" fw={500} mb={4} id="quick-when">
                {t("incidents.quick.when")}
              </Text>
              <SegmentedControl
                fullWidth
                aria-labelledby="quick-when"
                data={[
                  { value: "now", label: t("incidents.quick.now") },
                  { value: "earlier", label: t("incidents.quick.earlier") },
                ]}
                {...form.getInputProps("when")}
              />
            </div>
            {values.when === "earlier" && (
              <SimpleGrid cols={2} spacing="xs">
                <TextInput type="date" label={t("incidents.fields.date")} required {...form.getInputProps("date")} />
                <TextInput type="time" label={t("incidents.fields.time")} required {...form.getInputProps("time")} />
                <Text size="xs" c="dimmed" style={{ gridColumn: "1 / -1" }} data-testid="quick-time-zone" aria-live="polite">
                  {!station
                    ? t("incidents.quick.zoneByPosition")
                    : station.timeZone
                      ? t("incidents.quick.zoneAtStation", { place: station.name, zone: timeZoneLabel(station.timeZone, Date.now()) })
                      : t("incidents.quick.zoneFallback", { place: station.name })}
                </Text>
              </SimpleGrid>
            )}
            <div>
              <Text size="sm" fw={500} mb={4} id="quick-where">
                {t("incidents.quick.where")}
              </Text>
              <SegmentedControl
                fullWidth
                aria-labelledby="quick-where"
                data={[
                  { value: "gps", label: t("incidents.quick.gps") },
                  { value: "station", label: t("incidents.quick.station") },
                ]}
                {...form.getInputProps("placeMode")}
              />
            </div>
            {values.placeMode === "gps" ? (
              <Stack gap={4}>
                <Button variant="light" leftSection={<IconCurrentLocation size={16} aria-hidden />} loading={locating === "busy"} onClick={locate}>
                  {values.coordinates ? t("incidents.quick.locateAgain") : t("incidents.quick.locate")}
                </Button>
                {values.coordinates && (
                  <Text size="sm" aria-live="polite">
                    {t("incidents.quick.located", {
                      latitude: values.coordinates.latitude,
                      longitude: values.coordinates.longitude,
                      accuracy: values.coordinates.accuracy ?? "?",
                    })}
                  </Text>
                )}
                {(locating === "denied" || locating === "failed") && (
                  <Text size="sm" c="orange">
                    {locating === "denied" ? t("incidents.quick.locateDenied") : t("incidents.quick.locateFailed")}
                  </Text>
                )}
                {form.errors.coordinates && (
                  <Text size="sm" c="red" role="alert">
                    {form.errors.coordinates}
                  </Text>
                )}
              </Stack>
            ) : (
              <Select label={t("fields.dutyStation")} required searchable data={stations} {...form.getInputProps("dutyStationId")} />
            )}
            <Textarea label={t("incidents.quick.whatHappened")} required autosize minRows={3} maxRows={10} maxLength={10_000} {...form.getInputProps("description")} />
            {category?.requiresPremises && (
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                <Select
                  label={t("incidents.quick.premisesKind")}
                  required
                  allowDeselect={false}
                  data={premisesKinds.filter((kind) => category.premisesKinds.includes(kind)).map((value) => ({ value, label: t(`incidents.premisesKinds.${value}`) }))}
                  {...form.getInputProps("premisesKind")}
                />
                <TextInput label={t("incidents.quick.premisesDescription")} required maxLength={300} {...form.getInputProps("premisesDescription")} />
              </SimpleGrid>
            )}
            {category?.requiresVehicle && <TextInput label={t("incidents.quick.vehicle")} required maxLength={300} {...form.getInputProps("vehicle")} />}
            <div>
              <Text size="sm" fw={500} mb={4} id="quick-hurt">
                {t("incidents.quick.anyoneHurt")}
              </Text>
              <SegmentedControl
                fullWidth
                aria-labelledby="quick-hurt"
                data={[
                  { value: "no", label: t("common.no") },
                  { value: "yes", label: t("common.yes") },
                ]}
                {...form.getInputProps("anyoneHurt")}
                onChange={(value) => {
                  form.setFieldValue("anyoneHurt", value as "no" | "yes");
                  if (value === "yes" && values.people.length === 0) form.setFieldValue("people", [blankQuickLine()]);
                }}
              />
              {form.errors.anyoneHurt && (
                <Text size="sm" c="red" mt={4} role="alert">
                  {form.errors.anyoneHurt}
                </Text>
              )}
            </div>
            {values.anyoneHurt === "yes" && (
              <Stack gap="xs">
                {values.people.map((_, index) => (
                  <Group key={form.key(`people.${index}`)} gap="xs" align="flex-start" wrap="nowrap">
                    <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs" style={{ flex: 1 }}>
                      <Select
                        label={t("incidents.fields.outcome")}
                        required
                        allowDeselect={false}
                        placeholder={t("common.choose")}
                        data={outcomes.map((value) => ({ value, label: t(`incidents.outcomes.${value}`) }))}
                        {...form.getInputProps(`people.${index}.outcome`)}
                      />
                      <NumberInput label={t("incidents.fields.count")} required min={1} max={10_000} allowDecimal={false} {...form.getInputProps(`people.${index}.count`)} />
                      <Select
                        label={t("fields.recruitmentType")}
                        allowDeselect={false}
                        data={recruitmentTypes.map((value) => ({ value, label: t(`recruitmentTypes.${value}`) }))}
                        {...form.getInputProps(`people.${index}.recruitmentType`)}
                      />
                    </SimpleGrid>
                    <ActionIcon mt={26} variant="subtle" color="red" aria-label={t("incidents.form.removeLine", { number: index + 1 })} onClick={() => form.removeListItem("people", index)}>
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                ))}
                <Group>
                  <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => form.insertListItem("people", blankQuickLine())}>
                    {t("incidents.form.addPeople")}
                  </Button>
                </Group>
              </Stack>
            )}
            {Object.keys(form.errors).length > 0 && (
              <Alert color="red" variant="light" role="alert">
                {t("errors.fixFields")}
              </Alert>
            )}
            <Button type="submit" size="md" leftSection={<IconSend size={18} aria-hidden />} loading={isQueueing}>
              {isOnline ? t("incidents.quick.send") : t("incidents.quick.queue")}
            </Button>
          </Stack>
        </Card>
      </form>
      <OutboxList userId={me.user.id} />
    </Stack>
  );
}
