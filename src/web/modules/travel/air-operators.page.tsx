import { Button, Card, Drawer, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Timeline, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlane, IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { operatorKinds } from "../../../core/travel/air.ts";
import { operatorCategories } from "../../../core/travel/clearance.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { ListFilters } from "../../app/components/list-filters.component.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useIsPhone } from "../../app/viewport.ts";
import { CategoryBadge } from "./air-category-badge.component.tsx";
import { CategoryFormModal, OperatorFormModal } from "./air-operator-form.modal.tsx";
import { type OperatorSummary, useAirMutations, useOperator, useOperators, useRmtPolicies } from "./air.api.ts";

const routeApi = getRouteApi("/app/pages/travel/air/operators");

/** One operator's category history, latest first, and the form to record a new one for those who may. */
function OperatorDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const query = useOperator(id);
  const [isRecording, recording] = useDisclosure(false);
  const operator = query.data;
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size={isPhone ? "100%" : "md"} title={operator?.name ?? t("airTravel.operators.history")}>
      {operator && (
        <Stack gap="md">
          <Group gap="xs">
            <CategoryBadge category={operator.category} />
            <Text size="sm" c="dimmed">
              {t(`airTravel.kind.${operator.kind}`)}
              {operator.country ? ` · ${operator.country}` : ""}
            </Text>
          </Group>
          {operator.actions.includes("record_category") && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} variant="light" onClick={recording.open} style={{ alignSelf: "flex-start" }}>
              {t("airTravel.operators.recordCategory")}
            </Button>
          )}
          <Title order={3} size="h5">
            {t("airTravel.operators.history")}
          </Title>
          <Timeline bulletSize={14} lineWidth={2}>
            {operator.history.map((entry) => (
              <Timeline.Item key={entry.id} title={<CategoryBadge category={entry.category} />}>
                <Text size="sm">{t(entry.isFuture ? "airTravel.operators.fromFuture" : "airTravel.operators.from", { date: entry.effectiveFrom })}</Text>
                <Text size="sm" className="vigil-break">
                  {t("airTravel.fields.source")}: {entry.source}
                </Text>
                {entry.note && (
                  <Text size="sm" c="dimmed" className="vigil-break">
                    {entry.note}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {t("airTravel.operators.recordedBy", { name: entry.recordedByName ?? t("airTravel.operators.system"), date: entry.recordedAt.slice(0, 10) })}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
          <CategoryFormModal operatorId={operator.id} opened={isRecording} onClose={recording.close} />
        </Stack>
      )}
    </Drawer>
  );
}

/** Each organisation's choice: an RMT mandatory (the default) or advisory for Conditional operators. */
function PolicyCard() {
  const { t } = useTranslation();
  const query = useRmtPolicies();
  const { setPolicy } = useAirMutations();
  if (!query.data) return null;
  const { items, canManage } = query.data;
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("airTravel.policies.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("airTravel.policies.description")}
        </Text>
        <Table.ScrollContainer minWidth={320}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("airTravel.fields.organisation")}</Table.Th>
                <Table.Th>{t("airTravel.policies.policy")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.organisationId}>
                  <Table.Td>{item.code}</Table.Td>
                  <Table.Td>
                    {canManage ? (
                      <SegmentedControl
                        size="xs"
                        aria-label={t("airTravel.policies.policyOf", { code: item.code })}
                        value={item.policy}
                        onChange={(policy) => setPolicy.mutate({ id: item.organisationId, policy: policy as "mandatory" | "advisory" })}
                        data={[
                          { value: "mandatory", label: t("airTravel.policies.mandatory") },
                          { value: "advisory", label: t("airTravel.policies.advisory") },
                        ]}
                      />
                    ) : (
                      t(`airTravel.policies.${item.policy}`)
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}

/** The register of air operators (issue 13 §5): category badges, history, and changes for the aviation role. */
export function AirOperatorsPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { page, goToPage } = useListSearch(search, navigate);
  const query = useOperators({ kind: search.kind, category: search.category, q: search.q, page, pageSize: defaultPageSize });
  const [openId, setOpenId] = useState<string | null>(null);
  const [isAdding, adding] = useDisclosure(false);
  const setSearch = (patch: Partial<typeof search>) => void navigate({ search: (previous) => ({ ...previous, ...patch, page: undefined }) });

  const columns: Column<OperatorSummary>[] = [
    {
      key: "name",
      header: t("airTravel.fields.name"),
      isPrimary: true,
      render: (item) => (
        <Button variant="subtle" px={0} onClick={() => setOpenId(item.id)} styles={{ label: { whiteSpace: "normal", textAlign: "left" } }}>
          {item.name}
        </Button>
      ),
    },
    { key: "category", header: t("airTravel.fields.category"), render: (item) => <CategoryBadge category={item.category} /> },
    { key: "kind", header: t("airTravel.fields.kind"), render: (item) => t(`airTravel.kind.${item.kind}`) },
    { key: "country", header: t("airTravel.fields.country"), render: (item) => item.country ?? "—", isHiddenOnCards: true },
  ];

  return (
    <>
      <PageHeader
        title={t("airTravel.operators.title")}
        description={t("airTravel.operators.description")}
        actions={
          query.data?.canManage ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={adding.open}>
              {t("airTravel.operators.add")}
            </Button>
          ) : undefined
        }
      />
      <Stack gap="md">
        <ListFilters
          search={{ value: search.q, placeholder: t("airTravel.operators.searchPlaceholder"), onChange: (q) => setSearch({ q }) }}
          activeCount={[search.kind, search.category].filter(Boolean).length}
        >
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t("airTravel.fields.category")}
            clearable
            data={operatorCategories.map((value) => ({ value, label: t(`airTravel.category.${value}`) }))}
            value={search.category ?? null}
            onChange={(value) => setSearch({ category: (value ?? undefined) as typeof search.category })}
          />
          <Select
            label={t("airTravel.fields.kind")}
            clearable
            data={operatorKinds.map((value) => ({ value, label: t(`airTravel.kind.${value}`) }))}
            value={search.kind ?? null}
            onChange={(value) => setSearch({ kind: (value ?? undefined) as typeof search.kind })}
          />
          </SimpleGrid>
        </ListFilters>
        <ListResults query={query} page={page} onPageChange={goToPage}>
          <DataTable
            caption={t("airTravel.operators.title")}
            columns={columns}
            items={query.data?.items}
            isLoading={query.isPending}
            getKey={(item) => item.id}
            minWidth={640}
            empty={<Empty icon={<IconPlane aria-hidden />} title={t("airTravel.operators.empty")} />}
          />
        </ListResults>
        <PolicyCard />
      </Stack>
      <OperatorDrawer id={openId} onClose={() => setOpenId(null)} />
      <OperatorFormModal opened={isAdding} onClose={adding.close} />
    </>
  );
}
