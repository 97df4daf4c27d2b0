import { Alert, Button, Card, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconArrowBackUp, IconLock, IconPencil, IconShieldLock } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { IncidentLink } from "./incident-link.component.tsx";
import { CaseStatusBadge, OverdueBadge } from "./victim-badges.component.tsx";
import { VictimCaseFormModal } from "./victim-case-form.modal.tsx";
import { FollowUpsCard } from "./victim-follow-ups.component.tsx";
import { VictimCaseHistory } from "./victim-history.component.tsx";
import { useTransitionVictimCase, useVictimCase, type VictimCase } from "./victims.api.ts";

const routeApi = getRouteApi("/app/pages/victims/$caseId");

export function VictimDetailPage() {
  const { t } = useTranslation();
  const { caseId } = routeApi.useParams();
  const query = useVictimCase(caseId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[160, 200]} />}
      errorHeader={<PageHeader title={t("victims.title")} breadcrumbs={[{ label: t("victims.title"), to: "/victims" }]} />}
    >
      {(victimCase) => <VictimCaseView victimCase={victimCase} />}
    </QueryBoundary>
  );
}

function VictimCaseView({ victimCase }: { victimCase: VictimCase }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [isEditing, editing] = useDisclosure(false);
  const transition = useTransitionVictimCase(victimCase.id);
  const nextOfKin = [victimCase.nextOfKinFocalPointName, victimCase.nextOfKinFocalPointContact].filter(Boolean).join(" · ");

  function confirmTransition(to: "open" | "closed") {
    const key = to === "closed" ? "close" : "reopen";
    confirmAction({
      title: t(`victims.${key}Title`),
      message: t(`victims.${key}Message`, { name: victimCase.victimName }),
      confirmLabel: t(`victims.${key}`),
      isDanger: false,
      onConfirm: () =>
        transition.mutate(to, {
          onSuccess: () => notifySuccess(t(to === "closed" ? "victims.closed" : "victims.reopened")),
          onError: (error) => notifyError(error),
        }),
    });
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={victimCase.victimName}
        documentTitle={t("victims.title")}
        breadcrumbs={[{ label: t("victims.title"), to: "/victims" }]}
        badges={
          <>
            <CaseStatusBadge status={victimCase.status} />
            <OverdueBadge count={victimCase.overdueFollowUpCount} />
          </>
        }
        actions={
          <>
            {victimCase.actions.includes("update") && (
              <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={editing.open}>
                {t("common.edit")}
              </Button>
            )}
            {victimCase.actions.includes("close") && (
              <Button
                variant="default"
                leftSection={<IconLock size={16} aria-hidden />}
                loading={transition.isPending}
                onClick={() => confirmTransition("closed")}
              >
                {t("victims.close")}
              </Button>
            )}
            {victimCase.actions.includes("reopen") && (
              <Button
                variant="default"
                leftSection={<IconArrowBackUp size={16} aria-hidden />}
                loading={transition.isPending}
                onClick={() => confirmTransition("open")}
              >
                {t("victims.reopen")}
              </Button>
            )}
          </>
        }
      />
      <Alert color="grape" variant="light" icon={<IconShieldLock aria-hidden />} py="xs">
        {t("victims.confidential")}
      </Alert>
      <Card withBorder component="section" aria-label={t("victims.caseDetails")}>
        <FieldList
          cols={3}
          items={[
            {
              label: t("victims.fields.incident"),
              value: (
                <IncidentLink
                  incidentId={victimCase.incidentId}
                  categoryCode={victimCase.incident.categoryCode}
                  occurredAt={victimCase.incident.occurredAt}
                />
              ),
            },
            { label: t("victims.fields.place"), value: victimCase.placeName },
            {
              label: t("victims.fields.victimPersonId"),
              value: victimCase.victimPersonId ? (
                <AnchorLink to="/personnel/$personId" params={{ personId: victimCase.victimPersonId }}>
                  {victimCase.victimName}
                </AnchorLink>
              ) : (
                t("victims.noPersonRecord")
              ),
            },
            { label: t("victims.fields.perpetratorKind"), value: t(`victims.perpetratorKinds.${victimCase.perpetratorKind}`) },
            { label: t("victims.fields.perpetratorDetail"), value: victimCase.perpetratorDetail },
            {
              label: t("victims.fields.investigationStatus"),
              value: t(`victims.investigationStatuses.${victimCase.investigationStatus}`),
            },
            { label: t("victims.fields.judicialStatus"), value: t(`victims.judicialStatuses.${victimCase.judicialStatus}`) },
            { label: t("victims.fields.nextOfKinFocalPoint"), value: nextOfKin },
            {
              label: t("victims.fields.nextFollowUpDue"),
              value: victimCase.nextFollowUpDue ? format.date(victimCase.nextFollowUpDue) : t("victims.nothingDue"),
            },
            { label: t("victims.fields.createdAt"), value: format.dateTime(victimCase.createdAt) },
          ]}
        />
        {victimCase.notes && (
          <Stack mt="md" gap={2}>
            <FieldList cols={1} items={[{ label: t("victims.fields.notes"), value: <span style={{ whiteSpace: "pre-wrap" }}>{victimCase.notes}</span> }]} />
          </Stack>
        )}
      </Card>
      <FollowUpsCard victimCase={victimCase} />
      <VictimCaseHistory caseId={victimCase.id} />
      <VictimCaseFormModal opened={isEditing} onClose={editing.close} victimCase={victimCase} />
    </Stack>
  );
}
