import { NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { CountrySelect } from "../../app/components/pickers/country-select.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { type PlaceKind, placeKinds } from "../../app/domain.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { usePlaceTree } from "../../app/reference-data.ts";
import { type Place, useSavePlace } from "./places.api.ts";

/** Mirrors allowedParentKinds in src/core/structure: DA at the top, SA under a DA, stations under either. */
const parentKinds: Record<PlaceKind, readonly PlaceKind[]> = {
  designated_area: [],
  security_area: ["designated_area"],
  duty_station: ["designated_area", "security_area"],
};

type FormValues = {
  kind: PlaceKind | "";
  parentId: string | null;
  name: string;
  countryCode: string | null;
  latitude: number | string;
  longitude: number | string;
};

type PlaceFormModalProps = {
  opened: boolean;
  onClose: () => void;
  place?: Place;
  defaultKind?: PlaceKind;
  defaultParentId?: string | null;
  onSaved?: (place: Place) => void;
};

export function PlaceFormModal(props: PlaceFormModalProps) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={props.opened}
      onClose={props.onClose}
      title={props.place ? t("places.editTitle", { name: props.place.name }) : t("places.createTitle")}
    >
      {props.opened && <PlaceForm {...props} />}
    </FormModal>
  );
}

function toNumber(value: number | string): number | null {
  if (value === "" || value === null) return null;
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}

function PlaceForm({ place, defaultKind, defaultParentId, onClose, onSaved }: PlaceFormModalProps) {
  const { t } = useTranslation();
  const save = useSavePlace(place?.id);
  const { byId } = usePlaceTree();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const isEdit = Boolean(place);
  const form = useForm<FormValues>({
    initialValues: {
      kind: place?.kind ?? defaultKind ?? "",
      parentId: place?.parentId ?? defaultParentId ?? null,
      name: place?.name ?? "",
      countryCode: place?.countryCode ?? (defaultParentId ? (byId.get(defaultParentId)?.countryCode ?? null) : null),
      latitude: place?.latitude ?? "",
      longitude: place?.longitude ?? "",
    },
    validate: {
      kind: (value) => (value ? null : t("validation.required")),
      parentId: (value, values) =>
        values.kind && values.kind !== "designated_area" && !value ? t("validation.required") : null,
      name: (value) => (value.trim() ? null : t("validation.required")),
      countryCode: (value, values) => (values.kind === "designated_area" && !value ? t("validation.required") : null),
      latitude: (value, values) => {
        if (values.kind !== "duty_station") return null;
        const number = toNumber(value);
        return number === null
          ? t("validation.required")
          : number < -90 || number > 90
            ? t("validation.latitude")
            : null;
      },
      longitude: (value, values) => {
        if (values.kind !== "duty_station") return null;
        const number = toNumber(value);
        return number === null
          ? t("validation.required")
          : number < -180 || number > 180
            ? t("validation.longitude")
            : null;
      },
    },
  });
  const values = form.getValues();
  const kind = values.kind;

  function submit(formValues: FormValues) {
    setFailure(null);
    save.mutate(
      {
        kind: formValues.kind as PlaceKind,
        parentId: formValues.kind === "designated_area" ? null : formValues.parentId,
        name: formValues.name.trim(),
        countryCode: formValues.countryCode || null,
        latitude: toNumber(formValues.latitude),
        longitude: toNumber(formValues.longitude),
      },
      {
        onSuccess: (saved) => {
          notifySuccess(isEdit ? t("places.updated") : t("places.created"));
          onSaved?.(saved);
          onClose();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        <Select
          placeholder={t("common.choose")}
          label={t("fields.kind")}
          required
          disabled={isEdit}
          description={isEdit ? t("places.kindFixed") : undefined}
          data={placeKinds.map((value) => ({ value, label: t(`placeKinds.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps("kind")}
          onChange={(value) => {
            form.setFieldValue("kind", (value ?? "") as PlaceKind | "");
            const parent = values.parentId ? byId.get(values.parentId) : undefined;
            if (parent && value && !parentKinds[value as PlaceKind].includes(parent.kind)) {
              form.setFieldValue("parentId", null);
            }
          }}
        />
        {kind && kind !== "designated_area" && (
          <PlaceSelect
            label={t("fields.parent")}
            required
            disabled={isEdit}
            kinds={parentKinds[kind]}
            excludeIds={place ? [place.id] : undefined}
            description={
              kind === "security_area" ? t("places.parentHintSecurityArea") : t("places.parentHintDutyStation")
            }
            {...form.getInputProps("parentId")}
            onChange={(value) => {
              form.setFieldValue("parentId", value);
              const parentCountry = value ? byId.get(value)?.countryCode : null;
              if (parentCountry && !form.getValues().countryCode) form.setFieldValue("countryCode", parentCountry);
            }}
          />
        )}
        <TextInput label={t("fields.name")} required maxLength={160} {...form.getInputProps("name")} />
        <CountrySelect
          label={t("fields.countryCode")}
          required={kind === "designated_area"}
          {...form.getInputProps("countryCode")}
        />
        {kind === "duty_station" && (
          <>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <NumberInput
                label={t("fields.latitude")}
                required
                min={-90}
                max={90}
                decimalScale={6}
                step={0.1}
                placeholder="-1.2921"
                {...form.getInputProps("latitude")}
              />
              <NumberInput
                label={t("fields.longitude")}
                required
                min={-180}
                max={180}
                decimalScale={6}
                step={0.1}
                placeholder="36.8219"
                {...form.getInputProps("longitude")}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t("places.coordinatesHint")}
            </Text>
          </>
        )}
        <FormActions onCancel={onClose} isSaving={save.isPending} isEdit={isEdit} />
      </Stack>
    </form>
  );
}
