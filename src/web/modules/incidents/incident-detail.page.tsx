import { Badge, Button, Card, Stack, Table, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconLock, IconPencil, IconSend } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { useOrganisationOptions, usePlaceTree } from "../../app/reference-data.ts";
import { useCan } from "../../app/session.ts";
import { VictimCasesForIncident } from "../victims/index.ts";
import { IncidentTravellersCard } from "../travel/incident-travellers.component.tsx";
import { IncidentAttachmentsCard } from "./incident-attachments.component.tsx";
import { useIncidentHistoryText } from "./incident-history-text.ts";
import { statusColors, useTaxonomyText } from "./incident-labels.ts";
import { IncidentFlags } from "./incident-list.page.tsx";
import { RestrictedIncidentView } from "./incident-restricted.component.tsx";
import { type Incident, isRestrictedIncident, useIncidentView, useTaxonomy, useTransition } from "./incidents.api.ts";
import { NeedToKnowCard } from "./need-to-know.component.tsx";

const routeApi = getRouteApi("/app/pages/incidents/$incidentId");

export function IncidentDetailPage() {
  const { t } = useTranslation();
  const { incidentId } = routeApi.useParams();
  const query = useIncidentView(incidentId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[160, 200, 240]} />}
      errorHeader={<PageHeader title={t("incidents.title")} breadcrumbs={[{ label: t("incidents.title"), to: "/incidents" }]} />}
    >
      {(incident) => (isRestrictedIncident(incident) ? <RestrictedIncidentView incident={incident} /> : <IncidentView incident={incident} />)}
    </QueryBoundary>
  );
}

type Step = { action: "submit" | "verify" | "close"; to: "submitted" | "verified" | "closed"; icon: typeof IconSend };
const steps: Step[] = [
  { action: "submit", to: "submitted", icon: IconSend },
  { action: "verify", to: "verified", icon: IconCircleCheck },
  { action: "close", to: "closed", icon: IconLock },
];

/** Submit, verify, close: only the steps the caller may take now (`actions`), each confirmed first. */
function WorkflowButtons({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const transition = useTransition(incident.id);
  return (
    <>
      {steps
        .filter((step) => incident.actions.includes(step.action))
        .map((step) => (
          <Button
            key={step.action}
            leftSection={<step.icon size={16} aria-hidden />}
            loading={transition.isPending && transition.variables === step.to}
            onClick={() =>
              confirmAction({
                title: t(`incidents.workflow.${step.action}Title`),
                message: t(`incidents.workflow.${step.action}Message`),
                confirmLabel: t(`incidents.workflow.${step.action}`),
                isDanger: false,
                onConfirm: () =>
                  transition.mutate(step.to, {
                    onSuccess: () => notifySuccess(t(`incidents.workflow.${step.action}Done`)),
                    onError: (error) => notifyError(error),
                  }),
              })
            }
          >
            {t(`incidents.workflow.${step.action}`)}
          </Button>
        ))}
    </>
  );
}

function IncidentView({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const taxonomy = useTaxonomy();
  const text = useTaxonomyText(taxonomy.data);
  const historyText = useIncidentHistoryText(taxonomy.data);
  const canReadVictims = useCan("victim.read");
  const organisations = useOrganisationOptions();
  // Warms the place names the history shows for place ids.
  usePlaceTree();
  const organisationCode = (id: string | null) => (id ? (organisations.data?.find((organisation) => organisation.id === id)?.code ?? "…") : "—");
  const category = text.category(incident.categoryCode);
  const stamp = (at: string | null, by?: string | null) => (at ? `${format.dateTime(at)}${by ? ` · ${by}` : ""}` : null);

  return (
    <Stack gap="md">
      <PageHeader
        title={text.categoryLabel(incident.categoryCode)}
        description={`${incident.occurredAtLocal.slice(0, 16)} (${incident.timeZone}) · ${incident.placeName}`}
        breadcrumbs={[{ label: t("incidents.title"), to: "/incidents" }]}
        badges={
          <>
            <Badge variant="light" color={statusColors[incident.status]} tt="none">
              {t(`incidents.statuses.${incident.status}`)}
            </Badge>
            <IncidentFlags incident={incident} />
          </>
        }
        actions={
          <>
            {incident.actions.includes("update") && (
              <ButtonLink variant="default" to="/incidents/$incidentId/edit" params={{ incidentId: incident.id }} leftSection={<IconPencil size={16} aria-hidden />}>
                {t("common.edit")}
              </ButtonLink>
            )}
            <WorkflowButtons incident={incident} />
          </>
        }
      />
      <Card withBorder>
        <FieldList
          cols={3}
          items={[
            { label: t("incidents.fields.occurredAt"), value: `${incident.occurredAtLocal.slice(0, 16)} (${incident.timeZone})` },
            { label: t("incidents.fields.occurredAtUtc"), value: format.dateTime(incident.occurredAt) },
            {
              label: t("incidents.fields.place"),
              value: (
                <AnchorLink to="/places/$placeId" params={{ placeId: incident.placeId }}>
                  {incident.placeName}
                </AnchorLink>
              ),
            },
            {
              label: t("incidents.fields.coordinates"),
              value: incident.latitude !== null && incident.longitude !== null ? `${incident.latitude}, ${incident.longitude}` : null,
            },
            { label: t("incidents.fields.category"), value: category ? `${text.groupLabel(category.group)} › ${text.categoryLabel(incident.categoryCode)}` : incident.categoryCode },
            { label: t("incidents.fields.affectsUn"), value: t(`incidents.softSwitch.${incident.affectsUn}`) },
            { label: t("incidents.fields.isNearMiss"), value: incident.isNearMiss ? t("common.yes") : t("common.no") },
            { label: t("incidents.fields.source"), value: [t(`incidents.sources.${incident.source}`), incident.sourceDetail].filter(Boolean).join(" — ") },
            { label: t("incidents.fields.reporterName"), value: [incident.reporter.name, incident.reporter.contact].filter(Boolean).join(" · ") },
            { label: t("incidents.fields.organisationsAffected"), value: incident.organisationsAffected.map(organisationCode).join(", ") },
            { label: t("incidents.fields.submittedAt"), value: stamp(incident.submittedAt) },
            { label: t("incidents.fields.verifiedAt"), value: stamp(incident.verifiedAt, incident.verifiedByName) },
            { label: t("incidents.fields.closedAt"), value: stamp(incident.closedAt) },
          ]}
        />
      </Card>

      <Card withBorder component="section" aria-labelledby="incident-narrative">
        <Title order={2} size="h4" mb="sm" id="incident-narrative">
          {t("incidents.fields.description")}
        </Title>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
          {incident.description}
        </Text>
      </Card>

      <Card withBorder component="section" aria-labelledby="incident-people-view">
        <Title order={2} size="h4" mb="sm" id="incident-people-view">
          {t("incidents.fields.peopleAffected")}
        </Title>
        {incident.peopleAffected.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("incidents.form.noPeople")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480} type="native">
            <Table withTableBorder fz="sm" verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("incidents.fields.outcome")}</Table.Th>
                  <Table.Th scope="col">{t("fields.recruitmentType")}</Table.Th>
                  <Table.Th scope="col">{t("fields.sex")}</Table.Th>
                  <Table.Th scope="col">{t("incidents.fields.count")}</Table.Th>
                  <Table.Th scope="col">{t("incidents.fields.organisation")}</Table.Th>
                  <Table.Th scope="col">{t("incidents.fields.linkedPerson")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {incident.peopleAffected.map((line, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id of their own in the API.
                  <Table.Tr key={index}>
                    <Table.Td>{t(`incidents.outcomes.${line.outcome}`)}</Table.Td>
                    <Table.Td>{t(`recruitmentTypes.${line.recruitmentType}`)}</Table.Td>
                    <Table.Td>{t(`incidents.sexes.${line.sex}`)}</Table.Td>
                    <Table.Td>{format.number(line.count)}</Table.Td>
                    <Table.Td>{organisationCode(line.organisationId)}</Table.Td>
                    <Table.Td>
                      {line.personId ? (
                        <AnchorLink to="/personnel/$personId" params={{ personId: line.personId }}>
                          {t("incidents.openPerson")}
                        </AnchorLink>
                      ) : (
                        "—"
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>

      <Card withBorder>
        <FieldList
          cols={2}
          items={[
            {
              label: t("incidents.fields.premisesAffected"),
              value: incident.premisesAffected.map((item) => `${t(`incidents.premisesKinds.${item.kind}`)}: ${item.description}`).join("; "),
            },
            {
              label: t("incidents.fields.assetsAffected"),
              value: incident.assetsAffected.map((item) => `${t(`incidents.assetKinds.${item.kind}`)}: ${item.description}`).join("; "),
            },
          ]}
        />
      </Card>

      <IncidentAttachmentsCard incidentId={incident.id} attachments={incident.attachments} canUpdate={incident.actions.includes("update")} />

      {incident.isSensitive && incident.actions.includes("manage_need_to_know") && <NeedToKnowCard incidentId={incident.id} />}

      {/* The confidential register: not even hinted at without victim.read. */}
      {canReadVictims && <VictimCasesForIncident incidentId={incident.id} />}

      {/* Travellers in the incident's area (issue 13 §4): for those who answer for the area only. */}
      <IncidentTravellersCard incidentId={incident.id} />

      <HistoryTimeline entityType="incident" entityId={incident.id} text={historyText} />
    </Stack>
  );
}
