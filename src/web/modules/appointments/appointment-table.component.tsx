import { Badge, Text } from "@mantine/core";
import { IconFileCheck } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type Column, DataTable, type SortState } from "../../app/components/data-table.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { useFormatters } from "../../app/format.ts";
import type { Appointment } from "./appointments.api.ts";

type AppointmentTableProps = {
  items: Appointment[] | undefined;
  isLoading: boolean;
  empty: ReactNode;
  /** Leave out the column that repeats the page's own subject. */
  hidePerson?: boolean;
  hidePlace?: boolean;
  sort?: SortState;
};

export function AppointmentTable({ items, isLoading, empty, hidePerson, hidePlace, sort }: AppointmentTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const columns: Column<Appointment>[] = [
    {
      key: "role",
      header: t("fields.role"),
      sortKey: "role",
      isPrimary: true,
      render: (appointment) => (
        <AnchorLink to="/appointments/$appointmentId" params={{ appointmentId: appointment.id }} fw={600}>
          {t(`roles.${appointment.role}`)}
        </AnchorLink>
      ),
    },
    ...(hidePerson
      ? []
      : [
          {
            key: "person",
            header: t("fields.person"),
            sortKey: "person",
            render: (appointment: Appointment) => (
              <AnchorLink to="/personnel/$personId" params={{ personId: appointment.personId }} size="sm">
                {appointment.personName}
              </AnchorLink>
            ),
          },
        ]),
    ...(hidePlace
      ? []
      : [
          {
            key: "place",
            header: t("fields.place"),
            render: (appointment: Appointment) => (
              <AnchorLink to="/places/$placeId" params={{ placeId: appointment.placeId }} size="sm">
                {appointment.placeName}
              </AnchorLink>
            ),
          },
        ]),
    {
      key: "organisation",
      header: t("fields.organisation"),
      render: (appointment) => appointment.organisationCode ?? "—",
    },
    {
      key: "period",
      header: t("appointments.period"),
      sortKey: "startsOn",
      render: (appointment) => (
        <Text size="sm">
          {format.date(appointment.startsOn)} →{" "}
          {appointment.endsOn ? format.date(appointment.endsOn) : t("appointments.openEnded")}
        </Text>
      ),
    },
    {
      key: "status",
      header: t("fields.status"),
      render: (appointment) => (
        <Badge color={appointment.isActive ? "green" : "gray"} variant="light">
          {appointment.isActive ? t("appointments.active") : t("appointments.inactive")}
        </Badge>
      ),
    },
    {
      key: "letter",
      header: t("fields.letter"),
      isHiddenOnCards: true,
      render: (appointment) =>
        appointment.hasLetter ? (
          <IconFileCheck size={18} color="var(--mantine-color-green-7)" aria-label={t("appointments.letterOnFile")} />
        ) : (
          <Text size="xs" c="dimmed">
            {t("appointments.noLetter")}
          </Text>
        ),
    },
  ];
  return (
    <DataTable
      caption={t("appointments.title")}
      columns={columns}
      items={items}
      isLoading={isLoading}
      getKey={(appointment) => appointment.id}
      empty={empty}
      sort={sort}
      minWidth={720}
    />
  );
}
