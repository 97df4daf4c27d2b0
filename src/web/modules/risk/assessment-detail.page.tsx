import { Alert, Card, Select, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { AcceptableRiskBoard } from "./acceptable-risk-board.component.tsx";
import { AssessmentActions } from "./assessment-actions.component.tsx";
import { ActivitiesSection } from "./assessment-activities.component.tsx";
import { AssessmentNotices } from "./assessment-notices.component.tsx";
import { ScenariosSection } from "./assessment-scenarios.component.tsx";
import { ThreatsSection } from "./assessment-threats.component.tsx";
import { HeatMaps } from "./heat-map.component.tsx";
import { useAssessmentHistoryText } from "./risk-history-text.ts";
import { type Assessment, useAssessment } from "./srm-api.ts";
import { AssessmentStatusBadge, LevelChip, ReviewOverdueBadge, useLocalised } from "./srm-labels.tsx";
import { type AssessmentTab, assessmentTabs } from "./srm-tabs.ts";

const routeApi = getRouteApi("/app/pages/risk/assessments/$assessmentId");

export function AssessmentDetailPage() {
  const { t } = useTranslation();
  const { assessmentId } = routeApi.useParams();
  const query = useAssessment(assessmentId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[140, 320]} />}
      errorHeader={<PageHeader title={t("srm.title")} breadcrumbs={[{ label: t("srm.title"), to: "/risk/assessments" }]} />}
    >
      {(assessment) => <AssessmentView assessment={assessment} />}
    </QueryBoundary>
  );
}

function AssessmentView({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const localised = useLocalised();
  const navigate = useNavigate();
  const search = routeApi.useSearch();
  const tab: AssessmentTab = search.tab ?? "summary";
  const isFrozen = assessment.status === "approved" || assessment.status === "superseded";
  const canEdit = assessment.actions.includes("update");
  const historyText = useAssessmentHistoryText();

  return (
    <Stack gap="md">
      <PageHeader
        title={assessment.title}
        breadcrumbs={[{ label: t("srm.title"), to: "/risk/assessments" }]}
        badges={
          <>
            <AssessmentStatusBadge status={assessment.status} />
            {assessment.reviewOverdue && <ReviewOverdueBadge />}
          </>
        }
        actions={<AssessmentActions assessment={assessment} />}
      />
      <AssessmentNotices assessment={assessment} />
      {isFrozen && (
        <Alert color="gray" icon={<IconLock aria-hidden />} title={t(`srm.frozen.${assessment.status}`)}>
          {assessment.actions.includes("new_version") ? t("srm.frozen.newVersionHint") : t("srm.frozen.hint")}
        </Alert>
      )}
      <Card withBorder component="section" aria-labelledby="srm-header-title">
        <Title order={2} size="h4" id="srm-header-title" className="vigil-sr-only">
          {t("srm.headerTitle")}
        </Title>
        <FieldList
          cols={4}
          items={[
            {
              label: t("srm.fields.area"),
              value: (
                <AnchorLink to="/places/$placeId" params={{ placeId: assessment.placeId }}>
                  {assessment.placeName}
                </AnchorLink>
              ),
            },
            {
              label: t("srm.fields.version"),
              value: (
                <Select
                  aria-label={t("srm.versionSelect")}
                  size="xs"
                  maw={260}
                  allowDeselect={false}
                  value={assessment.id}
                  data={[...assessment.versions]
                    .sort((a, b) => b.version - a.version)
                    .map((version) => ({
                      value: version.id,
                      label: `${t("srm.versionNumber", { version: version.version })} · ${t(`srm.statuses.${version.status}`)}`,
                    }))}
                  onChange={(id) => id && id !== assessment.id && void navigate({ to: "/risk/assessments/$assessmentId", params: { assessmentId: id } })}
                />
              ),
            },
            { label: t("srm.fields.period"), value: `${format.date(assessment.periodFrom)} – ${format.date(assessment.periodTo)}` },
            {
              label: t("srm.fields.reviewDueOn"),
              value: (
                <Text span size="sm" c={assessment.reviewOverdue ? "red" : undefined} fw={assessment.reviewOverdue ? 600 : undefined}>
                  {format.date(assessment.reviewDueOn)}
                </Text>
              ),
            },
            { label: t("srm.fields.author"), value: assessment.authorName },
            {
              label: t("srm.fields.matrix"),
              value: `${localised(assessment.matrix.definition.name)} · v${assessment.matrix.version}`,
            },
            { label: t("srm.fields.createdAt"), value: format.dateTime(assessment.createdAt) },
            { label: t("srm.fields.updatedAt"), value: format.dateTime(assessment.updatedAt) },
          ]}
        />
      </Card>
      {assessment.approval && (
        <Card withBorder component="section" aria-labelledby="srm-approval-title">
          <Title order={2} size="h4" id="srm-approval-title" mb="sm">
            {t("srm.approval.title")}
          </Title>
          <FieldList
            cols={4}
            items={[
              { label: t("srm.approval.by"), value: assessment.approval.byName },
              { label: t("srm.approval.at"), value: format.dateTime(assessment.approval.at) },
              { label: t("srm.approval.smtConsultedOn"), value: format.date(assessment.approval.smtConsultedOn) },
              { label: t("srm.approval.conditions"), value: assessment.approval.conditions || t("srm.approval.noConditions") },
            ]}
          />
        </Card>
      )}
      <Tabs
        value={tab}
        onChange={(next) =>
          void navigate({
            to: "/risk/assessments/$assessmentId",
            params: { assessmentId: assessment.id },
            search: { tab: next === "summary" ? undefined : (next as AssessmentTab) },
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: "wrap" }}>
          {assessmentTabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`srm.tabs.${name}`)}
              {name === "scenarios" && ` (${assessment.scenarios.length})`}
              {name === "programme" && ` (${assessment.activities.length})`}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="summary" pt="md">
          <SummarySection assessment={assessment} />
        </Tabs.Panel>
        <Tabs.Panel value="programme" pt="md">
          <ActivitiesSection assessment={assessment} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="threats" pt="md">
          <ThreatsSection assessment={assessment} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="scenarios" pt="md">
          <ScenariosSection assessment={assessment} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="heatmap" pt="md">
          <HeatMaps matrix={assessment.matrix.definition} scenarios={assessment.scenarios} />
        </Tabs.Panel>
        <Tabs.Panel value="acceptable" pt="md">
          <AcceptableRiskBoard assessment={assessment} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistoryTimeline entityType="srm_assessment" entityId={assessment.id} text={historyText} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function SummarySection({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const highest = (kind: "inherent" | "residual") =>
    assessment.scenarios.reduce<Assessment["scenarios"][number]["inherent"]["level"] | null>(
      (top, scenario) => (top === null || scenario[kind].level.rank > top.rank ? scenario[kind].level : top),
      null,
    );
  const organisations = new Set(assessment.activities.map((activity) => activity.organisationId)).size;
  const assessed = assessment.threats.filter((threat) => threat.id !== null).length;
  const chip = (level: ReturnType<typeof highest>) => (level ? <LevelChip level={level} size="sm" /> : t("srm.noScenarioShort"));
  return (
    <Card withBorder component="section" aria-labelledby="srm-summary-title">
      <Title order={2} size="h4" id="srm-summary-title" mb="sm">
        {t("srm.tabs.summary")}
      </Title>
      <FieldList
        cols={4}
        items={[
          { label: t("srm.glance.activities"), value: t("srm.glance.activitiesValue", { count: assessment.activities.length, organisations }) },
          { label: t("srm.glance.threats"), value: t("srm.glance.threatsValue", { assessed, total: assessment.threats.length }) },
          { label: t("srm.glance.highestInherent"), value: chip(highest("inherent")) },
          { label: t("srm.glance.highestResidual"), value: chip(highest("residual")) },
        ]}
      />
      {assessment.summary.trim() ? (
        <Text size="sm" mt="md" style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
          {assessment.summary}
        </Text>
      ) : (
        <Text size="sm" mt="md" c="dimmed">
          {t("srm.noSummary")}
        </Text>
      )}
    </Card>
  );
}
