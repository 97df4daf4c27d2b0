import { ActionIcon, Badge, Button, Card, Group, Stack, Text, Title, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { ScenarioFormModal } from "./assessment-scenario-form.modal.tsx";
import { type Assessment, type Cell, type Scenario, useDeleteScenario } from "./srm-api.ts";
import { LevelChip } from "./srm-labels.tsx";

type SectionProps = { assessment: Assessment; canEdit: boolean };

/** A level chip with the likelihood × impact that gives it. */
export function CellSummary({ cell, likelihood, impact }: { cell: Cell; likelihood: number; impact: number }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <LevelChip level={cell.level} size="sm" />
      <Text size="xs" c="dimmed" style={{ whiteSpace: "nowrap" }}>
        {t("srm.scenarios.lxi", { likelihood, impact })}
        {cell.score !== null && ` = ${cell.score}`}
      </Text>
    </Group>
  );
}

/** Risk scenarios: what could happen, inherent risk, measures, residual risk, treatment. */
export function ScenariosSection({ assessment, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<Scenario | "new" | null>(null);
  const remove = useDeleteScenario(assessment.id);
  const activityNames = new Map(assessment.activities.map((activity) => [activity.key, `${activity.organisationCode} · ${activity.name}`]));

  function confirmDelete(scenario: Scenario) {
    confirmAction({
      title: t("srm.scenarios.deleteTitle"),
      message: t("srm.scenarios.deleteMessage", { title: scenario.title }),
      confirmLabel: t("common.delete"),
      onConfirm: () =>
        remove.mutate(scenario.id, {
          onSuccess: () => notifySuccess(t("srm.scenarios.deleted")),
          onError: (error) => notifyError(error),
        }),
    });
  }

  const columns: Column<Scenario>[] = [
    {
      key: "title",
      header: t("srm.scenarios.fields.title"),
      isPrimary: true,
      render: (scenario) => (
        <Stack gap={2}>
          <Text size="sm" fw={600} className="vigil-break">
            {scenario.title}
          </Text>
          {scenario.residual.level.rank > scenario.inherent.level.rank && (
            <Group gap={4} wrap="nowrap">
              <IconAlertTriangle size={14} color="var(--mantine-color-orange-7)" aria-hidden />
              <Text size="xs" c="orange">
                {t("srm.scenarios.residualAbove")}
              </Text>
            </Group>
          )}
        </Stack>
      ),
    },
    { key: "category", header: t("srm.scenarios.fields.threatCategory"), render: (s) => t(`srm.threatCategories.${s.threatCategory}`) },
    {
      key: "inherent",
      header: t("srm.scenarios.inherent"),
      render: (s) => <CellSummary cell={s.inherent} likelihood={s.inherentLikelihood} impact={s.inherentImpact} />,
    },
    {
      key: "residual",
      header: t("srm.scenarios.residual"),
      render: (s) => <CellSummary cell={s.residual} likelihood={s.residualLikelihood} impact={s.residualImpact} />,
    },
    {
      key: "strategies",
      header: t("srm.scenarios.fields.strategies"),
      render: (s) =>
        s.strategies.length === 0 ? (
          "—"
        ) : (
          <Group gap={4}>
            {s.strategies.map((strategy) => (
              <Badge key={strategy} variant="outline" size="sm">
                {t(`srm.strategies.${strategy}`)}
              </Badge>
            ))}
          </Group>
        ),
    },
    {
      key: "activities",
      header: t("srm.scenarios.fields.activityKeys"),
      render: (s) =>
        s.activityKeys.length === 0 ? "—" : s.activityKeys.map((key) => activityNames.get(key) ?? key).join("; "),
    },
  ];

  return (
    <Card withBorder component="section" aria-labelledby="srm-scenarios-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="srm-scenarios-title">
          {t("srm.scenarios.title")}
        </Title>
        {canEdit && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => setEditing("new")}>
            {t("srm.scenarios.add")}
          </Button>
        )}
      </Group>
      <DataTable
        caption={t("srm.scenarios.title")}
        columns={columns}
        items={assessment.scenarios}
        isLoading={false}
        getKey={(scenario) => scenario.id}
        minWidth={860}
        empty={<Empty isCompact title={t("srm.scenarios.empty")} />}
        rowActions={
          canEdit
            ? (scenario) => (
                <>
                  <Tooltip label={t("common.edit")}>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`${t("common.edit")}: ${scenario.title}`}
                      onClick={() => setEditing(scenario)}
                    >
                      <IconPencil size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                  <Tooltip label={t("common.delete")}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t("common.delete")}: ${scenario.title}`}
                      onClick={() => confirmDelete(scenario)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                </>
              )
            : undefined
        }
      />
      <ScenarioFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        assessment={assessment}
        scenario={editing === "new" ? undefined : (editing ?? undefined)}
      />
    </Card>
  );
}
