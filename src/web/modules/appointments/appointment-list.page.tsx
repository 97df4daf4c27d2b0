import { Button, Select, SimpleGrid, Switch } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconCertificate, IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { SearchInput } from "../../app/components/search-input.component.tsx";
import { type AppointmentRole, appointmentRoles } from "../../app/domain.ts";
import { todayIso } from "../../app/format.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan } from "../../app/session.ts";
import { AppointmentFormModal } from "./appointment-form.modal.tsx";
import { AppointmentTable } from "./appointment-table.component.tsx";
import { useAppointmentList } from "./appointments.api.ts";

const routeApi = getRouteApi("/app/pages/appointments");

export function AppointmentListPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan("appointment.create");
  const [isCreating, creating] = useDisclosure(false);
  const { page, update, goToPage } = useListSearch(search, navigate);
  const query = useAppointmentList({
    q: search.q,
    placeId: search.placeId,
    role: search.role,
    activeOn: search.activeToday ? todayIso() : undefined,
    sort: search.sort ?? "startsOn",
    order: search.order ?? (search.sort ? "asc" : "desc"),
    page,
    pageSize: defaultPageSize,
  });
  const hasFilters = Boolean(search.q || search.placeId || search.role || search.activeToday);

  return (
    <>
      <PageHeader
        title={t("appointments.title")}
        description={t("appointments.description")}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creating.open}>
              {t("appointments.create")}
            </Button>
          )
        }
      />
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="sm" mb="sm">
        <SearchInput
          label={t("common.search")}
          placeholder={t("appointments.searchPlaceholder")}
          value={search.q}
          onChange={(q) => update({ q })}
        />
        <PlaceSelect
          label={t("fields.place")}
          value={search.placeId ?? null}
          onChange={(placeId) => update({ placeId: placeId ?? undefined })}
        />
        <Select
          label={t("fields.role")}
          clearable
          searchable
          placeholder={t("common.all")}
          data={appointmentRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={search.role ?? null}
          onChange={(role) => update({ role: (role ?? undefined) as AppointmentRole | undefined })}
        />
        <Switch
          label={t("appointments.activeToday")}
          checked={Boolean(search.activeToday)}
          onChange={(event) => update({ activeToday: event.currentTarget.checked ? true : undefined })}
          mt={{ base: 0, xs: 28 }}
        />
      </SimpleGrid>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <AppointmentTable
          items={query.data?.items}
          isLoading={query.isPending}
          sort={{
            by: search.sort ?? "startsOn",
            order: search.order ?? (search.sort ? "asc" : "desc"),
            onChange: (sort, order) => update({ sort: sort as "startsOn" | "role" | "person", order }),
          }}
          empty={
            <Empty
              icon={<IconCertificate aria-hidden />}
              title={hasFilters ? t("common.noMatches") : t("appointments.empty")}
              description={hasFilters ? t("common.noMatchesHint") : t("appointments.emptyHint")}
              action={
                canCreate &&
                !hasFilters && (
                  <Button size="xs" onClick={creating.open}>
                    {t("appointments.create")}
                  </Button>
                )
              }
            />
          }
        />
      </ListResults>
      <AppointmentFormModal
        opened={isCreating}
        onClose={creating.close}
        defaultPlaceId={search.placeId}
        onSaved={(saved) => void navigate({ to: "/appointments/$appointmentId", params: { appointmentId: saved.id } })}
      />
    </>
  );
}
