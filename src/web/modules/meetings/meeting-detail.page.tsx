import { Badge, Card, Group, Stack, Text, Title, Typography } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { HistoryTimeline } from "../../app/components/history.component.tsx";
import { AnchorLink, ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { DeleteButton } from "../../app/components/record-actions.component.tsx";
import { attendances } from "../../app/domain.ts";
import { useFormatters } from "../../app/format.ts";
import { ActionPointsCard } from "./action-points.component.tsx";
import { bodyColors } from "./body-colors.ts";
import { type Meeting, useDeleteMeeting, useMeeting } from "./meetings.api.ts";

const routeApi = getRouteApi("/app/pages/meetings/$meetingId");

export function MeetingDetailPage() {
  const { t } = useTranslation();
  const { meetingId } = routeApi.useParams();
  const query = useMeeting(meetingId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[120, 240]} />}
      errorHeader={
        <PageHeader title={t("meetings.title")} breadcrumbs={[{ label: t("meetings.title"), to: "/meetings" }]} />
      }
    >
      {(meeting) => <MeetingView meeting={meeting} />}
    </QueryBoundary>
  );
}

function MeetingView({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const navigate = useNavigate();
  const remove = useDeleteMeeting();

  return (
    <Stack gap="md">
      <PageHeader
        title={meeting.title}
        breadcrumbs={[{ label: t("meetings.title"), to: "/meetings" }]}
        badges={
          <Badge variant="light" color={bodyColors[meeting.body]}>
            {t(`bodies.${meeting.body}.short`)}
          </Badge>
        }
        actions={
          <>
            {meeting.actions.includes("update") && (
              <ButtonLink
                variant="default"
                to="/meetings/$meetingId/edit"
                params={{ meetingId: meeting.id }}
                leftSection={<IconPencil size={16} aria-hidden />}
              >
                {t("common.edit")}
              </ButtonLink>
            )}
            {meeting.actions.includes("delete") && (
              <DeleteButton
                id={meeting.id}
                mutation={remove}
                confirmTitle={t("meetings.deleteTitle")}
                confirmMessage={t("meetings.deleteMessage", { title: meeting.title, date: format.date(meeting.heldOn) })}
                deletedMessage={t("meetings.deleted")}
                onDeleted={() => void navigate({ to: "/meetings" })}
              />
            )}
          </>
        }
      />
      <Card withBorder>
        <FieldList
          cols={4}
          items={[
            { label: t("fields.body"), value: t(`bodies.${meeting.body}.long`) },
            { label: t("fields.heldOn"), value: format.date(meeting.heldOn) },
            {
              label: t("fields.place"),
              value: (
                <AnchorLink to="/places/$placeId" params={{ placeId: meeting.placeId }}>
                  {meeting.placeName}
                </AnchorLink>
              ),
            },
            { label: t("fields.location"), value: meeting.location },
          ]}
        />
      </Card>

      <Card withBorder component="section" aria-labelledby="attendees-title">
        <Title order={2} size="h4" mb="sm" id="attendees-title">
          {t("meetings.attendees")}
        </Title>
        {meeting.attendees.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("meetings.noAttendees")}
          </Text>
        ) : (
          <Stack gap="xs">
            {attendances.map((attendance) => {
              const people = meeting.attendees.filter((attendee) => attendee.attendance === attendance);
              if (people.length === 0) return null;
              return (
                <div key={attendance}>
                  <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                    {t(`attendances.${attendance}`)} ({people.length})
                  </Text>
                  <Group gap={6} mt={4}>
                    {people.map((person) => (
                      <AnchorLink
                        key={person.personId}
                        to="/personnel/$personId"
                        params={{ personId: person.personId }}
                        underline="never"
                      >
                        <Badge
                          variant={attendance === "present" ? "light" : "outline"}
                          color={attendance === "absent" ? "gray" : "vigil"}
                          tt="none"
                          style={{ cursor: "pointer" }}
                        >
                          {person.personName}
                        </Badge>
                      </AnchorLink>
                    ))}
                  </Group>
                </div>
              );
            })}
          </Stack>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="minutes-title">
        <Title order={2} size="h4" mb="sm" id="minutes-title">
          {t("fields.minutes")}
        </Title>
        {meeting.minutesHtml.trim() ? (
          // The server sanitises minutes before storing them; only its HTML is rendered here.
          <Typography className="vigil-html-content">
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: minutes are sanitised by the server (sanitize-html) before storage. */}
            <div dangerouslySetInnerHTML={{ __html: meeting.minutesHtml }} />
          </Typography>
        ) : (
          <Text size="sm" c="dimmed">
            {t("meetings.noMinutes")}
          </Text>
        )}
      </Card>

      <ActionPointsCard meeting={meeting} />
      <HistoryTimeline entityType="meeting" entityId={meeting.id} />
    </Stack>
  );
}
