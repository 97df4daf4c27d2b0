import { Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useMe } from "../../app/session.ts";
import { ScopeSection, WhatSection, WhenWhereSection } from "./incident-form-sections.component.tsx";
import { changedFields, formFieldMap, type IncidentFormValues, initialValues, toBody } from "./incident-form-values.ts";
import { ItemsField, PeopleAffectedField } from "./incident-lines.component.tsx";
import { useTaxonomyText } from "./incident-labels.ts";
import { localToIso } from "./incident-time.ts";
import { type Incident, useIncident, useSaveIncident, useTaxonomy } from "./incidents.api.ts";

const editRouteApi = getRouteApi("/app/pages/incidents/$incidentId/edit");

export function IncidentCreatePage() {
  return <IncidentForm />;
}

export function IncidentEditPage() {
  const { t } = useTranslation();
  const { incidentId } = editRouteApi.useParams();
  const query = useIncident(incidentId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[200, 320]} />}
      errorHeader={<PageHeader title={t("incidents.editTitle")} breadcrumbs={[{ label: t("incidents.title"), to: "/incidents" }]} />}
    >
      {(incident) => <IncidentForm incident={incident} />}
    </QueryBoundary>
  );
}

function IncidentForm({ incident }: { incident?: Incident }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const taxonomy = useTaxonomy();
  const text = useTaxonomyText(taxonomy.data);
  const save = useSaveIncident(incident?.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [initial] = useState(() => initialValues(incident, me.user.displayName));
  const required = (value: unknown) => (value === null || value === undefined || String(value).trim() === "" ? t("validation.required") : null);
  const form = useForm<IncidentFormValues>({
    mode: "controlled",
    initialValues: initial,
    validate: {
      date: (value, values) => required(value) ?? (localToIso(value, values.time, values.timeZone) ? null : t("incidents.form.badDateTime")),
      time: required,
      timeZone: required,
      place: {
        dutyStationId: (value, values) => (values.placeMode === "station" ? required(value) : null),
        coordinates: {
          latitude: (value, values) => (values.placeMode === "coordinates" ? required(value) : null),
          longitude: (value, values) => (values.placeMode === "coordinates" ? required(value) : null),
        },
      },
      categoryCode: required,
      description: required,
      source: required,
      reporter: { name: required },
      involvesMilitaryOrFormedPolice: required,
      peopleAffected: { outcome: required, recruitmentType: required, count: required },
      premisesAffected: { kind: required, description: required },
      assetsAffected: { kind: required, description: required },
    },
  });
  const values = form.getValues();
  const category = values.categoryCode ? text.category(values.categoryCode) : undefined;
  const isEdit = Boolean(incident);

  function submit(formValues: IncidentFormValues) {
    setFailure(null);
    const body = toBody(formValues);
    const sent = incident ? changedFields(toBody(initial), body) : body;
    if (incident && Object.keys(sent).length === 0) {
      void navigate({ to: "/incidents/$incidentId", params: { incidentId: incident.id } });
      return;
    }
    save.mutate(sent, {
      onSuccess: (saved) => {
        notifySuccess(isEdit ? t("incidents.updated") : t("incidents.created"));
        void navigate({ to: "/incidents/$incidentId", params: { incidentId: saved.id } });
      },
      onError: (error) => setFailure(applyApiErrors(form, error, t, formFieldMap)),
    });
  }

  const crumbs = [
    { label: t("incidents.title"), to: "/incidents" },
    ...(incident ? [{ label: text.categoryLabel(incident.categoryCode), to: "/incidents/$incidentId", params: { incidentId: incident.id } }] : []),
  ];

  return (
    <>
      <PageHeader title={isEdit ? t("incidents.editTitle") : t("incidents.createTitle")} description={isEdit ? undefined : t("incidents.createHint")} breadcrumbs={crumbs} />
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md" maw={1000}>
          <FormErrorAlert failure={failure} />
          <WhenWhereSection form={form} />
          <WhatSection form={form} taxonomy={taxonomy.data} />
          <ScopeSection form={form} />
          <PeopleAffectedField form={form} category={category} />
          <ItemsField form={form} name="premisesAffected" hint={category?.requiresPremises ? t("incidents.rules.requiresPremises") : undefined} />
          <ItemsField form={form} name="assetsAffected" hint={category?.requiresVehicle ? t("incidents.rules.requiresVehicle") : undefined} />
          <FormActions
            onCancel={() =>
              incident ? void navigate({ to: "/incidents/$incidentId", params: { incidentId: incident.id } }) : void navigate({ to: "/incidents" })
            }
            isSaving={save.isPending}
            isEdit={isEdit}
            submitLabel={isEdit ? undefined : t("incidents.saveDraft")}
            mt={0}
          />
        </Stack>
      </form>
    </>
  );
}
