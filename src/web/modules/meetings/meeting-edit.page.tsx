import { Card, Select, SimpleGrid, Skeleton, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PlaceSelect } from "../../app/components/pickers/place-select.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { bodyPlaceKind, type MeetingBody, meetingBodies } from "../../app/domain.ts";
import { todayIso } from "../../app/format.ts";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { ActionPointsCard } from "./action-points.component.tsx";
import { AttendeesField, type AttendeeValue, groupMembers } from "./attendees-field.component.tsx";
import { type Meeting, useBodyMembers, useMeeting, useSaveMeeting } from "./meetings.api.ts";

const MinutesEditor = lazy(() =>
  import("./minutes-editor.component.tsx").then((module) => ({ default: module.MinutesEditor })),
);

const createRouteApi = getRouteApi("/app/pages/meetings/new");
const editRouteApi = getRouteApi("/app/pages/meetings/$meetingId/edit");

type FormValues = {
  body: MeetingBody | "";
  placeId: string | null;
  heldOn: string;
  title: string;
  location: string;
  minutesHtml: string;
  attendees: AttendeeValue[];
};

export function MeetingCreatePage() {
  const search = createRouteApi.useSearch();
  return <MeetingForm defaultBody={search.body} defaultPlaceId={search.placeId} />;
}

export function MeetingEditPage() {
  const { t } = useTranslation();
  const { meetingId } = editRouteApi.useParams();
  const query = useMeeting(meetingId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[360]} />}
      errorHeader={<PageHeader title={t("meetings.editTitle")} breadcrumbs={[{ label: t("meetings.title"), to: "/meetings" }]} />}
    >
      {(meeting) => <MeetingForm meeting={meeting} />}
    </QueryBoundary>
  );
}

type MeetingFormProps = { meeting?: Meeting; defaultBody?: MeetingBody; defaultPlaceId?: string };

function MeetingForm({ meeting, defaultBody, defaultPlaceId }: MeetingFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveMeeting(meeting?.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const isEdit = Boolean(meeting);
  const form = useForm<FormValues>({
    initialValues: {
      body: meeting?.body ?? defaultBody ?? "",
      placeId: meeting?.placeId ?? defaultPlaceId ?? null,
      heldOn: meeting?.heldOn ?? todayIso(),
      title: meeting?.title ?? "",
      location: meeting?.location ?? "",
      minutesHtml: meeting?.minutesHtml ?? "",
      attendees: meeting?.attendees ?? [],
    },
    validate: {
      body: (value) => (value ? null : t("validation.required")),
      placeId: (value) => (value ? null : t("validation.required")),
      heldOn: (value) => (value ? null : t("validation.required")),
      title: (value) => (value.trim() ? null : t("validation.required")),
    },
  });
  const values = form.getValues();
  const body = values.body || null;

  // A new meeting starts with every current member ticked, until the user changes the list.
  const members = useBodyMembers(values.placeId, body);
  const hasTouchedAttendees = useRef(isEdit);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `form` is stable; only a new member list matters.
  useEffect(() => {
    if (hasTouchedAttendees.current || !members.data) return;
    form.setFieldValue(
      "attendees",
      groupMembers(members.data.items, () => "").map((member) => ({
        personId: member.personId,
        personName: member.personName,
        attendance: member.membership === "observer" ? "observer" : "present",
      })),
    );
  }, [members.data]);

  function submit(formValues: FormValues) {
    setFailure(null);
    save.mutate(
      {
        body: formValues.body as MeetingBody,
        placeId: formValues.placeId as string,
        heldOn: formValues.heldOn,
        title: formValues.title.trim(),
        location: formValues.location.trim() || null,
        minutesHtml: formValues.minutesHtml,
        attendees: formValues.attendees.map(({ personId, attendance }) => ({ personId, attendance })),
      },
      {
        onSuccess: (saved) => {
          notifySuccess(isEdit ? t("meetings.updated") : t("meetings.created"));
          void navigate({ to: "/meetings/$meetingId", params: { meetingId: saved.id } });
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  }

  const attendeeErrors = Object.entries(form.errors)
    .filter(([field]) => field.startsWith("attendees"))
    .map(([, message]) => message)
    .join("; ");
  const crumbs = [
    { label: t("meetings.title"), to: "/meetings" },
    ...(meeting ? [{ label: meeting.title, to: "/meetings/$meetingId", params: { meetingId: meeting.id } }] : []),
  ];

  return (
    <>
      <PageHeader title={isEdit ? t("meetings.editTitle") : t("meetings.createTitle")} breadcrumbs={crumbs} />
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md" maw={1000}>
          <FormErrorAlert failure={failure} />
          <Card withBorder>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <Select
                  placeholder={t("common.choose")}
                  label={t("fields.body")}
                  required
                  disabled={isEdit}
                  allowDeselect={false}
                  data={meetingBodies.map((value) => ({ value, label: t(`bodies.${value}.long`) }))}
                  {...form.getInputProps("body")}
                  onChange={(value) => {
                    form.setFieldValue("body", (value ?? "") as MeetingBody | "");
                    form.setFieldValue("placeId", null);
                  }}
                />
                <PlaceSelect
                  label={t("fields.place")}
                  required
                  disabled={isEdit || !body}
                  kinds={body ? [bodyPlaceKind[body]] : []}
                  description={body ? t(`meetings.placeHint.${bodyPlaceKind[body]}`) : t("meetings.pickBodyFirst")}
                  {...form.getInputProps("placeId")}
                />
                <TextInput type="date" label={t("fields.heldOn")} required {...form.getInputProps("heldOn")} />
                <TextInput label={t("fields.location")} maxLength={200} {...form.getInputProps("location")} />
              </SimpleGrid>
              <TextInput
                label={t("fields.title")}
                required
                maxLength={200}
                placeholder={t("meetings.titlePlaceholder")}
                {...form.getInputProps("title")}
              />
            </Stack>
          </Card>
          <Card withBorder>
            <AttendeesField
              placeId={values.placeId}
              body={body}
              value={values.attendees}
              error={attendeeErrors || undefined}
              onChange={(attendees) => {
                hasTouchedAttendees.current = true;
                form.setFieldValue("attendees", attendees);
              }}
            />
          </Card>
          <Card withBorder>
            <Suspense fallback={<Skeleton height={280} aria-label={t("meetings.loadingEditor")} />}>
              <MinutesEditor
                label={t("fields.minutes")}
                description={t("meetings.minutesHint")}
                value={values.minutesHtml}
                error={typeof form.errors.minutesHtml === "string" ? form.errors.minutesHtml : undefined}
                onChange={(html) => form.setFieldValue("minutesHtml", html)}
              />
            </Suspense>
          </Card>
          <FormActions
            onCancel={() =>
              meeting
                ? void navigate({ to: "/meetings/$meetingId", params: { meetingId: meeting.id } })
                : void navigate({ to: "/meetings" })
            }
            isSaving={save.isPending}
            isEdit={isEdit}
            mt={0}
          />
        </Stack>
      </form>
      {meeting && (
        <Stack mt="lg" maw={1000}>
          <ActionPointsCard meeting={meeting} />
        </Stack>
      )}
    </>
  );
}
