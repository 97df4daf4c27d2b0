import { Badge, Button, Card, FileButton, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDownload, IconFileUpload, IconPencil, IconTrash } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { AppointmentFormModal, letterAccept } from "./appointment-form.modal.tsx";
import { letterUrl, useAppointment, useDeleteAppointment, useUploadLetter } from "./appointments.api.ts";

const routeApi = getRouteApi("/app/pages/appointments/$appointmentId");

export function AppointmentDetailPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { appointmentId } = routeApi.useParams();
  const navigate = useNavigate();
  const query = useAppointment(appointmentId);
  const remove = useDeleteAppointment();
  const upload = useUploadLetter();
  const [isEditing, editing] = useDisclosure(false);
  const crumbs = [{ label: t("appointments.title"), to: "/appointments" }];

  if (query.isPending) {
    return (
      <Stack>
        <Skeleton height={32} width="50%" />
        <Skeleton height={220} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("appointments.title")} breadcrumbs={crumbs} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const appointment = query.data;
  const canUpdate = appointment.actions.includes("update");

  function confirmDelete() {
    confirmAction({
      title: t("appointments.deleteTitle"),
      message: t("appointments.deleteMessage", { role: t(`roles.${appointment.role}`), name: appointment.personName }),
      confirmLabel: t("common.delete"),
      onConfirm: () =>
        remove.mutate(appointment.id, {
          onSuccess: () => {
            notifySuccess(t("appointments.deleted"));
            void navigate({ to: "/appointments" });
          },
          onError: (error) => notifyError(error),
        }),
    });
  }

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
        breadcrumbs={crumbs}
        badges={
          <Badge color={appointment.isActive ? "green" : "gray"} variant="light">
            {appointment.isActive ? t("appointments.active") : t("appointments.inactive")}
          </Badge>
        }
        actions={
          <>
            {canUpdate && (
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={editing.open}>
                {t("common.edit")}
              </Button>
            )}
            {appointment.actions.includes("delete") && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={confirmDelete}
              >
                {t("common.delete")}
              </Button>
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
