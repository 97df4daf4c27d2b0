import { ActionIcon, Alert, Button, Card, Group, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconLock, IconUserMinus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import { QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { type Household, type Zone, useHouseholds, useZoneMutations } from "./zones.api.ts";

/** A zone's list: households, their dependants, contacts where the caller has need-to-know (each read audited on the server). */
export function ZoneHouseholds({ zone }: { zone: Zone }) {
  const { t } = useTranslation();
  const query = useHouseholds(zone.id);
  const { place, takeOut } = useZoneMutations();
  const canPlace = zone.actions.includes("assign_households");
  const [personId, setPersonId] = useState<string | null>(null);

  const placePerson = () => {
    if (!personId) return;
    place.mutate(
      { id: zone.id, personIds: [personId] },
      {
        onSuccess: () => {
          notifySuccess(t("zones.placed", { zone: zone.name }));
          setPersonId(null);
        },
        onError: (error) => notifyError(error),
      },
    );
  };
  const confirmTakeOut = (household: Household) =>
    confirmAction({
      title: t("zones.takeOut"),
      message: t("zones.takeOutConfirm", { name: household.name, zone: zone.name }),
      confirmLabel: t("zones.takeOut"),
      onConfirm: () => takeOut.mutate({ id: zone.id, personId: household.personId }, { onError: (error) => notifyError(error) }),
    });
  const hidden = <Text span size="sm" c="dimmed" fs="italic">{t("zones.fields.contactsHidden")}</Text>;

  const columns: Column<Household>[] = [
    {
      key: "name",
      header: t("zones.fields.person"),
      isPrimary: true,
      render: (household) => (
        <Text size="sm" fw={600}>
          {household.name}
        </Text>
      ),
    },
    { key: "organisation", header: t("zones.fields.organisation"), render: (household) => household.organisationName },
    { key: "household", header: t("zones.fields.household"), render: (household) => household.dependants.map((dependant) => dependant.name).join(", ") || "—" },
    {
      key: "phone",
      header: t("zones.fields.phone"),
      render: (household) =>
        household.contacts ? (
          // One number a line, each kept whole: a phone card is too narrow for both side by side.
          <Stack gap={0}>
            {[household.contacts.phone, household.contacts.mobile].filter(Boolean).map((number) => (
              <a key={number} href={`tel:${number?.replace(/\s+/g, "")}`} style={{ whiteSpace: "nowrap", color: "inherit" }}>
                {number}
              </a>
            ))}
            {household.contacts.phone || household.contacts.mobile ? null : "—"}
          </Stack>
        ) : (
          hidden
        ),
    },
    { key: "address", header: t("zones.fields.address"), render: (household) => (household.contacts ? household.contacts.residentialAddress || "—" : hidden) },
  ];

  return (
    <Card withBorder padding="md" radius="md">
      <Title order={2} size="h4" mb="xs">
        {zone.name}
      </Title>
      <Alert variant="light" color="gray" icon={<IconLock size={16} />} mb="sm" p="xs">
        <Text size="sm">{t("zones.confidential")}</Text>
      </Alert>
      {canPlace ? (
        <Group align="end" mb="md" wrap="wrap">
          <PersonPicker label={t("zones.placePeople")} value={personId} onChange={(id) => setPersonId(id)} w={{ base: "100%", sm: 360 }} />
          <Button onClick={placePerson} disabled={!personId} loading={place.isPending}>
            {t("zones.placePeople")}
          </Button>
        </Group>
      ) : null}
      <QueryBoundary query={query}>
        {(list) => (
          <>
            <DataTable
              caption={zone.name}
              columns={columns}
              items={list.households}
              isLoading={false}
              getKey={(household) => household.personId}
              empty={<Empty title={t("zones.emptyList")} isCompact />}
              rowActions={
                canPlace
                  ? (household) => (
                      <Tooltip label={t("zones.takeOut")}>
                        <ActionIcon variant="subtle" color="red" aria-label={`${t("zones.takeOut")}: ${household.name}`} onClick={() => confirmTakeOut(household)}>
                          <IconUserMinus size={16} />
                        </ActionIcon>
                      </Tooltip>
                    )
                  : undefined
              }
            />
            {list.hidden > 0 ? (
              <Text size="sm" c="dimmed" mt="xs">
                {t("zones.hidden", { count: list.hidden })}
              </Text>
            ) : null}
          </>
        )}
      </QueryBoundary>
    </Card>
  );
}
