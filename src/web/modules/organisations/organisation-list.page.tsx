import { Badge, Button, Group, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconBuilding, IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { SearchInput } from "../../app/components/search-input.component.tsx";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan } from "../../app/session.ts";
import { OrganisationFormModal } from "./organisation-form.modal.tsx";
import { type Organisation, useOrganisationList } from "./organisations.api.ts";

const routeApi = getRouteApi("/app/pages/organisations");

export function OrganisationListPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan("organisation.create");
  const [isCreating, creating] = useDisclosure(false);
  const { page, update, goToPage } = useListSearch(search, navigate);
  const query = useOrganisationList({
    q: search.q,
    sort: search.sort ?? "code",
    order: search.order ?? "asc",
    page,
    pageSize: defaultPageSize,
  });


  const columns: Column<Organisation>[] = [
    {
      key: "code",
      header: t("fields.code"),
      sortKey: "code",
      isPrimary: true,
      render: (organisation) => (
        <AnchorLink to="/organisations/$organisationId" params={{ organisationId: organisation.id }} fw={600}>
          {organisation.code}
        </AnchorLink>
      ),
    },
    { key: "name", header: t("fields.name"), sortKey: "name", render: (organisation) => organisation.name },
    {
      key: "kind",
      header: t("fields.kind"),
      render: (organisation) => (
        <Badge variant="light" color="gray" radius="sm">
          {t(`organisationKinds.${organisation.kind}`)}
        </Badge>
      ),
    },
    {
      key: "focalPoints",
      header: t("fields.hqFocalPoints"),
      render: (organisation) =>
        organisation.hqFocalPoints.length === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Text size="sm">{organisation.hqFocalPoints.map((point) => point.name).join(", ")}</Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("organisations.title")}
        description={t("organisations.description")}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creating.open}>
              {t("organisations.create")}
            </Button>
          )
        }
      />
      <Group mb="sm" align="flex-end">
        <div style={{ flex: "1 1 260px", maxWidth: 420 }}>
          <SearchInput
            label={t("organisations.searchLabel")}
            placeholder={t("organisations.searchPlaceholder")}
            value={search.q}
            onChange={(q) => update({ q })}
          />
        </div>
      </Group>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("organisations.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(organisation) => organisation.id}
          sort={{
            by: search.sort ?? "code",
            order: search.order ?? "asc",
            onChange: (sort, order) => update({ sort: sort as "code" | "name", order }),
          }}
          empty={
            <Empty
              icon={<IconBuilding aria-hidden />}
              title={search.q ? t("common.noMatches") : t("organisations.empty")}
              description={search.q ? t("common.noMatchesHint") : canCreate ? t("organisations.emptyHint") : undefined}
              action={
                canCreate &&
                !search.q && (
                  <Button size="xs" onClick={creating.open}>
                    {t("organisations.create")}
                  </Button>
                )
              }
            />
          }
        />
      </ListResults>
      <OrganisationFormModal
        opened={isCreating}
        onClose={creating.close}
        onSaved={(saved) =>
          void navigate({ to: "/organisations/$organisationId", params: { organisationId: saved.id } })
        }
      />
    </>
  );
}
