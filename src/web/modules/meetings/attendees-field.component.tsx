import { Badge, Checkbox, Group, Input, SegmentedControl, Skeleton, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PersonPicker } from "../../app/components/pickers/person-picker.component.tsx";
import { type Attendance, attendances, type MeetingBody } from "../../app/domain.ts";
import { type BodyMember, useBodyMembers } from "./meetings.api.ts";

export type AttendeeValue = { personId: string; personName: string; attendance: Attendance };

type AttendeesFieldProps = {
  placeId: string | null;
  body: MeetingBody | null;
  value: AttendeeValue[];
  onChange: (value: AttendeeValue[]) => void;
  error?: string;
};

export type GroupedMember = Omit<BodyMember, "role" | "organisationCode"> & { roles: string[] };

const membershipRank = { chair: 0, member: 1, observer: 2 } as const;

/**
 * One line per person: someone who represents two organisations, or holds two roles, is
 * listed by the API once per appointment but attends once.
 */
export function groupMembers(members: BodyMember[], describe: (member: BodyMember) => string): GroupedMember[] {
  const byPerson = new Map<string, GroupedMember>();
  for (const member of members) {
    const existing = byPerson.get(member.personId);
    if (!existing) {
      byPerson.set(member.personId, {
        personId: member.personId,
        personName: member.personName,
        membership: member.membership,
        roles: [describe(member)],
      });
      continue;
    }
    existing.roles.push(describe(member));
    if (membershipRank[member.membership] < membershipRank[existing.membership])
      existing.membership = member.membership;
  }
  return [...byPerson.values()];
}

/** Members of the body (from appointments in force) to tick, plus anyone else who attended. */
export function AttendeesField({ placeId, body, value, onChange, error }: AttendeesFieldProps) {
  const { t } = useTranslation();
  const members = useBodyMembers(placeId, body);
  const memberList = groupMembers(
    members.data?.items ?? [],
    (member) => `${t(`roles.${member.role}`)}${member.organisationCode ? ` · ${member.organisationCode}` : ""}`,
  );
  const byPerson = new Map(value.map((attendee) => [attendee.personId, attendee]));
  const memberIds = new Set(memberList.map((member) => member.personId));
  const guests = value.filter((attendee) => !memberIds.has(attendee.personId));

  const toggle = (personId: string, personName: string, attendance: Attendance, isIncluded: boolean) =>
    onChange(
      isIncluded
        ? [...value.filter((attendee) => attendee.personId !== personId), { personId, personName, attendance }]
        : value.filter((attendee) => attendee.personId !== personId),
    );
  const setAttendance = (personId: string, attendance: Attendance) =>
    onChange(value.map((attendee) => (attendee.personId === personId ? { ...attendee, attendance } : attendee)));

  const attendanceControl = (personId: string, personName: string) => (
    <SegmentedControl
      size="xs"
      aria-label={t("meetings.attendanceOf", { name: personName })}
      value={byPerson.get(personId)?.attendance ?? "present"}
      onChange={(next) => setAttendance(personId, next as Attendance)}
      data={attendances.map((attendance) => ({ value: attendance, label: t(`attendances.${attendance}`) }))}
    />
  );

  return (
    <Input.Wrapper label={t("meetings.attendees")} description={t("meetings.attendeesHint")} error={error}>
      <Stack gap="xs" mt="xs">
        {!placeId || !body ? (
          <Text size="sm" c="dimmed">
            {t("meetings.pickPlaceFirst")}
          </Text>
        ) : members.isPending ? (
          <Skeleton height={80} />
        ) : memberList.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("meetings.noMembers")}
          </Text>
        ) : null}
        {memberList.map((member) => {
          const isIncluded = byPerson.has(member.personId);
          return (
            <Group key={member.personId} justify="space-between" gap="xs" wrap="wrap">
              <Checkbox
                checked={isIncluded}
                onChange={(event) =>
                  toggle(
                    member.personId,
                    member.personName,
                    member.membership === "observer" ? "observer" : "present",
                    event.currentTarget.checked,
                  )
                }
                label={
                  <span>
                    {member.personName}{" "}
                    <Text span size="xs" c="dimmed">
                      {member.roles.join("; ")}
                    </Text>{" "}
                    {member.membership !== "member" && (
                      <Badge size="xs" variant="outline">
                        {t(`memberships.${member.membership}`)}
                      </Badge>
                    )}
                  </span>
                }
              />
              {isIncluded && attendanceControl(member.personId, member.personName)}
            </Group>
          );
        })}
        {guests.map((guest) => (
          <Group key={guest.personId} justify="space-between" gap="xs" wrap="wrap">
            <Checkbox
              checked
              onChange={() => toggle(guest.personId, guest.personName, guest.attendance, false)}
              label={
                <span>
                  {guest.personName}{" "}
                  <Badge size="xs" variant="outline" color="gray">
                    {t("meetings.guest")}
                  </Badge>
                </span>
              }
            />
            {attendanceControl(guest.personId, guest.personName)}
          </Group>
        ))}
        <PersonPicker
          label={t("meetings.addAttendee")}
          value={null}
          onChange={(personId, label) => {
            if (personId && !byPerson.has(personId)) toggle(personId, label ?? personId, "present", true);
          }}
          maw={420}
        />
      </Stack>
    </Input.Wrapper>
  );
}
