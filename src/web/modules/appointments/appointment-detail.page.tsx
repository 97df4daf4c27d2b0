import { Badge, Button, Card, FileButton, Group, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDownload, IconFileUpload } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { DeleteButton, EditButton } from "../../app/components/record-actions.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { AppointmentFormModal, letterAccept } from "./appointment-form.modal.tsx";
import { type Appointment, letterUrl, useAppointment, useDeleteAppointment, useUploadLetter } from "./appointments.api.ts";

const routeApi = getRouteApi("/app/pages/appointments/$appointmentId");

export function AppointmentDetailPage() {
  const { t } = useTranslation();
  const { appointmentId } = routeApi.useParams();
  const query = useAppointment(appointmentId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[220]} />}
      errorHeader={<PageHeader title={t("appointments.title")} breadcrumbs={[{ label: t("appointments.title"), to: "/appointments" }]} />}
    >
      {(appointment) => <AppointmentView appointment={appointment} />}
    </QueryBoundary>
  );
}

function AppointmentView({ appointment }: { appointment: Appointment }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const remove = useDeleteAppointment();
  const upload = useUploadLetter();
  const [isEditing, editing] = useDisclosure(false);
  const canUpdate = appointment.actions.includes("update");

  function uploadLetter(file: File | null) {
    if (!file) return;
    upload.mutate(
      { id: appointment.id, file },
      {
        onSuccess: () => notifySuccess(t("appointments.letterUploaded")),
        onError: (error) => notifyError(error, t("appointments.letterUploadFailed")),
      },
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={`${t(`roles.${appointment.role}`)} — ${appointment.personName}`}
        breadcrumbs={[{ label: t("appointments.title"), to: "/appointments" }]}
        badges={
          <Badge color={appointment.isActive ? "green" : "gray"} variant="light">
            {appointment.isActive ? t("appointments.active") : t("appointments.inactive")}
          </Badge>
        }
        actions={
          <>
            {canUpdate && <EditButton onClick={editing.open} />}
            {appointment.actions.includes("delete") && (
              <DeleteButton
                id={appointment.id}
                mutation={remove}
                confirmTitle={t("appointments.deleteTitle")}
                confirmMessage={t("appointments.deleteMessage", {
                  role: t(`roles.${appointment.role}`),
                  name: appointment.personName,
                })}
                deletedMessage={t("appointments.deleted")}
                onDeleted={() => void navigate({ to: "/appointments" })}
              />
            )}
          </>
        }
      />
      <Card withBorder>
        <FieldList
          items={[
            {
              label: t("fields.person"),
              value: (
                <AnchorLink to="/personnel/$personId" params={{ personId: appointment.personId }}>
                  {appointment.personName}
                </AnchorLink>
              ),
            },
            { label: t("fields.role"), value: t(`roles.${appointment.role}`) },
            {
              label: t("fields.place"),
              value: (
                <AnchorLink to="/places/$placeId" params={{ placeId: appointment.placeId }}>
                  {appointment.placeName}
                </AnchorLink>
              ),
            },
            {
              label: t("fields.organisation"),
              value: appointment.organisationCode,
              isHidden: !appointment.organisationId,
            },
            { label: t("fields.startsOn"), value: format.date(appointment.startsOn) },
            {
              label: t("fields.endsOn"),
              value: appointment.endsOn ? format.date(appointment.endsOn) : t("appointments.openEnded"),
            },
            { label: t("fields.appointedBy"), value: appointment.appointedBy },
            { label: t("fields.letterNumber"), value: appointment.letterNumber },
            { label: t("fields.letterDate"), value: format.date(appointment.letterDate) },
            { label: t("fields.notes"), value: appointment.notes },
          ]}
        />
      </Card>
      <Card withBorder component="section" aria-labelledby="letter-title">
        <Title order={2} size="h4" mb="xs" id="letter-title">
          {t("fields.letter")}
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t("appointments.letterExplanation")}
        </Text>
        <Group gap="sm">
          {appointment.hasLetter ? (
            <Button
              component="a"
              href={letterUrl(appointment.id)}
              download={appointment.letterFileName ?? true}
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t("appointments.downloadLetter", { name: appointment.letterFileName ?? "" })}
            </Button>
          ) : (
            <Text size="sm" fs="italic">
              {t("appointments.noLetterYet")}
            </Text>
          )}
          {canUpdate && (
            <FileButton onChange={uploadLetter} accept={letterAccept}>
              {(props) => (
                <Button
                  {...props}
                  variant="default"
                  loading={upload.isPending}
                  leftSection={<IconFileUpload size={16} aria-hidden />}
                >
                  {appointment.hasLetter ? t("appointments.replaceLetter") : t("appointments.uploadLetter")}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
      </Card>
      <HistoryTimeline entityType="appointment" entityId={appointment.id} />
      <AppointmentFormModal opened={isEditing} onClose={editing.close} appointment={appointment} />
    </Stack>
  );
}
