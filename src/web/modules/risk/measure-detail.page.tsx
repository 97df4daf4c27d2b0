import { Alert, Button, Card, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconLock, IconProgressCheck } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { DeleteButton, EditButton } from "../../app/components/record-actions.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { Effectiveness, formatCost, MeasureKindBadge, MeasureOverdueBadge, MeasureStatusBadge, useCategoryLabel } from "./measure-badges.component.tsx";
import { MeasureEvidenceCard } from "./measure-evidence.component.tsx";
import { MeasureFormModal } from "./measure-form.modal.tsx";
import { type Measure, useDeleteMeasure, useMeasure } from "./measure-records.api.ts";
import { MeasureStatusModal } from "./measure-status.modal.tsx";
import { useMeasureHistoryText } from "./risk-history-text.ts";

const routeApi = getRouteApi("/app/pages/risk/measures/$measureId");

export function MeasureDetailPage() {
  const { t } = useTranslation();
  const { measureId } = routeApi.useParams();
  const query = useMeasure(measureId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[200, 120]} />}
      errorHeader={<PageHeader title={t("riskMeasures.title")} breadcrumbs={[{ label: t("riskMeasures.title"), to: "/risk/measures" }]} />}
    >
      {(measure) => <MeasureView measure={measure} />}
    </QueryBoundary>
  );
}

function MeasureView({ measure }: { measure: Measure }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const categoryLabel = useCategoryLabel();
  const remove = useDeleteMeasure();
  const [isEditing, editing] = useDisclosure(false);
  const [isChangingStatus, changingStatus] = useDisclosure(false);
  const canUpdate = measure.actions.includes("update");
  const canDelete = measure.actions.includes("delete");
  const historyText = useMeasureHistoryText();

  return (
    <Stack gap="md">
      <PageHeader
        title={measure.title}
        breadcrumbs={[{ label: t("riskMeasures.title"), to: "/risk/measures" }, { label: measure.placeName }]}
        badges={
          <>
            <MeasureKindBadge kind={measure.kind} />
            <MeasureStatusBadge status={measure.status} />
            <MeasureOverdueBadge isOverdue={measure.isOverdue} />
          </>
        }
        actions={
          <>
            {canUpdate && (
              <Button variant="light" leftSection={<IconProgressCheck size={16} aria-hidden />} onClick={changingStatus.open}>
                {t("riskMeasures.changeStatus")}
              </Button>
            )}
            {canUpdate && <EditButton onClick={editing.open} />}
            {canDelete && (
              <DeleteButton
                id={measure.id}
                mutation={remove}
                confirmTitle={t("riskMeasures.deleteTitle")}
                confirmMessage={t("riskMeasures.deleteMessage", { title: measure.title, count: measure.evidence.length })}
                deletedMessage={t("riskMeasures.deleted")}
                onDeleted={() => void navigate({ to: "/risk/measures" })}
              />
            )}
          </>
        }
      />

      {!canUpdate && (
        <Alert color="gray" variant="light" icon={<IconLock aria-hidden />}>
          {measure.organisationId ? t("riskMeasures.readOnlyOrganisation") : t("riskMeasures.readOnlyArea")}
        </Alert>
      )}

      <Card withBorder>
        <FieldList
          items={[
            {
              label: t("riskMeasures.fields.placeId"),
              value: (
                <AnchorLink to="/places/$placeId" params={{ placeId: measure.placeId }}>
                  {measure.placeName}
                </AnchorLink>
              ),
            },
            { label: t("riskMeasures.fields.kind"), value: t(`riskMeasures.kinds.${measure.kind}`) },
            { label: t("riskMeasures.fields.organisationId"), value: measure.organisationCode },
            { label: t("riskMeasures.fields.category"), value: categoryLabel(measure.category) },
            { label: t("riskMeasures.fields.ownerName"), value: measure.ownerName },
            { label: t("riskMeasures.fields.dueOn"), value: format.date(measure.dueOn) },
            { label: t("riskMeasures.fields.cost"), value: formatCost(measure.costAmount, measure.costCurrency, i18n.language) },
            { label: t("riskMeasures.fields.status"), value: t(`riskMeasures.statuses.${measure.status}`) },
            { label: t("riskMeasures.fields.implementedOn"), value: format.date(measure.implementedOn), isHidden: !measure.implementedOn },
            { label: t("riskMeasures.fields.verifiedOn"), value: format.date(measure.verifiedOn), isHidden: !measure.verifiedOn },
            { label: t("riskMeasures.fields.verificationNote"), value: measure.verificationNote, isHidden: !measure.verificationNote },
            { label: t("riskMeasures.fields.effectiveness"), value: <Effectiveness value={measure.effectiveness} /> },
            { label: t("riskMeasures.fields.effectivenessNote"), value: measure.effectivenessNote, isHidden: !measure.effectivenessNote },
            {
              label: t("riskMeasures.lastOverdueNotice"),
              value: format.dateTime(measure.lastOverdueNoticeAt),
              isHidden: !measure.lastOverdueNoticeAt,
            },
            { label: t("fields.updatedAt"), value: format.dateTime(measure.updatedAt) },
          ]}
        />
      </Card>

      <Card withBorder component="section" aria-labelledby="measure-description">
        <Title order={2} size="h4" mb="xs" id="measure-description">
          {t("riskMeasures.fields.description")}
        </Title>
        <Text size="sm" className="vigil-break" style={{ whiteSpace: "pre-wrap" }} c={measure.description ? undefined : "dimmed"}>
          {measure.description || t("riskMeasures.noDescription")}
        </Text>
      </Card>

      <MeasureEvidenceCard measureId={measure.id} evidence={measure.evidence} canUpdate={canUpdate} />

      <HistoryTimeline entityType="srm_measure" entityId={measure.id} text={historyText} />

      <MeasureFormModal opened={isEditing} onClose={editing.close} measure={measure} />
      <MeasureStatusModal opened={isChangingStatus} onClose={changingStatus.close} measure={measure} />
    </Stack>
  );
}
