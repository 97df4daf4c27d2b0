import {
  Alert,
  Card,
  Checkbox,
  MultiSelect,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconInfoCircle, IconShieldOff } from "@tabler/icons-react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { useOrganisationOptions, usePlaceTree } from "../../app/reference-data.ts";
import type { IncidentFormValues } from "./incident-form-values.ts";
import { incidentSources, useTaxonomyText } from "./incident-labels.ts";
import { localToIso, timeZoneNames } from "./incident-time.ts";
import { timeZoneLabel } from "../../../core/incidents/place-time-zone.ts";
import type { Taxonomy, TaxonomyCategory } from "./incidents.api.ts";

type Form = UseFormReturnType<IncidentFormValues>;

/** When and where: local date and time with the place's time zone; a duty station or free coordinates. */
export function WhenWhereSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const values = form.getValues();
  const zones = useMemo(() => timeZoneNames(), []);
  const { byId } = usePlaceTree();
  const station = values.placeMode === "station" && values.place.dutyStationId ? byId.get(values.place.dutyStationId) : undefined;
  const stationZone = station ? (station.timeZone ?? "UTC") : null;
  // The offset at the time entered (summer time included), or now while the date is incomplete.
  const instant = Date.parse(localToIso(values.date, values.time, values.timeZone) ?? "") || Date.now();
  const placeInputs = form.getInputProps("place.dutyStationId");
  // Picking a station sets the zone the date and time are read in to the station's (issue 12 §3.2).
  const pickStation = (id: string | null) => {
    form.setFieldValue("place.dutyStationId", id);
    const picked = id ? byId.get(id) : undefined;
    if (picked) form.setFieldValue("timeZone", picked.timeZone ?? "UTC");
  };
  const zoneHint = !station
    ? t("incidents.form.timeZoneHint")
    : !station.timeZone
      ? t("incidents.form.timeZoneFallback", { place: station.name })
      : stationZone === values.timeZone
        ? t("incidents.form.timeZoneOfPlace", { place: station.name })
        : t("incidents.form.timeZoneNotPlace", { place: station.name, zone: stationZone });
  return (
    <Card withBorder component="section" aria-labelledby="incident-when-where">
      <Title order={2} size="h4" mb="sm" id="incident-when-where">
        {t("incidents.form.whenWhere")}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <TextInput type="date" label={t("incidents.fields.date")} required {...form.getInputProps("date")} />
          <TextInput type="time" label={t("incidents.fields.time")} required {...form.getInputProps("time")} />
          <Select
            label={t("incidents.fields.timeZone")}
            description={zoneHint}
            required
            searchable
            allowDeselect={false}
            limit={100}
            data={zones}
            {...form.getInputProps("timeZone")}
          />
        </SimpleGrid>
        <Text size="sm" data-testid="incident-time-zone" aria-live="polite">
          {t("incidents.form.localTimeIn", { zone: timeZoneLabel(values.timeZone, instant) })}
        </Text>
        <div>
          <Text size="sm" fw={500} mb={4} id="incident-place-mode">
            {t("incidents.fields.place")}
          </Text>
          <SegmentedControl
            aria-labelledby="incident-place-mode"
            data={[
              { value: "station", label: t("incidents.form.placeStation") },
              { value: "coordinates", label: t("incidents.form.placeCoordinates") },
            ]}
            {...form.getInputProps("placeMode")}
          />
        </div>
        {values.placeMode === "station" ? (
          <PlaceSelect label={t("fields.dutyStation")} required kinds={["duty_station"]} {...placeInputs} onChange={pickStation} />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NumberInput label={t("fields.latitude")} required min={-90} max={90} decimalScale={6} {...form.getInputProps("place.coordinates.latitude")} />
            <NumberInput label={t("fields.longitude")} required min={-180} max={180} decimalScale={6} {...form.getInputProps("place.coordinates.longitude")} />
            <Text size="xs" c="dimmed" style={{ gridColumn: "1 / -1" }}>
              {t("incidents.form.coordinatesHint")}
            </Text>
          </SimpleGrid>
        )}
      </Stack>
    </Card>
  );
}

/** What the category asks for, in words, under the picker. */
export function CategoryRules({ category }: { category: TaxonomyCategory }) {
  const { t } = useTranslation();
  const rules = [
    category.requiresOneOf.length > 0 &&
      t("incidents.rules.requiresPeople", { outcomes: category.requiresOneOf.map((outcome) => t(`incidents.outcomes.${outcome}`)).join(", ") }),
    category.isPremisesOnly && t("incidents.rules.premisesOnly"),
    category.requiresPremises && !category.isPremisesOnly && t("incidents.rules.requiresPremises"),
    category.requiresVehicle && t("incidents.rules.requiresVehicle"),
    category.isSexualAssault && t("incidents.rules.sexualAssault"),
    !category.canBeNearMiss && t("incidents.rules.noNearMiss"),
    category.isCritical && t("incidents.rules.critical"),
  ].filter(Boolean) as string[];
  if (rules.length === 0) return null;
  return (
    <Stack gap={2} component="ul" m={0} pl="md">
      {rules.map((rule) => (
        <Text key={rule} size="xs" component="li">
          {rule}
        </Text>
      ))}
    </Stack>
  );
}

/** Category (grouped as in the taxonomy, each with its description), narrative, source and reporter. */
export function WhatSection({ form, taxonomy }: { form: Form; taxonomy: Taxonomy | undefined }) {
  const { t } = useTranslation();
  const text = useTaxonomyText(taxonomy);
  const values = form.getValues();
  const category = values.categoryCode ? text.category(values.categoryCode) : undefined;
  return (
    <Card withBorder component="section" aria-labelledby="incident-what">
      <Title order={2} size="h4" mb="sm" id="incident-what">
        {t("incidents.form.what")}
      </Title>
      <Stack gap="sm">
        <Select
          label={t("incidents.fields.category")}
          required
          searchable
          allowDeselect={false}
          placeholder={t("common.choose")}
          data={text.groupedOptions}
          maxDropdownHeight={360}
          renderOption={({ option }) => (
            <div>
              <Text size="sm">{option.label}</Text>
              <Text size="xs" c="dimmed">
                {text.categoryDescription(option.value)}
              </Text>
            </div>
          )}
          {...form.getInputProps("categoryCode")}
        />
        {category && (
          <Alert variant="light" color={category.isSexualAssault ? "red" : "blue"} icon={<IconInfoCircle aria-hidden />} p="xs">
            <Text size="sm" mb={4}>
              {text.groupLabel(category.group)} · {category.description[text.language]}
            </Text>
            <CategoryRules category={category} />
          </Alert>
        )}
        <Textarea label={t("incidents.fields.description")} required autosize minRows={4} maxRows={14} maxLength={10_000} {...form.getInputProps("description")} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label={t("incidents.fields.source")}
            required
            allowDeselect={false}
            placeholder={t("common.choose")}
            data={incidentSources.map((value) => ({ value, label: t(`incidents.sources.${value}`) }))}
            {...form.getInputProps("source")}
          />
          <TextInput label={t("incidents.fields.sourceDetail")} maxLength={300} {...form.getInputProps("sourceDetail")} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <TextInput label={t("incidents.fields.reporterName")} required maxLength={160} {...form.getInputProps("reporter.name")} />
          <PersonPicker
            label={t("incidents.fields.reporterPerson")}
            value={values.reporter.personId}
            onChange={(personId) => form.setFieldValue("reporter.personId", personId)}
            error={form.errors["reporter.personId"]}
          />
          <TextInput label={t("incidents.fields.reporterContact")} maxLength={200} {...form.getInputProps("reporter.contact")} />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}

/** The soft switch, near miss, the exclusion question and the organisations affected. */
export function ScopeSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const organisations = useOrganisationOptions();
  const values = form.getValues();
  return (
    <Card withBorder component="section" aria-labelledby="incident-scope">
      <Title order={2} size="h4" mb="sm" id="incident-scope">
        {t("incidents.form.scope")}
      </Title>
      <Stack gap="sm">
        <Switch
          label={t("incidents.fields.affectsUn")}
          description={values.affectsUn ? t("incidents.form.affectsUnHint") : t("incidents.form.awarenessHint")}
          {...form.getInputProps("affectsUn", { type: "checkbox" })}
        />
        <Checkbox label={t("incidents.fields.isNearMiss")} description={t("incidents.form.nearMissHint")} {...form.getInputProps("isNearMiss", { type: "checkbox" })} />
        <Radio.Group label={t("incidents.fields.involvesMilitaryOrFormedPolice")} required {...form.getInputProps("involvesMilitaryOrFormedPolice")}>
          <SimpleGrid cols={2} maw={240} mt={6}>
            <Radio value="no" label={t("common.no")} />
            <Radio value="yes" label={t("common.yes")} />
          </SimpleGrid>
        </Radio.Group>
        {values.involvesMilitaryOrFormedPolice === "yes" && (
          <Alert color="orange" icon={<IconShieldOff aria-hidden />} title={t("incidents.form.excludedTitle")} role="alert">
            {t("incidents.form.excludedMessage")}
          </Alert>
        )}
        <MultiSelect
          label={t("incidents.fields.organisationsAffected")}
          searchable
          clearable
          disabled={!values.affectsUn}
          placeholder={t("common.choose")}
          data={(organisations.data ?? []).map((organisation) => ({ value: organisation.id, label: `${organisation.code} — ${organisation.name}` }))}
          {...form.getInputProps("organisationsAffected")}
        />
      </Stack>
    </Card>
  );
}
