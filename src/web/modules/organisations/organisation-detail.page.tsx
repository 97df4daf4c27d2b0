import { Anchor, Badge, Button, Card, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { OrganisationFormModal } from "./organisation-form.modal.tsx";
import { useDeleteOrganisation, useOrganisation } from "./organisations.api.ts";

const routeApi = getRouteApi("/app/pages/organisations/$organisationId");

export function OrganisationDetailPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { organisationId } = routeApi.useParams();
  const navigate = useNavigate();
  const query = useOrganisation(organisationId);
  const remove = useDeleteOrganisation();
  const [isEditing, editing] = useDisclosure(false);
  const crumbs = [{ label: t("organisations.title"), to: "/organisations" }];

  if (query.isPending) {
    return (
      <Stack>
        <Skeleton height={32} width="40%" />
        <Skeleton height={160} />
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t("organisations.title")} breadcrumbs={crumbs} />
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  const organisation = query.data;

  function confirmDelete() {
    confirmAction({
      title: t("organisations.deleteTitle"),
      message: t("organisations.deleteMessage", { code: organisation.code, name: organisation.name }),
      confirmLabel: t("common.delete"),
      onConfirm: () =>
        remove.mutate(organisation.id, {
          onSuccess: () => {
            notifySuccess(t("organisations.deleted"));
            void navigate({ to: "/organisations" });
          },
          onError: (error) => notifyError(error),
        }),
    });
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={`${organisation.code} — ${organisation.name}`}
        breadcrumbs={crumbs}
        badges={
          <Badge variant="light" color="gray">
            {t(`organisationKinds.${organisation.kind}`)}
          </Badge>
        }
        actions={
          <>
            {organisation.actions.includes("update") && (
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={editing.open}>
                {t("common.edit")}
              </Button>
            )}
            {organisation.actions.includes("delete") && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={confirmDelete}
                loading={remove.isPending}
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
            { label: t("fields.code"), value: organisation.code },
            { label: t("fields.name"), value: organisation.name },
            { label: t("fields.kind"), value: t(`organisationKinds.${organisation.kind}`) },
            { label: t("fields.createdAt"), value: format.dateTime(organisation.createdAt) },
            { label: t("fields.updatedAt"), value: format.dateTime(organisation.updatedAt) },
          ]}
        />
      </Card>
      <Card withBorder component="section" aria-labelledby="focal-points-title">
        <Title order={2} size="h4" mb="sm" id="focal-points-title">
          {t("fields.hqFocalPoints")}
        </Title>
        {organisation.hqFocalPoints.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("organisations.noFocalPoints")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={420} type="native">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("fields.name")}</Table.Th>
                  <Table.Th scope="col">{t("fields.title")}</Table.Th>
                  <Table.Th scope="col">{t("fields.email")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {organisation.hqFocalPoints.map((point) => (
                  <Table.Tr key={point.email + point.name}>
                    <Table.Td>{point.name}</Table.Td>
                    <Table.Td>{point.title || "—"}</Table.Td>
                    <Table.Td>
                      <Anchor href={`mailto:${point.email}`} className="vigil-break">
                        {point.email}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <HistoryTimeline entityType="organisation" entityId={organisation.id} />
      <OrganisationFormModal opened={isEditing} onClose={editing.close} organisation={organisation} />
    </Stack>
  );
}
