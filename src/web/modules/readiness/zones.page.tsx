import { ActionIcon, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconHomeShield, IconList, IconMapPinSearch, IconPencil, IconPlus, IconPrinter, IconTrash, IconUserPlus, IconX } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useCan } from "../../app/session.ts";
import { WardenFormModal, ZoneFormModal } from "./zone-form.modal.tsx";
import { ZoneHouseholds } from "./zone-households.component.tsx";
import { type Zone, useZoneMutations, useZones } from "./zones.api.ts";

const routeApi = getRouteApi("/app/pages/readiness/zones");

/** Warden zones (issue 14 §2): the zones of the caller's Security Areas, their wardens, and each zone's list. */
export function ZonesPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const areaId = search.areaId ?? null;
  const query = useZones(areaId);
  const canManage = useCan("readiness.zone.manage");
  const canAssign = useCan("readiness.household.assign");
  const { byAddress } = useZoneMutations();
  const [editing, setEditing] = useState<Zone | "new" | null>(null);
  const [naming, setNaming] = useState<Zone | null>(null);
  const openZone = search.zoneId ?? null;
  const setArea = (value: string | null) => navigate({ search: (previous) => ({ ...previous, areaId: value ?? undefined, zoneId: undefined }) });
  const toggleList = (zone: Zone) => navigate({ search: (previous) => ({ ...previous, zoneId: openZone === zone.id ? undefined : zone.id }) });

  const placeByAddress = () => {
    if (!areaId) return;
    byAddress.mutate(areaId, {
      onSuccess: (outcome) => notifySuccess(t("zones.byAddressDone", { assigned: outcome.assigned, unmatched: outcome.ambiguousOrUnmatched, withoutAddress: outcome.withoutAddress })),
      onError: (error) => notifyError(error),
    });
  };

  return (
    <>
      <PageHeader
        title={t("zones.title")}
        description={t("zones.description")}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing("new")}>
              {t("zones.new")}
            </Button>
          ) : undefined
        }
      />
      <Group align="end" mb="md" wrap="wrap">
        <PlaceSelect kinds={["security_area"]} label={t("zones.area")} placeholder={t("zones.allAreas")} value={areaId} onChange={setArea} w={{ base: "100%", sm: 320 }} />
        {canAssign && areaId ? (
          <Button variant="light" leftSection={<IconMapPinSearch size={16} />} loading={byAddress.isPending} onClick={placeByAddress}>
            {t("zones.byAddress")}
          </Button>
        ) : null}
      </Group>
      <QueryBoundary query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty icon={<IconHomeShield size={32} />} title={t("zones.empty")} description={t("zones.emptyHint")} />
          ) : (
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
                {data.items.map((zone) => (
                  <ZoneCard key={zone.id} zone={zone} isOpen={openZone === zone.id} onToggle={() => toggleList(zone)} onEdit={() => setEditing(zone)} onNameWarden={() => setNaming(zone)} />
                ))}
              </SimpleGrid>
              {openZone && data.items.some((zone) => zone.id === openZone && zone.actions.includes("list")) ? (
                <ZoneHouseholds zone={data.items.find((zone) => zone.id === openZone) as Zone} />
              ) : null}
            </Stack>
          )
        }
      </QueryBoundary>
      <ZoneFormModal zone={editing === "new" ? null : editing} defaultAreaId={areaId} opened={editing !== null} onClose={() => setEditing(null)} />
      <WardenFormModal zone={naming} onClose={() => setNaming(null)} />
    </>
  );
}

type ZoneCardProps = { zone: Zone; isOpen: boolean; onToggle: () => void; onEdit: () => void; onNameWarden: () => void };

function ZoneCard({ zone, isOpen, onToggle, onEdit, onNameWarden }: ZoneCardProps) {
  const { t } = useTranslation();
  const { remove, removeWarden } = useZoneMutations();
  const canEdit = zone.actions.includes("update");
  const confirmDelete = () =>
    confirmAction({
      title: t("zones.delete"),
      message: t("zones.deleteConfirm", { name: zone.name, count: zone.households }),
      confirmLabel: t("zones.delete"),
      onConfirm: () => remove.mutate(zone.id, { onSuccess: () => notifySuccess(t("zones.deleted", { name: zone.name })), onError: (error) => notifyError(error) }),
    });
  const confirmRemoveWarden = (appointmentId: string, name: string) =>
    confirmAction({
      title: t("zones.removeWarden", { name }),
      message: t("zones.removeWardenConfirm", { name, zone: zone.name }),
      confirmLabel: t("zones.removeWarden", { name }),
      onConfirm: () => removeWarden.mutate({ id: zone.id, appointmentId }, { onError: (error) => notifyError(error) }),
    });
  return (
    <Card withBorder padding="md" radius="md" aria-label={zone.name} style={isOpen ? { borderColor: "var(--mantine-color-blue-5)" } : undefined}>
      <Group justify="space-between" align="start" wrap="nowrap" gap="xs">
        <div style={{ minWidth: 0 }}>
          <Title order={3} size="h5" style={{ overflowWrap: "anywhere" }}>
            {zone.name}
          </Title>
          <Text size="sm" c="dimmed">
            {zone.securityAreaName}
          </Text>
        </div>
        {zone.isMine ? (
          <Badge color="teal" variant="light" style={{ flexShrink: 0 }}>
            {t("zones.mine")}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" mt="xs">
        {t("zones.households", { count: zone.households })} · {t("zones.people", { count: zone.people })}
      </Text>
      <Text size="sm" c="dimmed" mt={4} style={{ overflowWrap: "anywhere" }}>
        {zone.localities.length ? zone.localities.join(", ") : t("zones.noLocalities")}
      </Text>
      {zone.notes ? (
        <Text size="sm" mt={4} style={{ overflowWrap: "anywhere" }}>
          {zone.notes}
        </Text>
      ) : null}
      <Stack gap={4} mt="sm">
        {zone.wardens.length === 0 ? (
          <Text size="sm" c="orange.8">
            {t("zones.noWarden")}
          </Text>
        ) : (
          zone.wardens.map((warden) => (
            <Group key={warden.appointmentId} gap={6} wrap="nowrap">
              <Badge size="sm" variant={warden.isDeputy ? "outline" : "filled"} style={{ flexShrink: 0 }}>
                {warden.isDeputy ? t("zones.deputy") : t("zones.warden")}
              </Badge>
              <Text size="sm" style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                {warden.personName}
                {warden.isInForce ? "" : ` (${t("zones.notInForce")})`}
              </Text>
              {canEdit ? (
                <Tooltip label={t("zones.removeWarden", { name: warden.personName })}>
                  <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t("zones.removeWarden", { name: warden.personName })} onClick={() => confirmRemoveWarden(warden.appointmentId, warden.personName)}>
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              ) : null}
            </Group>
          ))
        )}
      </Stack>
      <Group gap="xs" mt="md">
        {zone.actions.includes("list") ? (
          <>
            <Button size="xs" variant={isOpen ? "filled" : "light"} leftSection={<IconList size={14} />} onClick={onToggle} aria-expanded={isOpen}>
              {isOpen ? t("zones.closeList") : t("zones.openList")}
            </Button>
            <Button size="xs" variant="default" component="a" href={`/api/warden-zones/${zone.id}/households.pdf`} leftSection={<IconPrinter size={14} />}>
              {t("zones.print")}
            </Button>
          </>
        ) : null}
        {canEdit ? (
          <>
            <Button size="xs" variant="default" leftSection={<IconUserPlus size={14} />} onClick={onNameWarden}>
              {t("zones.nameWarden")}
            </Button>
            <Tooltip label={t("zones.edit")}>
              <ActionIcon variant="default" aria-label={t("zones.edit")} onClick={onEdit}>
                <IconPencil size={16} />
              </ActionIcon>
            </Tooltip>
          </>
        ) : null}
        {zone.actions.includes("delete") ? (
          <Tooltip label={t("zones.delete")}>
            <ActionIcon variant="default" color="red" aria-label={t("zones.delete")} onClick={confirmDelete}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
    </Card>
  );
}
