import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../app/components/links.tsx";
import { useFormatters } from "../../app/format.ts";
import { useCan } from "../../app/session.ts";
import { type AreaTraveller, type IncidentTravellers, useIncidentTravellers } from "./alerts.api.ts";

/**
 * "Travellers in the area" on an incident's page (issue 13 §4): how many travellers are in the
 * incident's area now and how many are due within 72 hours, and who they are, for the DO, ASC and
 * security professionals of the area. Renders nothing for anyone else (no right, or an answer of
 * 403/404): the incident page stays as it was for them.
 */
export function IncidentTravellersCard({ incidentId }: { incidentId: string }) {
  const canRead = useCan("travel.alert.read");
  const query = useIncidentTravellers(incidentId, canRead);
  if (!canRead || !query.data) return null;
  return <TravellersCard data={query.data} />;
}

function TravellersCard({ data }: { data: IncidentTravellers }) {
  const { t } = useTranslation();
  const hours = data.windowHours;
  const present = data.travellers.filter((traveller) => traveller.presence === "present");
  const arriving = data.travellers.filter((traveller) => traveller.presence === "arriving");
  return (
    <Card withBorder component="section" aria-labelledby="incident-travellers-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="incident-travellers-title">
            {t("travelAlerts.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("travelAlerts.area", { name: data.area.name })}
          </Text>
        </div>
        <Group gap="xs">
          <Badge variant="light" color="red" tt="none" size="lg">
            {t("travelAlerts.present", { count: data.present })}
          </Badge>
          <Badge variant="light" color="orange" tt="none" size="lg">
            {t("travelAlerts.arriving", { count: data.arriving, hours })}
          </Badge>
        </Group>
        {data.travellers.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("travelAlerts.empty", { hours })}
          </Text>
        ) : (
          <>
            <TravellerGroup title={t("travelAlerts.presentSection")} travellers={present} />
            <TravellerGroup title={t("travelAlerts.arrivingSection", { hours })} travellers={arriving} />
            <Text size="xs" c="dimmed">
              {t("travelAlerts.note")}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}

function TravellerGroup({ title, travellers }: { title: string; travellers: AreaTraveller[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      {travellers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("travelAlerts.none")}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
          {travellers.map((traveller) => (
            <TravellerItem key={`${traveller.requestId}-${traveller.name}`} traveller={traveller} />
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}

function TravellerItem({ traveller }: { traveller: AreaTraveller }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const place = traveller.whereName ?? "—";
  const contacts = traveller.contacts;
  const lines = contacts
    ? (
        [
          ["phone", contacts.phone],
          ["mobile", contacts.mobile],
          ["travelPhone", contacts.travelPhone],
        ] as const
      ).filter((line): line is readonly [typeof line[0], string] => Boolean(line[1]))
    : [];
  return (
    <Paper withBorder p="xs">
      <Stack gap={4}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text fw={600} className="vigil-break">
            {traveller.name}
          </Text>
          <Group gap={4}>
            <Badge variant="outline" tt="none">
              {traveller.organisationCode}
            </Badge>
            {traveller.isDependant && (
              <Badge variant="light" color="gray" tt="none">
                {t("travelAlerts.dependant")}
              </Badge>
            )}
          </Group>
        </Group>
        <Text size="sm">
          {traveller.presence === "present"
            ? t("travelAlerts.where", { place })
            : t("travelAlerts.arrives", { place, at: format.dateTime(traveller.arrivesAt) })}
        </Text>
        <AnchorLink to="/travel/requests/$requestId" params={{ requestId: traveller.requestId }} size="sm">
          {t("travelAlerts.trip", { number: traveller.number })}
        </AnchorLink>
        {lines.map(([kind, value]) => (
          <Text size="sm" key={kind}>
            {t(`travelAlerts.${kind}`)}: <Anchor href={`tel:${value.replace(/\s+/g, "")}`}>{value}</Anchor>
          </Text>
        ))}
        {contacts?.email && (
          <Text size="sm" className="vigil-break">
            {t("travelAlerts.email")}: <Anchor href={`mailto:${contacts.email}`}>{contacts.email}</Anchor>
          </Text>
        )}
        {!traveller.hasAccount && (
          <Text size="xs" c="orange.9">
            {t("travelAlerts.noAccount")}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
