import { Badge, Card, Group, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconEqual } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useDiffText } from "./assessment-diff-text.ts";
import {
  type Assessment,
  type AssessmentDiff,
  type CollectionDiff,
  type FieldChange,
  type RankedLevel,
  useAssessment,
  useAssessmentDiff,
} from "./srm-api.ts";
import { LevelChip } from "./srm-labels.tsx";

const routeApi = getRouteApi("/app/pages/risk/assessments/$assessmentId/compare");

export function AssessmentComparePage() {
  const { t } = useTranslation();
  const { assessmentId } = routeApi.useParams();
  const query = useAssessment(assessmentId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[80, 320]} />}
      errorHeader={<PageHeader title={t("srm.compare.title")} breadcrumbs={[{ label: t("srm.title"), to: "/risk/assessments" }]} />}
    >
      {(assessment) => <CompareView assessment={assessment} />}
    </QueryBoundary>
  );
}

function CompareView({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { against } = routeApi.useSearch();
  const others = assessment.versions.filter((version) => version.id !== assessment.id).sort((a, b) => b.version - a.version);
  const againstId = against ?? others.find((version) => version.version < assessment.version)?.id ?? others[0]?.id;
  const diff = useAssessmentDiff(assessment.id, againstId);
  const versionLabel = (version: { version: number; status: Assessment["status"] }) =>
    `${t("srm.versionNumber", { version: version.version })} · ${t(`srm.statuses.${version.status}`)}`;

  return (
    <Stack gap="md">
      <PageHeader
        title={t("srm.compare.title")}
        description={assessment.title}
        breadcrumbs={[
          { label: t("srm.title"), to: "/risk/assessments" },
          { label: assessment.title, to: "/risk/assessments/$assessmentId", params: { assessmentId: assessment.id } },
        ]}
      />
      <Card withBorder>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t("srm.compare.from")}
            allowDeselect={false}
            value={againstId ?? null}
            data={others.map((version) => ({ value: version.id, label: versionLabel(version) }))}
            onChange={(id) =>
              id &&
              void navigate({
                to: "/risk/assessments/$assessmentId/compare",
                params: { assessmentId: assessment.id },
                search: { against: id },
                replace: true,
              })
            }
            style={{ flex: "1 1 200px" }}
          />
          <IconArrowRight size={20} aria-hidden style={{ marginBottom: 8 }} />
          <Stack gap={2} style={{ flex: "1 1 200px" }}>
            <Text size="sm" fw={500}>
              {t("srm.compare.to")}
            </Text>
            <Text size="sm" py={6}>
              {versionLabel(assessment)}
            </Text>
          </Stack>
        </Group>
      </Card>
      {!againstId ? (
        <Empty title={t("srm.compare.noOther")} />
      ) : (
        <QueryBoundary query={diff} pending={<PageSkeleton blocks={[200]} />}>
          {(result) => <DiffView diff={result} assessment={assessment} againstId={againstId} />}
        </QueryBoundary>
      )}
    </Stack>
  );
}

const isEmpty = (part: CollectionDiff) => part.added.length + part.removed.length + part.changed.length === 0;

function DiffView({ diff, assessment, againstId }: { diff: AssessmentDiff; assessment: Assessment; againstId: string }) {
  const { t } = useTranslation();
  const text = useDiffText(assessment, diff.activityNames);
  // The other version's scenarios, to show what a changed likelihood or impact does to the level.
  const other = useAssessment(againstId);
  const levelShift = (key: string) => {
    const before = other.data?.scenarios.find((scenario) => scenario.key === key);
    const after = assessment.scenarios.find((scenario) => scenario.key === key);
    if (!before || !after) return [];
    return (["inherent", "residual"] as const)
      .filter((kind) => before[kind].level.code !== after[kind].level.code)
      .map((kind) => ({ kind, from: before[kind].level, to: after[kind].level }));
  };
  if (diff.header.length === 0 && isEmpty(diff.activities) && isEmpty(diff.threats) && isEmpty(diff.scenarios)) {
    return <Empty icon={<IconEqual aria-hidden />} title={t("srm.compare.same")} />;
  }
  return (
    <Stack gap="md">
      {diff.header.length > 0 && (
        <Card withBorder component="section" aria-labelledby="diff-header">
          <Title order={2} size="h4" id="diff-header" mb="sm">
            {t("srm.compare.header")}
          </Title>
          <Changes changes={diff.header} section="header" text={text} />
        </Card>
      )}
      <CollectionSection title={t("srm.activities.title")} part={diff.activities} section="activities" text={text} />
      <CollectionSection title={t("srm.threats.title")} part={diff.threats} section="threats" text={text} />
      <CollectionSection title={t("srm.scenarios.title")} part={diff.scenarios} section="scenarios" text={text} levelShift={levelShift} />
    </Stack>
  );
}

type Section = "header" | "activities" | "threats" | "scenarios";
type DiffText = ReturnType<typeof useDiffText>;

type LevelShift = (key: string) => { kind: "inherent" | "residual"; from: RankedLevel; to: RankedLevel }[];

function CollectionSection({
  title,
  part,
  section,
  text,
  levelShift,
}: {
  title: string;
  part: CollectionDiff;
  section: Section;
  text: DiffText;
  levelShift?: LevelShift;
}) {
  const { t } = useTranslation();
  if (isEmpty(part)) return null;
  const id = `diff-${section}`;
  const itemTitle = (item: { key: string; title: string }) => (section === "threats" ? t(`srm.threatCategories.${item.key}`) : item.title);
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">
        {part.added.map((item) => (
          <Group key={`added-${item.key}`} gap="xs" wrap="nowrap" align="flex-start">
            <Badge color="green" variant="light" style={{ flexShrink: 0 }}>
              {t("srm.compare.added")}
            </Badge>
            <Text size="sm" className="vigil-break">
              {itemTitle(item)}
            </Text>
          </Group>
        ))}
        {part.removed.map((item) => (
          <Group key={`removed-${item.key}`} gap="xs" wrap="nowrap" align="flex-start">
            <Badge color="red" variant="light" style={{ flexShrink: 0 }}>
              {t("srm.compare.removed")}
            </Badge>
            <Text size="sm" td="line-through" className="vigil-break">
              {itemTitle(item)}
            </Text>
          </Group>
        ))}
        {part.changed.map((item) => (
          <Stack key={`changed-${item.key}`} gap={6} component="article" aria-label={itemTitle(item)} data-testid="diff-changed">
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Badge color="blue" variant="light" style={{ flexShrink: 0 }}>
                {t("srm.compare.changed")}
              </Badge>
              <Text size="sm" fw={600} className="vigil-break">
                {itemTitle(item)}
              </Text>
            </Group>
            <Changes changes={item.changes} section={section} text={text} />
            {levelShift?.(item.key).map((shift) => (
              <Group key={shift.kind} gap={6} wrap="wrap" data-testid="diff-level">
                <Text size="sm" c="dimmed">
                  {t(`srm.compare.${shift.kind}Level`)}:
                </Text>
                <LevelChip level={shift.from} size="sm" />
                <IconArrowRight size={14} aria-label={t("srm.compare.becomes")} />
                <LevelChip level={shift.to} size="sm" />
              </Group>
            ))}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

function Changes({ changes, section, text }: { changes: FieldChange[]; section: Section; text: DiffText }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <SimpleGrid cols={3} spacing={4} visibleFrom="sm" aria-hidden>
        <span />
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t("srm.compare.before")}
        </Text>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {t("srm.compare.after")}
        </Text>
      </SimpleGrid>
      <Stack gap="xs" role="list">
        {changes.map((change) => (
          <SimpleGrid
            key={change.field}
            cols={{ base: 1, sm: 3 }}
            spacing={4}
            role="listitem"
            data-testid="diff-field"
            data-field={change.field}
            style={{ borderTop: "1px solid var(--mantine-color-gray-2)", paddingTop: 6 }}
          >
            <Text size="sm" fw={600}>
              {text.fieldLabel(section, change.field)}
            </Text>
            <Text size="sm" c="red.9" bg="var(--mantine-color-red-0)" px={6} style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
              <span className="vigil-sr-only">{t("srm.compare.before")}: </span>
              <s>{text.value(change.field, change.from)}</s>
            </Text>
            <Text size="sm" c="green.9" bg="var(--mantine-color-green-0)" px={6} style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
              <span className="vigil-sr-only">{t("srm.compare.after")}: </span>
              {text.value(change.field, change.to)}
            </Text>
          </SimpleGrid>
        ))}
      </Stack>
    </Stack>
  );
}
