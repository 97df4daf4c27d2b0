import { Badge, Button, Card, Group, Stack, Switch, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconCertificate, IconPlus } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { DeleteButton, EditButton } from "../../app/components/record-actions.component.tsx";
import type { PlaceKind } from "../../app/domain.ts";
import { todayIso, useFormatters } from "../../app/format.ts";
import { useCountryNames } from "../../app/reference-data.ts";
import { useCan } from "../../app/session.ts";
import { AppointmentTable } from "../appointments/appointment-table.component.tsx";
import { SecurityLevelSection } from "../risk/security-level-section.component.tsx";
import { useAppointmentList } from "../appointments/appointments.api.ts";
import { ContinuityCard } from "./continuity.component.tsx";
import { PlaceFormModal } from "./place-form.modal.tsx";
import { type PlaceDetail, useDeletePlace, usePlace } from "./places.api.ts";

const routeApi = getRouteApi("/app/pages/places/$placeId");

const childKind: Record<PlaceKind, PlaceKind | null> = {
  designated_area: "security_area",
  security_area: "duty_station",
  duty_station: null,
};

export function PlaceDetailPage() {
  const { t } = useTranslation();
  const { placeId } = routeApi.useParams();
  const query = usePlace(placeId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[120, 200]} />}
      errorHeader={<PageHeader title={t("places.title")} breadcrumbs={[{ label: t("places.title"), to: "/places" }]} />}
    >
      {(place) => <PlaceView place={place} />}
    </QueryBoundary>
  );
}

function PlaceView({ place }: { place: PlaceDetail }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const { nameOf } = useCountryNames();
  const remove = useDeletePlace();
  const canCreatePlace = useCan("place.create");
  const canAppoint = useCan("appointment.create");
  // A desk officer reads the area (and endorses its security level) but not its appointments:
  // the section is left out rather than shown refused.
  const canSeeAppointments = useCan("appointment.read");
  const [isEditing, editing] = useDisclosure(false);
  const [newChildKind, setNewChildKind] = useState<PlaceKind | null>(null);
  const [isCurrentOnly, setCurrentOnly] = useState(true);
  const appointments = useAppointmentList(
    { placeId: place.id, activeOn: isCurrentOnly ? todayIso() : undefined, pageSize: 100 },
    canSeeAppointments,
  );

  const crumbs = [
    { label: t("places.title"), to: "/places" },
    ...place.ancestors.map((ancestor) => ({
      label: ancestor.name,
      to: "/places/$placeId",
      params: { placeId: ancestor.id },
    })),
  ];

  const nextKind = childKind[place.kind];

  return (
    <Stack gap="md">
      <PageHeader
        title={place.name}
        breadcrumbs={crumbs}
        badges={<Badge variant="light">{t(`placeKinds.${place.kind}`)}</Badge>}
        actions={
          <>
            {place.actions.includes("update") && <EditButton onClick={editing.open} />}
            {place.actions.includes("delete") && (
              <DeleteButton
                id={place.id}
                mutation={remove}
                confirmTitle={t("places.deleteTitle")}
                confirmMessage={t("places.deleteMessage", { name: place.name })}
                deletedMessage={t("places.deleted")}
                onDeleted={() => void navigate({ to: "/places" })}
              />
            )}
          </>
        }
      />

      <ContinuityCard continuity={place.continuity} placeId={place.id} canAppoint={canAppoint} />

      <Card withBorder>
        <FieldList
          items={[
            { label: t("fields.kind"), value: t(`placeKinds.${place.kind}`) },
            {
              label: t("fields.parent"),
              value: place.parentId ? (
                <AnchorLink to="/places/$placeId" params={{ placeId: place.parentId }}>
                  {place.parentName}
                </AnchorLink>
              ) : null,
              isHidden: !place.parentId,
            },
            { label: t("fields.countryCode"), value: nameOf(place.countryCode) },
            {
              label: t("places.coordinates"),
              value:
                place.latitude !== null && place.longitude !== null
                  ? `${place.latitude.toFixed(4)}, ${place.longitude.toFixed(4)}`
                  : null,
              isHidden: place.kind !== "duty_station",
            },
            { label: t("fields.updatedAt"), value: format.dateTime(place.updatedAt) },
          ]}
        />
      </Card>

      <SecurityLevelSection placeId={place.id} placeKind={place.kind} />

      {canSeeAppointments && (
      <Card withBorder component="section" aria-labelledby="place-appointments">
        <Group justify="space-between" mb="sm" gap="xs">
          <Title order={2} size="h4" id="place-appointments">
            {t("places.appointmentsHere")}
          </Title>
          <Group gap="sm">
            <Switch
              label={t("appointments.currentOnly")}
              checked={isCurrentOnly}
              onChange={(event) => setCurrentOnly(event.currentTarget.checked)}
            />
            {canAppoint && (
              <ButtonLink
                size="xs"
                variant="light"
                to="/appointments"
                search={{ placeId: place.id }}
                leftSection={<IconCertificate size={14} aria-hidden />}
              >
                {t("appointments.manage")}
              </ButtonLink>
            )}
          </Group>
        </Group>
        {appointments.isError ? (
          <QueryError error={appointments.error} onRetry={() => void appointments.refetch()} />
        ) : (
          <AppointmentTable
            items={appointments.data?.items}
            isLoading={appointments.isPending}
            hidePlace
            empty={
              <Empty isCompact title={isCurrentOnly ? t("places.noCurrentAppointments") : t("places.noAppointments")} />
            }
          />
        )}
      </Card>
      )}

      {nextKind && (
        <Card withBorder component="section" aria-labelledby="place-children">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4" id="place-children">
              {t("places.children")}
            </Title>
            {canCreatePlace && (
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => setNewChildKind(nextKind)}
                >
                  {t(`places.add.${nextKind}`)}
                </Button>
                {nextKind === "security_area" && (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    onClick={() => setNewChildKind("duty_station")}
                  >
                    {t("places.add.duty_station")}
                  </Button>
                )}
              </Group>
            )}
          </Group>
          {place.children.length === 0 ? (
            <Empty isCompact title={t("places.noChildren")} />
          ) : (
            <Stack gap={4} component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
              {place.children.map((child) => (
                <Group key={child.id} component="li" gap="xs" wrap="wrap">
                  <AnchorLink to="/places/$placeId" params={{ placeId: child.id }}>
                    {child.name}
                  </AnchorLink>
                  <Badge size="sm" variant="light" color="gray">
                    {t(`placeKinds.${child.kind}`)}
                  </Badge>
                </Group>
              ))}
            </Stack>
          )}
        </Card>
      )}

      <HistoryTimeline entityType="place" entityId={place.id} />

      <PlaceFormModal opened={isEditing} onClose={editing.close} place={place} />
      <PlaceFormModal
        opened={newChildKind !== null}
        onClose={() => setNewChildKind(null)}
        defaultKind={newChildKind ?? undefined}
        defaultParentId={place.id}
      />
    </Stack>
  );
}
