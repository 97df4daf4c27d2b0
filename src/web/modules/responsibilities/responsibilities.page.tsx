import { Card, Group, Select, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { IconListCheck } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { SearchInput } from "../../app/components/search-input.component.tsx";
import { appointmentRoles, type RegisterRoleKey, registerBodyKeys } from "../../app/domain.ts";
import { type RegisterSection, useResponsibilities } from "./responsibilities.api.ts";
import { RegisterSectionView } from "./responsibility-list.component.tsx";

const routeApi = getRouteApi("/app/pages/responsibilities");

const roleGroups: { labelKey: string; keys: readonly RegisterRoleKey[] }[] = [
  { labelKey: "responsibilities.groups.roles", keys: [...appointmentRoles, "personnel"] },
  { labelKey: "responsibilities.groups.bodies", keys: registerBodyKeys },
];

function registerKeyLabelKey(key: RegisterRoleKey): string {
  if (key === "personnel") return "responsibilities.personnel";
  if ((registerBodyKeys as readonly string[]).includes(key)) return `bodies.${key}.long`;
  return `roles.${key}`;
}

function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

function filterSections(sections: RegisterSection[], q: string | undefined): RegisterSection[] {
  if (!q) return sections;
  const needle = normalise(q);
  return sections
    .map((section) => {
      if (normalise(`${section.section} ${section.actor}`).includes(needle)) return section;
      return {
        ...section,
        items: section.items.filter((item) => normalise(`${item.heading ?? ""} ${item.text}`).includes(needle)),
      };
    })
    .filter((section) => section.items.length > 0);
}

export function ResponsibilitiesPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const query = useResponsibilities(search.role);
  const sections = useMemo(() => filterSections(query.data?.sections ?? [], search.q), [query.data, search.q]);
  const itemCount = sections.reduce((total, section) => total + section.items.length, 0);

  return (
    <>
      <PageHeader title={t("responsibilities.title")} description={t("responsibilities.description")} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="md" maw={840}>
        <Select
          label={t("responsibilities.roleLabel")}
          placeholder={t("responsibilities.allRoles")}
          clearable
          searchable
          data={roleGroups.map((group) => ({
            group: t(group.labelKey),
            items: group.keys.map((key) => ({ value: key, label: t(registerKeyLabelKey(key)) })),
          }))}
          value={search.role ?? null}
          onChange={(role) =>
            void navigate({
              search: (previous) => ({ ...previous, role: (role ?? undefined) as RegisterRoleKey | undefined }),
              replace: true,
            })
          }
        />
        <SearchInput
          label={t("responsibilities.searchLabel")}
          placeholder={t("responsibilities.searchPlaceholder")}
          value={search.q}
          onChange={(q) => void navigate({ search: (previous) => ({ ...previous, q }), replace: true })}
        />
      </SimpleGrid>
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isPending ? (
        <Stack>
          <Skeleton height={24} width="30%" />
          <Skeleton height={120} />
          <Skeleton height={120} />
        </Stack>
      ) : sections.length === 0 ? (
        <Empty
          icon={<IconListCheck aria-hidden />}
          title={search.q ? t("common.noMatches") : t("responsibilities.empty")}
          description={search.q ? t("common.noMatchesHint") : undefined}
        />
      ) : (
        <Stack gap="md">
          <Group>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t("responsibilities.count", { count: itemCount })}
            </Text>
          </Group>
          {sections.map((section) => (
            <Card withBorder key={`${section.section}-${section.actor}`}>
              <RegisterSectionView section={section} headingOrder={2} />
            </Card>
          ))}
        </Stack>
      )}
    </>
  );
}
