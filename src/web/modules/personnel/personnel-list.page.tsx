import { Badge, Button, Select, SimpleGrid, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconDownload, IconPlus, IconUpload, IconUsers } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { OrganisationSelect } from "../../app/components/pickers/organisation-select.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { ListFilters } from "../../app/components/list-filters.component.tsx";
import {
  type PersonnelCategory,
  personnelCategories,
  type RecruitmentType,
  recruitmentTypes,
  type Sex,
  sexes,
} from "../../app/domain.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan } from "../../app/session.ts";
import { exportCsvUrl, type PersonListItem, usePersonnelList } from "./personnel.api.ts";
import { PersonnelImportModal } from "./personnel-import.modal.tsx";

const routeApi = getRouteApi("/app/pages/personnel");

type PersonnelSort = "name" | "organisation" | "dutyStation" | "category" | "recruitmentType";

export function PersonnelListPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan("personnel.create");
  const [isImporting, importing] = useDisclosure(false);
  const { page, update, goToPage } = useListSearch(search, navigate);
  const filterParams = {
    q: search.q,
    organisationId: search.organisationId,
    placeId: search.placeId,
    recruitmentType: search.recruitmentType,
    category: search.category,
    sex: search.sex,
  };
  const query = usePersonnelList({
    ...filterParams,
    sort: search.sort ?? "name",
    order: search.order ?? "asc",
    page,
    pageSize: defaultPageSize,
  });
  const activeFilterCount = [
    search.organisationId,
    search.placeId,
    search.recruitmentType,
    search.category,
    search.sex,
  ].filter(Boolean).length;
  const hasFilters = Boolean(search.q) || activeFilterCount > 0;

  const columns: Column<PersonListItem>[] = [
    {
      key: "name",
      header: t("fields.name"),
      sortKey: "name",
      isPrimary: true,
      render: (person) => (
        <AnchorLink to="/personnel/$personId" params={{ personId: person.id }} fw={600}>
          {person.familyName.toUpperCase()}, {person.givenName}
        </AnchorLink>
      ),
    },
    {
      key: "organisation",
      header: t("fields.organisation"),
      sortKey: "organisation",
      render: (person) => person.organisationCode,
    },
    {
      key: "dutyStation",
      header: t("fields.dutyStation"),
      sortKey: "dutyStation",
      render: (person) => person.dutyStationName,
    },
    {
      key: "category",
      header: t("fields.category"),
      sortKey: "category",
      render: (person) => (
        <>
          {t(`categories.${person.category}`)}
          {person.grade ? (
            <Text span size="xs" c="dimmed">
              {" "}
              ({person.grade})
            </Text>
          ) : null}
        </>
      ),
    },
    {
      key: "recruitmentType",
      header: t("fields.recruitmentType"),
      sortKey: "recruitmentType",
      render: (person) => (
        <Badge
          variant="light"
          color={person.recruitmentType === "international" ? "blue" : "teal"}
          radius="sm"
          tt="none"
        >
          {t(`recruitmentTypes.${person.recruitmentType}`)}
        </Badge>
      ),
    },
    { key: "sex", header: t("fields.sex"), isHiddenOnCards: true, render: (person) => t(`sexes.${person.sex}`) },
    {
      key: "dependants",
      header: t("fields.dependants"),
      render: (person) => (person.dependantCount > 0 ? person.dependantCount : "—"),
    },
  ];

  const filterFields = (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm">
      <OrganisationSelect
        label={t("fields.organisation")}
        value={search.organisationId ?? null}
        onChange={(organisationId) => update({ organisationId: organisationId ?? undefined })}
      />
      <PlaceSelect
        label={t("fields.place")}
        value={search.placeId ?? null}
        onChange={(placeId) => update({ placeId: placeId ?? undefined })}
      />
      <Select
        label={t("fields.recruitmentType")}
        clearable
        placeholder={t("common.all")}
        data={recruitmentTypes.map((value) => ({ value, label: t(`recruitmentTypes.${value}`) }))}
        value={search.recruitmentType ?? null}
        onChange={(value) => update({ recruitmentType: (value ?? undefined) as RecruitmentType | undefined })}
      />
      <Select
        label={t("fields.category")}
        clearable
        placeholder={t("common.all")}
        data={personnelCategories.map((value) => ({ value, label: t(`categories.${value}`) }))}
        value={search.category ?? null}
        onChange={(value) => update({ category: (value ?? undefined) as PersonnelCategory | undefined })}
      />
      <Select
        label={t("fields.sex")}
        clearable
        placeholder={t("common.all")}
        data={sexes.map((value) => ({ value, label: t(`sexes.${value}`) }))}
        value={search.sex ?? null}
        onChange={(value) => update({ sex: (value ?? undefined) as Sex | undefined })}
      />
    </SimpleGrid>
  );

  return (
    <>
      <PageHeader
        title={t("personnel.title")}
        description={t("personnel.description")}
        actions={
          <>
            <Button
              component="a"
              href={exportCsvUrl(filterParams)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t("personnel.exportCsv")}
            </Button>
            {canCreate && (
              <>
                <Button variant="default" leftSection={<IconUpload size={16} aria-hidden />} onClick={importing.open}>
                  {t("personnel.importCsv")}
                </Button>
                <ButtonLink to="/personnel/new" leftSection={<IconPlus size={16} aria-hidden />}>
                  {t("personnel.create")}
                </ButtonLink>
              </>
            )}
          </>
        }
      />
      <ListFilters search={{ value: search.q, placeholder: t("personnel.listSearchPlaceholder"), onChange: (q) => update({ q }) }} activeCount={activeFilterCount}>
        {filterFields}
      </ListFilters>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("personnel.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(person) => person.id}
          minWidth={860}
          sort={{
            by: search.sort ?? "name",
            order: search.order ?? "asc",
            onChange: (sort, order) => update({ sort: sort as PersonnelSort, order }),
          }}
          empty={
            <Empty
              icon={<IconUsers aria-hidden />}
              title={hasFilters ? t("common.noMatches") : t("personnel.empty")}
              description={hasFilters ? t("common.noMatchesHint") : canCreate ? t("personnel.emptyHint") : undefined}
              action={
                hasFilters ? (
                  <Button size="xs" variant="default" onClick={() => void navigate({ search: {}, replace: true })}>
                    {t("common.clearFilters")}
                  </Button>
                ) : (
                  canCreate && (
                    <ButtonLink size="xs" to="/personnel/new">
                      {t("personnel.create")}
                    </ButtonLink>
                  )
                )
              }
            />
          }
        />
      </ListResults>
      <PersonnelImportModal opened={isImporting} onClose={importing.close} />
    </>
  );
}
