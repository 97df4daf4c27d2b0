import { Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconFileSpreadsheet, IconUsers } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { recruitmentTypes, sexes } from "../../../core/personnel/personnel.schemas.ts";
import type { HeadcountSort } from "../../../core/travel/headcount.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { usePlaceTree } from "../../app/reference-data.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useMe } from "../../app/session.ts";
import { HeadcountMap } from "./headcount-map.component.tsx";
import { type Headcount, type HeadcountFigures, type HeadcountPerson, headcountCsvUrl, useHeadcount, useHeadcountPeople } from "./headcount.api.ts";

const routeApi = getRouteApi("/app/pages/travel/headcount");

/** "2026-12-07T14:30" in the browser's time zone, as a datetime-local field shows it. */
function localInput(iso: string): string {
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The caller's own area: the widest place among their appointments (Mali for its DO, P/C/SA, desk officer). */
function useDefaultArea(): string | undefined {
  const me = useMe();
  const { byId } = usePlaceTree();
  return useMemo(() => {
    const rank = { designated_area: 0, security_area: 1, duty_station: 2 } as const;
    const placed = me.appointments.map((appointment) => ({ id: appointment.placeId, kind: byId.get(appointment.placeId)?.kind ?? "duty_station" }));
    placed.sort((a, b) => rank[a.kind] - rank[b.kind]);
    return placed[0]?.id;
  }, [me.appointments, byId]);
}

const national = (figures: HeadcountFigures) => figures.recruitment.locally_recruited + figures.recruitment.national_not_locally_recruited;

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-figure={label}>
        {value.toLocaleString()}
      </Text>
    </Card>
  );
}

function Breakdown({ title, rows }: { title: string; rows: { label: string; value: number }[] }) {
  return (
    <Card withBorder padding="sm">
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      <Table>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Th scope="row" fw={400}>
                {row.label}
              </Table.Th>
              <Table.Td ta="right">{row.value.toLocaleString()}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Counts({ data }: { data: Headcount }) {
  const { t } = useTranslation();
  const { totals } = data;
  const columns: Column<Headcount["byOrganisation"][number]>[] = [
    { key: "organisation", header: t("headcount.fields.organisation"), isPrimary: true, render: (row) => <span title={row.name}>{row.code}</span> },
    { key: "total", header: t("headcount.fields.total"), render: (row) => row.total },
    { key: "personnel", header: t("headcount.fields.personnel"), render: (row) => row.personnel },
    { key: "international", header: t("headcount.recruitment.international"), render: (row) => row.recruitment.international },
    { key: "national", header: t("headcount.fields.national"), render: (row) => national(row) },
    { key: "women", header: t("headcount.fields.women"), render: (row) => row.sex.female },
    { key: "men", header: t("headcount.fields.men"), render: (row) => row.sex.male },
    { key: "dependants", header: t("headcount.fields.dependants"), render: (row) => row.dependants },
  ];
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm">
        <Figure label={t("headcount.fields.total")} value={totals.total} />
        <Figure label={t("headcount.fields.personnel")} value={totals.personnel} />
        <Figure label={t("headcount.recruitment.international")} value={totals.recruitment.international} />
        <Figure label={t("headcount.fields.national")} value={national(totals)} />
        <Figure label={t("headcount.fields.women")} value={totals.sex.female} />
        <Figure label={t("headcount.fields.dependants")} value={totals.dependants} />
      </SimpleGrid>
      <section aria-labelledby="headcount-by-organisation">
        <Title order={2} size="h4" mb="xs" id="headcount-by-organisation">
          {t("headcount.byOrganisation")}
        </Title>
        <DataTable
          caption={t("headcount.byOrganisation")}
          columns={columns}
          items={data.byOrganisation}
          isLoading={false}
          getKey={(row) => row.organisationId}
          minWidth={640}
          empty={<Empty icon={<IconUsers aria-hidden />} title={t("headcount.nobody")} description={t("headcount.nobodyHint")} />}
        />
      </section>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Breakdown title={t("headcount.byRecruitment")} rows={recruitmentTypes.map((type) => ({ label: t(`headcount.recruitment.${type}`), value: totals.recruitment[type] }))} />
        <Breakdown
          title={t("headcount.bySex")}
          rows={[
            ...sexes.map((sex) => ({ label: t(`headcount.sex.${sex}`), value: totals.sex[sex] })),
            ...sexes.map((sex) => ({ label: t(`headcount.dependantSex.${sex}`), value: totals.dependantSex[sex] })),
          ]}
        />
      </SimpleGrid>
      <section aria-labelledby="headcount-map">
        <Title order={2} size="h4" mb="xs" id="headcount-map">
          {t("headcount.where")}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <HeadcountMap places={data.byPlace} />
          <Breakdown title={t("headcount.byPlace")} rows={data.byPlace.slice(0, 12).map((place) => ({ label: place.name, value: place.total }))} />
        </SimpleGrid>
      </section>
    </Stack>
  );
}

function People({ area }: { area: { placeId: string; at?: string } }) {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { page, update, goToPage } = useListSearch(search, navigate);
  const sort = search.sort ?? "name";
  const order = search.order ?? "asc";
  const query = useHeadcountPeople(area, { page, pageSize: defaultPageSize, sort, order }, true);
  const hasContacts = query.data?.items.some((person) => person.contacts !== null) ?? false;
  const columns: Column<HeadcountPerson>[] = [
    {
      key: "name",
      header: t("headcount.fields.name"),
      sortKey: "name",
      isPrimary: true,
      render: (person) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {person.familyName}, {person.givenName}
          </Text>
          {person.sponsorName && (
            <Text size="xs" c="dimmed">
              {t("headcount.dependantOf", { name: person.sponsorName })}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: "organisation", header: t("headcount.fields.organisation"), sortKey: "organisation", render: (person) => person.organisationCode },
    { key: "recruitment", header: t("headcount.fields.recruitment"), sortKey: "recruitment", render: (person) => t(`headcount.recruitment.${person.recruitmentType}`) },
    { key: "sex", header: t("headcount.fields.sex"), sortKey: "sex", render: (person) => t(`headcount.sexShort.${person.sex}`) },
    {
      key: "location",
      header: t("headcount.fields.where"),
      sortKey: "location",
      render: (person) => (
        <Group gap={6} wrap="wrap">
          <span>{person.placeName}</span>
          {person.tripNumber ? (
            <Badge variant="light" color="orange" size="sm">
              {t("headcount.onTrip", { number: person.tripNumber })}
            </Badge>
          ) : (
            <Badge variant="light" color="gray" size="sm">
              {t("headcount.stationed")}
            </Badge>
          )}
        </Group>
      ),
    },
    ...(hasContacts
      ? [
          {
            key: "contacts",
            header: t("headcount.fields.contacts"),
            render: (person: HeadcountPerson) =>
              person.contacts ? [person.contacts.mobile, person.contacts.phone, person.contacts.email].filter(Boolean).join(" · ") || "—" : "—",
          },
        ]
      : []),
  ];
  return (
    <section aria-labelledby="headcount-people">
      <Title order={2} size="h4" mb="xs" id="headcount-people">
        {t("headcount.people", { count: query.data?.total ?? 0 })}
      </Title>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("headcount.peopleCaption")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(person) => person.personId ?? person.dependantId ?? ""}
          minWidth={760}
          sort={{ by: sort, order, onChange: (by, next) => update({ sort: by as HeadcountSort, order: next }) }}
          empty={<Empty icon={<IconUsers aria-hidden />} title={t("headcount.nobody")} description={t("headcount.nobodyHint")} />}
        />
      </ListResults>
    </section>
  );
}

export function HeadcountPage() {
  const { t, i18n } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { update } = useListSearch(search, navigate);
  const defaultArea = useDefaultArea();
  const placeId = search.placeId ?? defaultArea;
  const area = placeId ? { placeId, at: search.at } : undefined;
  const counts = useHeadcount(area);
  return (
    <>
      <PageHeader
        title={t("headcount.title")}
        description={t("headcount.description")}
        actions={
          area &&
          counts.data?.canList && (
            <Button component="a" href={headcountCsvUrl(area, i18n.language)} download variant="default" leftSection={<IconFileSpreadsheet size={16} aria-hidden />}>
              {t("headcount.exportCsv")}
            </Button>
          )
        }
      />
      <Card withBorder padding="sm" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <PlaceSelect label={t("headcount.fields.area")} clearable={false} value={placeId ?? null} onChange={(value) => update({ placeId: value ?? undefined })} />
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              // minWidth 0 lets the date field give way, so that "Maintenant" keeps its width at 360 px.
              style={{ flex: 1, minWidth: 0 }}
              type="datetime-local"
              label={t("headcount.fields.at")}
              value={search.at ? localInput(search.at) : ""}
              placeholder={t("headcount.now")}
              onChange={(event) => {
                const value = event.currentTarget.value;
                update({ at: value ? new Date(value).toISOString() : undefined });
              }}
            />
            <Button variant="default" style={{ flexShrink: 0 }} onClick={() => update({ at: undefined })} disabled={!search.at}>
              {t("headcount.now")}
            </Button>
          </Group>
        </SimpleGrid>
        {counts.data && (
          <Text size="sm" c="dimmed" mt="xs" aria-live="polite">
            {t("headcount.asOf", { place: counts.data.place.name, at: new Date(counts.data.at).toLocaleString(i18n.language) })}
          </Text>
        )}
      </Card>
      {!area && <Empty icon={<IconUsers aria-hidden />} title={t("headcount.pickArea")} description={t("headcount.pickAreaHint")} />}
      {counts.isError && (
        <Text c="red" role="alert">
          {t("headcount.loadError")}
        </Text>
      )}
      {counts.data && (
        <Stack gap="xl">
          <Counts data={counts.data} />
          {counts.data.canList && area && <People area={area} />}
        </Stack>
      )}
    </>
  );
}
