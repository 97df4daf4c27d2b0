import { Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RiskLevel, RiskMatrix } from "../../../core/risk/risk-matrix.types.ts";
import { CellSummary } from "./assessment-scenarios.component.tsx";
import type { Scenario } from "./srm-api.ts";
import { useIsPhone } from "../../app/viewport.ts";
import { textOn } from "../../app/theme.ts";
import { LevelChip, useLocalised } from "./srm-labels.tsx";

/** "Very high" → "VH": what a phone's narrow cell can show of a level's name (the legend spells it out). */
export const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase())
    .join("");

type GridProps = {
  matrix: RiskMatrix;
  caption: string;
  /** Scenarios per cell, keyed "likelihood:impact"; absent on the matrix admin page. */
  counts?: Map<string, number>;
  /** Replaces a cell's content (the matrix editor puts a select there). */
  renderCell?: (likelihood: number, impact: number, level: RiskLevel) => ReactNode;
  /** The grid to draw, when it differs from the matrix's own (an unsaved edit). */
  grid?: readonly (readonly string[])[];
};

/**
 * A likelihood × impact grid coloured by the matrix's levels: likelihood grows upwards and
 * impact to the right, as risk matrices are read. It is a real table (row and column headers),
 * and every cell also names its level, so the colour is never the only signal.
 */
export function MatrixGrid({ matrix, caption, counts, renderCell, grid = matrix.grid }: GridProps) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const levels = new Map(matrix.levels.map((level) => [level.code, level]));
  const rows = [...matrix.likelihood].reverse();
  // On a phone the axes show numbers only (the words would break mid-word); a key below names them.
  const isPhone = useIsPhone();
  const axisLabel = (step: RiskMatrix["likelihood"][number]) =>
    isPhone ? (
      <abbr title={localised(step.label)} style={{ textDecoration: "none" }}>
        {step.value}
        <span className="vigil-sr-only"> {localised(step.label)}</span>
      </abbr>
    ) : (
      `${step.value}. ${localised(step.label)}`
    );
  return (
    <div style={{ overflowX: "auto" }}>
      <Table
        withTableBorder
        withColumnBorders
        style={{ tableLayout: "fixed", minWidth: 300 }}
        verticalSpacing={4}
        horizontalSpacing={4}
      >
        <caption className="vigil-sr-only">{caption}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" style={{ width: isPhone ? "16%" : "20%" }}>
              <Text size="xs" c="dimmed" lh={1.2}>
                {isPhone ? t("srm.heatMap.axesShort") : t("srm.heatMap.likelihoodUp")}
                {!isPhone && <br />}
                {!isPhone && t("srm.heatMap.impactRight")}
              </Text>
            </Table.Th>
            {matrix.impact.map((step) => (
              <Table.Th key={step.value} scope="col" style={{ textAlign: "center", verticalAlign: "bottom" }}>
                <Text size="xs" fw={600} lh={1.15}>
                  {axisLabel(step)}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((likelihood) => (
            <Table.Tr key={likelihood.value}>
              <Table.Th scope="row">
                <Text size="xs" fw={600} lh={1.15} ta={isPhone ? "center" : undefined}>
                  {axisLabel(likelihood)}
                </Text>
              </Table.Th>
              {matrix.impact.map((impact) => {
                const level = levels.get(grid[likelihood.value - 1]?.[impact.value - 1] ?? "") ?? matrix.levels[0];
                const count = counts?.get(`${likelihood.value}:${impact.value}`) ?? 0;
                const name = localised(level.label);
                const label = counts
                  ? t("srm.heatMap.cellLabel", {
                      likelihood: localised(likelihood.label),
                      impact: localised(impact.label),
                      level: name,
                      count,
                    })
                  : t("srm.heatMap.cellLabelPlain", { likelihood: localised(likelihood.label), impact: localised(impact.label), level: name });
                return (
                  <Table.Td
                    key={impact.value}
                    aria-label={renderCell ? undefined : label}
                    title={renderCell ? undefined : label}
                    style={{ background: level.colour, color: textOn(level.colour), textAlign: "center", height: 48, padding: 2 }}
                  >
                    {renderCell ? (
                      renderCell(likelihood.value, impact.value, level)
                    ) : (
                      <Stack gap={0} align="center">
                        {counts && count > 0 ? (
                          <Text fw={800} size="lg" lh={1} style={{ color: "inherit" }}>
                            {count}
                          </Text>
                        ) : null}
                        <Text size="11px" lh={1.1} style={{ color: "inherit" }} aria-hidden>
                          {isPhone ? initials(name) : name}
                        </Text>
                      </Stack>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {isPhone && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("srm.heatMap.likelihoodKey", { steps: matrix.likelihood.map((step) => `${step.value} ${localised(step.label)}`).join(", ") })}
          <br />
          {t("srm.heatMap.impactKey", { steps: matrix.impact.map((step) => `${step.value} ${localised(step.label)}`).join(", ") })}
        </Text>
      )}
    </div>
  );
}

export function LevelLegend({ matrix }: { matrix: RiskMatrix }) {
  const { t } = useTranslation();
  const localised = useLocalised();
  const isPhone = useIsPhone();
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" fw={500} id={`legend-${matrix.code}`}>
        {t("srm.heatMap.legend")}:
      </Text>
      <Group gap={6} wrap="wrap" component="ul" aria-labelledby={`legend-${matrix.code}`} m={0} p={0} style={{ listStyle: "none" }}>
        {[...matrix.levels]
          .sort((a, b) => a.rank - b.rank)
          .map((level) => (
            <li key={level.code}>
              <Group gap={4} wrap="nowrap">
                {isPhone && (
                  <Text size="xs" fw={700} aria-hidden>
                    {initials(localised(level.label))}
                  </Text>
                )}
                <LevelChip level={level} size="sm" />
              </Group>
            </li>
          ))}
      </Group>
    </Group>
  );
}

function countBy(scenarios: Scenario[], kind: "inherent" | "residual") {
  const counts = new Map<string, number>();
  for (const scenario of scenarios) {
    const key =
      kind === "inherent"
        ? `${scenario.inherentLikelihood}:${scenario.inherentImpact}`
        : `${scenario.residualLikelihood}:${scenario.residualImpact}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The assessment's scenarios on its matrix, before and after measures, and the same as a table. */
export function HeatMaps({ matrix, scenarios }: { matrix: RiskMatrix; scenarios: Scenario[] }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="srm-heatmap-title">
      <Title order={2} size="h4" id="srm-heatmap-title" mb="xs">
        {t("srm.heatMap.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("srm.heatMap.hint")}
      </Text>
      <SimpleGrid cols={{ base: 1, xl: 2 }} spacing="lg">
        {(["inherent", "residual"] as const).map((kind) => (
          <Stack key={kind} gap="xs" component="figure" m={0} maw={680} aria-labelledby={`srm-heatmap-${kind}`}>
            <Text fw={600} component="figcaption" id={`srm-heatmap-${kind}`}>
              {t(`srm.heatMap.${kind}`)}
            </Text>
            <MatrixGrid matrix={matrix} counts={countBy(scenarios, kind)} caption={t(`srm.heatMap.${kind}`)} />
          </Stack>
        ))}
      </SimpleGrid>
      <Stack mt="md" gap="sm">
        <LevelLegend matrix={matrix} />
        {scenarios.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("srm.scenarios.empty")}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={320} type="native">
            <Table striped verticalSpacing={4}>
              <caption className="vigil-sr-only">{t("srm.heatMap.tableCaption")}</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("srm.scenarios.fields.title")}</Table.Th>
                  <Table.Th scope="col">{t("srm.scenarios.inherent")}</Table.Th>
                  <Table.Th scope="col">{t("srm.scenarios.residual")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {scenarios.map((scenario) => (
                  <Table.Tr key={scenario.id}>
                    <Table.Td>
                      <Text size="sm">{scenario.title}</Text>
                    </Table.Td>
                    <Table.Td>
                      <CellSummary cell={scenario.inherent} likelihood={scenario.inherentLikelihood} impact={scenario.inherentImpact} />
                    </Table.Td>
                    <Table.Td>
                      <CellSummary cell={scenario.residual} likelihood={scenario.residualLikelihood} impact={scenario.residualImpact} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
