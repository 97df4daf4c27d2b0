import { Button, Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../app/format.ts";
import { useMe } from "../../app/session.ts";
import { TripFields } from "./trip-fields.component.tsx";
import { type TravelProfile, usePersonProfiles } from "./profile.api.ts";
import type { Trip } from "./travel.api.ts";

/** One traveller's profile, read-only: whatever is empty says so rather than disappearing. */
function ProfileFields({ profile }: { profile: TravelProfile }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const dash = t("travelProfile.reviewer.empty");
  const contact = [profile.emergencyContactName, profile.emergencyContactRelationship && `(${profile.emergencyContactRelationship})`, profile.emergencyContactPhone].filter(Boolean).join(" ");
  const passport = [profile.passportNumber, profile.passportCountry, profile.passportExpiresOn && format.date(profile.passportExpiresOn)].filter(Boolean).join(" · ");
  return (
    <Stack gap={4}>
      <Text fw={600}>{profile.name}</Text>
      <TripFields
        items={[
          { label: t("travelProfile.sections.emergency"), value: contact || dash },
          { label: t("travelProfile.fields.travelPhone"), value: profile.travelPhone ?? dash },
          { label: t("travelProfile.fields.nationality"), value: profile.nationality ?? dash },
          { label: t("travelProfile.fields.passportNumber"), value: passport || dash },
          {
            label: t("travelProfile.sections.proofOfLife"),
            isWide: true,
            isHidden: profile.proofOfLife.length === 0,
            value: profile.proofOfLife.map((item) => `${item.question} → ${item.answer}`).join(" / "),
          },
        ]}
      />
    </Stack>
  );
}

/** A traveller's profiles, asked for only once the reviewer opens them (the server audits the read). */
function TravellerProfiles({ personId, dependantIds, isOpen }: { personId: string; dependantIds: string[]; isOpen: boolean }) {
  const query = usePersonProfiles(personId, isOpen);
  // Out of the reader's scope (another organisation's traveller in a group): nothing to show.
  if (!query.data) return null;
  const shown = [query.data.own, ...query.data.dependants.filter((one) => one.dependantId && dependantIds.includes(one.dependantId))];
  return (
    <>
      {shown.map((profile) => (
        <ProfileFields key={profile.dependantId ?? profile.personId} profile={profile} />
      ))}
    </>
  );
}

/**
 * The travellers' profiles on the trip page, for a reviewer who may read their contacts (issue 13
 * §2: emergency contact, passport, proof-of-life). Closed until asked, so that merely opening a
 * trip does not read them; each opening is audited as `read_sensitive` on the server.
 */
export function TripTravellerProfiles({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const me = useMe();
  const [isOpen, setOpen] = useState(false);
  const people = [...new Set(trip.travellers.flatMap((one) => (one.personId && one.personId !== me.personId ? [one.personId] : [])))];
  if (!me.permissions.includes("personnel.read_sensitive") || people.length === 0) return null;
  const dependantIds = trip.travellers.flatMap((one) => (one.dependantId ? [one.dependantId] : []));
  return (
    <Card withBorder component="section" aria-labelledby="trip-profiles-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="trip-profiles-title">
          {t("travelProfile.reviewer.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("travelProfile.reviewer.hint")}
        </Text>
        {isOpen ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {people.map((personId) => (
              <TravellerProfiles key={personId} personId={personId} dependantIds={dependantIds} isOpen={isOpen} />
            ))}
          </SimpleGrid>
        ) : (
          <Button variant="default" style={{ alignSelf: "flex-start" }} leftSection={<IconLock size={16} aria-hidden />} onClick={() => setOpen(true)}>
            {t("travelProfile.reviewer.show")}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
