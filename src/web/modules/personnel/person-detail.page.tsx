import { Alert, Anchor, Badge, Card, Group, Stack, Text, Title } from "@mantine/core";
import { IconEye, IconLock, IconPencil } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { DeleteButton } from "../../app/components/record-actions.component.tsx";
import { useCan, useMe } from "../../app/session.ts";
import { AppointmentTable } from "../appointments/appointment-table.component.tsx";
import { ResponsibilityList } from "../responsibilities/responsibility-list.component.tsx";
import { DependantsCard } from "./dependants.component.tsx";
import { PersonCertificatesCard } from "../training/person-certificates.component.tsx";
import { type PersonDetail, useDeletePerson, usePerson } from "./personnel.api.ts";

const routeApi = getRouteApi("/app/pages/personnel/$personId");

export function PersonDetailPage() {
  const { t } = useTranslation();
  const { personId } = routeApi.useParams();
  const query = usePerson(personId);
  const crumbs = usePersonCrumbs();
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[160, 160]} />}
      errorHeader={<PageHeader title={t("personnel.title")} breadcrumbs={crumbs} />}
    >
      {(person) => <PersonView person={person} />}
    </QueryBoundary>
  );
}

/** The way back to the personnel list, for those who may open it; a person reading only their own record has none. */
function usePersonCrumbs() {
  const { t } = useTranslation();
  return useCan("personnel.read") ? [{ label: t("personnel.title"), to: "/personnel" }] : [];
}

function PersonView({ person }: { person: PersonDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeletePerson();
  const me = useMe();
  const crumbs = usePersonCrumbs();
  const isSelf = me.personId === person.id;
  const canReadAppointments = useCan("appointment.read");
  const canSeeStation = useCan("place.read");
  const name = `${person.givenName} ${person.familyName}`;
  const appointments = person.appointments ?? [];
  const responsibilities = person.responsibilities ?? [];

  return (
    <Stack gap="md">
      <PageHeader
        title={name}
        breadcrumbs={crumbs}
        badges={
          <>
            {isSelf && (
              <Badge variant="filled" tt="none">
                {t("nav.myRecord")}
              </Badge>
            )}
            <Badge variant="light">{person.organisationCode}</Badge>
            <Badge variant="light" color={person.recruitmentType === "international" ? "blue" : "teal"}>
              {t(`recruitmentTypes.${person.recruitmentType}`)}
            </Badge>
          </>
        }
        actions={
          <>
            {person.actions.includes("update") && (
              <ButtonLink
                variant="default"
                to="/personnel/$personId/edit"
                params={{ personId: person.id }}
                leftSection={<IconPencil size={16} aria-hidden />}
              >
                {t("common.edit")}
              </ButtonLink>
            )}
            {person.actions.includes("delete") && (
              <DeleteButton
                id={person.id}
                mutation={remove}
                confirmTitle={t("personnel.deleteTitle")}
                confirmMessage={t("personnel.deleteMessage", { name })}
                deletedMessage={t("personnel.deleted")}
                onDeleted={() => void navigate({ to: "/personnel" })}
              />
            )}
          </>
        }
      />
      {isSelf && !person.actions.includes("update") && (
        <Alert color="blue" variant="light">
          {t("personnel.ownRecordHint")}
        </Alert>
      )}
      {person.recruitmentType === "locally_recruited" && (
        <Alert color="gray" variant="light">
          {t("personnel.locallyRecruitedNote")}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="person-employment">
        <Title order={2} size="h4" mb="sm" id="person-employment">
          {t("personnel.sections.employment")}
        </Title>
        <FieldList
          cols={3}
          items={[
            { label: t("fields.organisation"), value: person.organisationCode },
            {
              label: t("fields.dutyStation"),
              value: canSeeStation ? (
                <AnchorLink to="/places/$placeId" params={{ placeId: person.dutyStationId }}>
                  {person.dutyStationName}
                </AnchorLink>
              ) : (
                person.dutyStationName
              ),
            },
            { label: t("fields.category"), value: t(`categories.${person.category}`) },
            { label: t("fields.grade"), value: person.grade },
            { label: t("fields.recruitmentType"), value: t(`recruitmentTypes.${person.recruitmentType}`) },
            { label: t("fields.indexNumber"), value: person.indexNumber },
            { label: t("fields.sex"), value: t(`sexes.${person.sex}`) },
            {
              label: t("personnel.account"),
              value: person.hasAccount ? t("personnel.hasAccount") : t("personnel.noAccount"),
            },
          ]}
        />
      </Card>

      {person.private && (
        <Card
          withBorder
          component="section"
          aria-labelledby="person-private"
          style={{ borderColor: "var(--mantine-color-orange-4)" }}
        >
          <Group gap="xs" mb={4}>
            <IconLock size={18} aria-hidden />
            <Title order={2} size="h4" id="person-private">
              {t("personnel.sections.contacts")}
            </Title>
          </Group>
          <Text size="xs" c="dimmed" mb="sm">
            <IconEye size={12} aria-hidden style={{ verticalAlign: "middle" }} /> {t("personnel.accessRecorded")}
          </Text>
          <FieldList
            cols={3}
            items={[
              {
                label: t("fields.phone"),
                value: person.private.phone ? (
                  <Anchor href={`tel:${person.private.phone}`}>{person.private.phone}</Anchor>
                ) : null,
              },
              {
                label: t("fields.mobile"),
                value: person.private.mobile ? (
                  <Anchor href={`tel:${person.private.mobile}`}>{person.private.mobile}</Anchor>
                ) : null,
              },
              {
                label: t("fields.email"),
                value: person.private.email ? (
                  <Anchor href={`mailto:${person.private.email}`}>{person.private.email}</Anchor>
                ) : null,
              },
              { label: t("fields.emergencyContact"), value: person.private.emergencyContact },
              { label: t("fields.residentialAddress"), value: person.private.residentialAddress },
            ]}
          />
        </Card>
      )}

      <DependantsCard person={person} />

      <PersonCertificatesCard personId={person.id} />

      <Card withBorder component="section" aria-labelledby="person-appointments">
        <Title order={2} size="h4" mb="sm" id="person-appointments">
          {t("personnel.currentAppointments")}
        </Title>
        {isSelf && !canReadAppointments ? (
          // The server lists only appointments the caller may read; one's own come with the session.
          me.appointments.length === 0 ? (
            <Empty isCompact title={t("myAccount.noAppointments")} />
          ) : (
            <Group gap={6}>
              {me.appointments.map((appointment) => (
                <Badge key={`${appointment.role}-${appointment.placeId}-${appointment.organisationId}`} variant="light" tt="none" size="lg" h="auto" maw="100%" className="vigil-wrap-badge">
                  {t(`roles.${appointment.role}`)} · {appointment.placeName}
                  {appointment.organisationCode ? ` · ${appointment.organisationCode}` : ""}
                </Badge>
              ))}
            </Group>
          )
        ) : (
          <AppointmentTable
            items={appointments}
            isLoading={false}
            hidePerson
            empty={<Empty isCompact title={t("personnel.noAppointments")} />}
          />
        )}
      </Card>

      {responsibilities.length > 0 && (
        <Card withBorder component="section" aria-labelledby="person-responsibilities">
          <Title order={2} size="h4" mb={4} id="person-responsibilities">
            {t("personnel.responsibilities")}
          </Title>
          <Text size="xs" c="dimmed" mb="sm">
            {t("personnel.responsibilitiesHint")}
          </Text>
          <ResponsibilityList items={responsibilities} />
        </Card>
      )}

      <HistoryTimeline entityType="person" entityId={person.id} />
    </Stack>
  );
}
