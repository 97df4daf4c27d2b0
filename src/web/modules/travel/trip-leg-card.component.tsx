import { Alert, Button, Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconCheck, IconEdit, IconListCheck, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { DecisionChoice } from "./leg-decision.modal.tsx";
import { LegStatusBadge, useLegStanding } from "./travel-badges.component.tsx";
import { formatLocal, legStatusColours } from "./travel-labels.ts";
import type { TripLeg } from "./travel.api.ts";
import { TripFields } from "./trip-fields.component.tsx";

type TripLegCardProps = { leg: TripLeg; onDecide: (leg: TripLeg, choice: DecisionChoice) => void };

/**
 * One leg of a trip: the route and times as typed (each place's own clock), how and where the
 * traveller stays, and its clearance: where it stands, why (the reasons, in the reader's language),
 * its conditions; a reviewer of the leg decides it from here.
 */
export function TripLegCard({ leg, onDecide }: TripLegCardProps) {
  const { t, i18n } = useTranslation();
  const standing = useLegStanding();
  const local = (value: string) => formatLocal(value, i18n.language);
  const headingId = `leg-${leg.id}`;
  const from = leg.fromLocality ? `${leg.fromLocality} (${leg.fromName})` : leg.fromName;
  const to = leg.toLocality ? `${leg.toLocality} (${leg.toName})` : leg.toName;
  const transport = [t(`travel.transport.${leg.transport}`), leg.vehicleArrangement].filter(Boolean).join(" · ");
  const isStopped = leg.status === "blocked" || leg.status === "refused" || leg.status === "changes_requested";

  return (
    <Card withBorder padding="sm" component="section" aria-labelledby={headingId} data-testid="trip-leg">
      <Group justify="space-between" align="flex-start" gap="xs">
        <Title order={3} size="h5" id={headingId} className="vigil-break" style={{ minWidth: 0, flex: "1 1 180px" }}>
          {t("travel.trip.legHeading", { number: leg.position + 1, from, to })}
        </Title>
        <LegStatusBadge status={leg.status} />
      </Group>
      {/* Where the clearance stands comes first: it is what the traveller and the reviewer open the trip for. */}
      <Text size="sm" fw={600} c={legStatusColours[leg.status]} mt={4} mb="sm">
        {standing(leg)}
      </Text>
      <TripFields
        items={[
          { label: t("travel.fields.departure"), value: local(leg.departureLocal) },
          { label: t("travel.fields.arrival"), value: local(leg.arrivalLocal) },
          { label: t("travel.fields.transport"), value: transport, isWide: true },
          { label: t("travel.fields.accommodation"), value: leg.accommodation },
          { label: t("travel.fields.contact"), value: leg.contact },
        ]}
      />
      {leg.reasons.length > 0 && (
        <Stack gap={4} mt="sm">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
            {t("travel.trip.reasons")}
          </Text>
          <List size="sm" spacing={2}>
            {leg.reasons.map((reason) => (
              <List.Item key={`${reason.code}:${reason.text}`} className="vigil-break">
                {reason.text}
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
      {leg.conditions.length > 0 && (
        <Alert mt="sm" color="blue" variant="light" icon={<IconListCheck aria-hidden />} title={t("travel.trip.conditions")} py="xs">
          <List size="sm" spacing={2}>
            {leg.conditions.map((condition) => (
              <List.Item key={condition} className="vigil-break">
                {condition}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {leg.decisionNote && (
        <Text size="sm" mt="sm" className="vigil-break" c={isStopped ? "red" : undefined}>
          <Text span fw={600} inherit>
            {t("travel.trip.decisionNote")}
          </Text>{" "}
          {leg.decisionNote}
        </Text>
      )}
      {leg.canDecide && (
        <Group gap="xs" mt="md">
          {leg.status === "review" && (
            <>
              <Button size="sm" color="green" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => onDecide(leg, "clear")}>
                {t("travel.decide.clear")}
              </Button>
              <Button size="sm" variant="light" color="green" leftSection={<IconListCheck size={16} aria-hidden />} onClick={() => onDecide(leg, "clear_with_conditions")}>
                {t("travel.decide.clear_with_conditions")}
              </Button>
            </>
          )}
          <Button size="sm" variant="default" leftSection={<IconEdit size={16} aria-hidden />} onClick={() => onDecide(leg, "request_changes")}>
            {t("travel.decide.request_changes")}
          </Button>
          <Button size="sm" variant="light" color="red" leftSection={<IconX size={16} aria-hidden />} onClick={() => onDecide(leg, "refuse")}>
            {t("travel.decide.refuse")}
          </Button>
        </Group>
      )}
    </Card>
  );
}
