import { ActionIcon, Card, Group, Select, SimpleGrid, Stack, Text, TextInput, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { IconArrowRight, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { airModes, type TransportMode, transportModes } from "../../../core/travel/clearance.ts";
import { AirOperatorSelect } from "./air-operator-select.component.tsx";
import { type PlaceChoice, TravelPlaceSelect } from "./travel-place-select.component.tsx";

export type LegValues = {
  key: string;
  from: PlaceChoice | null;
  to: PlaceChoice | null;
  departureDate: string;
  departureTime: string;
  arrivalDate: string;
  arrivalTime: string;
  transport: TransportMode;
  /** The air operator, for air legs (issue 13 §5). */
  operatorId: string | null;
  vehicleArrangement: string;
  accommodation: string;
  contact: string;
};

/** The part of the trip form a leg reads and writes. */
export type LegsForm = UseFormReturnType<{ legs: LegValues[] } & Record<string, unknown>>;

type TripLegFieldsProps = {
  form: LegsForm;
  index: number;
  leg: LegValues;
  canRemove: boolean;
  onRemove: () => void;
};

/**
 * One leg of the itinerary: where from and to, when (each in its place's own clock, as on a
 * ticket), how, and where the traveller sleeps and can be reached. Phones get one column, with
 * the date and time of each moment side by side.
 */
export function TripLegFields({ form, index, leg, canRemove, onRemove }: TripLegFieldsProps) {
  const { t } = useTranslation();
  const path = (field: keyof LegValues) => `legs.${index}.${field}`;
  const number = index + 1;
  const headingId = `trip-leg-${leg.key}`;
  const summary = leg.from && leg.to ? `${leg.from.name} → ${leg.to.name}` : null;
  const isAir = airModes.includes(leg.transport);

  return (
    <Card withBorder padding="sm" component="fieldset" aria-labelledby={headingId} style={{ minWidth: 0, margin: 0 }}>
      <Group justify="space-between" wrap="nowrap" gap="xs" mb="xs">
        <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
          <Title order={3} size="h5" id={headingId}>
            {t("travel.file.legTitle", { number })}
          </Title>
          {summary && (
            <Text size="sm" c="dimmed" className="vigil-break">
              {summary}
            </Text>
          )}
        </Group>
        {canRemove && (
          <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={t("travel.file.removeLeg", { number })}>
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        )}
      </Group>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TravelPlaceSelect
            label={t("travel.fields.from")}
            required
            value={leg.from}
            error={form.errors[path("from")]}
            onChange={(place) => form.setFieldValue(path("from"), place as never)}
          />
          <TravelPlaceSelect
            label={t("travel.fields.to")}
            required
            leftSection={<IconArrowRight size={16} aria-hidden />}
            value={leg.to}
            error={form.errors[path("to")]}
            onChange={(place) => form.setFieldValue(path("to"), place as never)}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" verticalSpacing="sm">
          <TextInput type="date" label={t("travel.fields.departureDate")} required {...form.getInputProps(path("departureDate"))} />
          <TextInput type="time" label={t("travel.fields.departureTime")} required {...form.getInputProps(path("departureTime"))} />
          <TextInput type="date" label={t("travel.fields.arrivalDate")} required {...form.getInputProps(path("arrivalDate"))} />
          <TextInput type="time" label={t("travel.fields.arrivalTime")} required {...form.getInputProps(path("arrivalTime"))} />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-6}>
          {t("travel.file.localTimeHint")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("travel.fields.transport")}
            required
            allowDeselect={false}
            data={transportModes.map((mode) => ({ value: mode, label: t(`travel.transport.${mode}`) }))}
            description={isAir ? t("travel.file.airHint") : undefined}
            {...form.getInputProps(path("transport"))}
          />
          {isAir && (
            <AirOperatorSelect
              transport={leg.transport}
              value={leg.operatorId}
              error={form.errors[path("operatorId")]}
              onChange={(value) => form.setFieldValue(path("operatorId"), value as never)}
            />
          )}
          {leg.transport === "road" && (
            <TextInput
              label={t("travel.fields.vehicleArrangement")}
              placeholder={t("travel.file.vehiclePlaceholder")}
              maxLength={300}
              {...form.getInputProps(path("vehicleArrangement"))}
            />
          )}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("travel.fields.accommodation")}
            description={t("travel.file.accommodationHint")}
            maxLength={300}
            {...form.getInputProps(path("accommodation"))}
          />
          <TextInput
            label={t("travel.fields.contact")}
            description={t("travel.file.contactHint")}
            maxLength={300}
            {...form.getInputProps(path("contact"))}
          />
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
