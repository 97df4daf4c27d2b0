import { ActionIcon, Button, Checkbox, Group, Paper, Stack, Text } from "@mantine/core";
import { IconPlus, IconTrash, IconUser } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";

export type TravellerValues = { key: string; personId: string | null; name: string | null; isSelf: boolean };

type TripTravellersFieldProps = {
  travellers: TravellerValues[];
  /** Errors by form path (`travellers.1.personId`, `travellers.1`, `dependantIds`). */
  errors: Record<string, unknown>;
  /** A focal point or security professional may name other people; anyone else travels alone (with their dependants). */
  mayNameOthers: boolean;
  selfPersonId: string | null;
  selfName: string;
  dependants: { id: string; name: string }[];
  dependantIds: string[];
  onChange: (travellers: TravellerValues[]) => void;
  onDependantsChange: (ids: string[]) => void;
};

let travellerCount = 0;
/** A row's React key: rows are added and removed, so their position is no identity. */
export function travellerKey(): string {
  travellerCount += 1;
  return `traveller-${travellerCount}`;
}

/** Who travels: the signed-in person by default, their dependants if they come along, others named by a focal point. */
export function TripTravellersField(props: TripTravellersFieldProps) {
  const { t } = useTranslation();
  const { travellers, errors, mayNameOthers, selfPersonId, selfName, dependants, dependantIds, onChange } = props;
  const errorOf = (index: number) => (errors[`travellers.${index}.personId`] ?? errors[`travellers.${index}`]) as string | undefined;
  const hasSelf = travellers.some((one) => one.isSelf);
  const update = (index: number, patch: Partial<TravellerValues>) =>
    onChange(travellers.map((one, position) => (position === index ? { ...one, ...patch } : one)));
  const remove = (index: number) => onChange(travellers.filter((_, position) => position !== index));

  return (
    <Stack gap="xs">
      {travellers.map((traveller, index) =>
        traveller.isSelf ? (
          <Paper key={traveller.key} withBorder p="xs" radius="sm">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <IconUser size={18} aria-hidden />
                <Text size="sm" className="vigil-break">
                  {t("travel.file.yourself", { name: selfName })}
                </Text>
              </Group>
              {mayNameOthers && travellers.length > 1 && (
                <ActionIcon variant="subtle" color="red" onClick={() => remove(index)} aria-label={t("travel.file.removeTraveller", { name: selfName })}>
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              )}
            </Group>
            {errorOf(index) && (
              <Text size="xs" c="red" mt={4} role="alert">
                {errorOf(index)}
              </Text>
            )}
          </Paper>
        ) : (
          <Group key={traveller.key} gap="xs" wrap="nowrap" align="flex-start">
            <PersonPicker
              style={{ flex: 1, minWidth: 0 }}
              label={t("travel.file.travellerNumber", { number: index + 1 })}
              required
              value={traveller.personId}
              selectedName={traveller.name}
              error={errorOf(index)}
              onChange={(personId, label) => update(index, { personId, name: label })}
            />
            {travellers.length > 1 && (
              <ActionIcon
                variant="subtle"
                color="red"
                mt={26}
                onClick={() => remove(index)}
                aria-label={t("travel.file.removeTraveller", { name: traveller.name ?? t("travel.file.travellerNumber", { number: index + 1 }) })}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        ),
      )}
      {hasSelf && dependants.length > 0 && (
        <Checkbox.Group
          label={t("travel.file.dependants")}
          value={dependantIds}
          onChange={props.onDependantsChange}
          error={errors.dependantIds as string | undefined}
        >
          <Stack gap={6} mt={6}>
            {dependants.map((dependant) => (
              <Checkbox key={dependant.id} value={dependant.id} label={dependant.name} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {mayNameOthers && (
        <Group gap="xs">
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => onChange([...travellers, { key: travellerKey(), personId: null, name: null, isSelf: false }])}
          >
            {t("travel.file.addTraveller")}
          </Button>
          {!hasSelf && selfPersonId && (
            <Button
              variant="subtle"
              size="xs"
              onClick={() => onChange([{ key: travellerKey(), personId: selfPersonId, name: selfName, isSelf: true }, ...travellers])}
            >
              {t("travel.file.addYourself")}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
