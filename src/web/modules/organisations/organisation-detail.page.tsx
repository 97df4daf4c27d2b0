import { Anchor, Badge, Card, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { DeleteButton, EditButton } from "../../app/components/record-actions.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { OrganisationFormModal } from "./organisation-form.modal.tsx";
import { type Organisation, useDeleteOrganisation, useOrganisation } from "./organisations.api.ts";

const routeApi = getRouteApi("/app/pages/organisations/$organisationId");

export function OrganisationDetailPage() {
  const { t } = useTranslation();
  const { organisationId } = routeApi.useParams();
  const query = useOrganisation(organisationId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[160]} />}
      errorHeader={
        <PageHeader
          title={t("organisations.title")}
          breadcrumbs={[{ label: t("organisations.title"), to: "/organisations" }]}
        />
      }
    >
      {(organisation) => <OrganisationView organisation={organisation} />}
    </QueryBoundary>
  );
}

function OrganisationView({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const remove = useDeleteOrganisation();
  const [isEditing, editing] = useDisclosure(false);

  return (
    <Stack gap="md">
      <PageHeader
        title={`${organisation.code} — ${organisation.name}`}
        breadcrumbs={[{ label: t("organisations.title"), to: "/organisations" }]}
        badges={
          <Badge variant="light" color="gray">
            {t(`organisationKinds.${organisation.kind}`)}
          </Badge>
        }
        actions={
          <>
            {organisation.actions.includes("update") && <EditButton onClick={editing.open} />}
            {organisation.actions.includes("delete") && (
              <DeleteButton
                id={organisation.id}
                mutation={remove}
                confirmTitle={t("organisations.deleteTitle")}
                confirmMessage={t("organisations.deleteMessage", { code: organisation.code, name: organisation.name })}
                deletedMessage={t("organisations.deleted")}
                onDeleted={() => void navigate({ to: "/organisations" })}
              />
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
