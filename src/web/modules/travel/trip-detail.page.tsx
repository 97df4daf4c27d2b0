import { Alert, Badge, Button, Card, List, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconClipboardCheck, IconFileTypePdf, IconX } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DateRange } from "../../app/components/date-range.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { PageSkeleton, QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { type DecisionChoice, LegDecisionModal } from "./leg-decision.modal.tsx";
import { TripStatusBadge } from "./travel-badges.component.tsx";
import { formatLocal } from "./travel-labels.ts";
import { type Trip, type TripLeg, useTrip, useTripActions } from "./travel.api.ts";
import { TripCancelModal } from "./trip-cancel.modal.tsx";
import { TripFields } from "./trip-fields.component.tsx";
import { TripHistory } from "./trip-history.component.tsx";
import { TripLegCard } from "./trip-leg-card.component.tsx";
import { TripTravellerProfiles } from "./trip-traveller-profiles.component.tsx";
import { CertificateBlockNotice } from "../training/certificate-block.component.tsx";

const routeApi = getRouteApi("/app/pages/travel/requests/$requestId");

export function TripDetailPage() {
  const { t } = useTranslation();
  const { requestId } = routeApi.useParams();
  const query = useTrip(requestId);
  return (
    <QueryBoundary
      query={query}
      pending={<PageSkeleton blocks={[140, 220, 220]} />}
      errorHeader={<PageHeader title={t("travel.trip.title")} breadcrumbs={[{ label: t("travel.list.title"), to: "/travel" }]} />}
    >
      {(trip) => <TripView trip={trip} />}
    </QueryBoundary>
  );
}

function TripView({ trip }: { trip: Trip }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const { cancel, acknowledge, decide } = useTripActions(trip.id);
  const [deciding, setDeciding] = useState<{ leg: TripLeg; choice: DecisionChoice } | null>(null);
  const [isCancelling, setCancelling] = useState(false);
  const conditions = [...new Set(trip.legs.flatMap((leg) => leg.conditions))];
  const first = trip.legs[0];
  const last = trip.legs[trip.legs.length - 1];

  function acknowledgeConditions() {
    acknowledge.mutate(undefined, {
      onSuccess: () => notifySuccess(t("travel.trip.acknowledged")),
      onError: (error) => notifyError(error),
    });
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={trip.number}
        documentTitle={t("travel.trip.documentTitle", { number: trip.number })}
        breadcrumbs={[{ label: t("travel.list.title"), to: "/travel" }]}
        description={<span className="vigil-break">{trip.purpose}</span>}
        badges={
          <>
            <TripStatusBadge status={trip.status} />
            {trip.kind === "notification" && (
              <Badge variant="outline" color="gray">
                {t("travel.kinds.notification")}
              </Badge>
            )}
          </>
        }
        actions={
          <>
            {/* The documents of a cleared trip: the one-page clearance with its QR code, and the briefing. */}
            {trip.status === "cleared" &&
              (["clearance", "briefing"] as const).map((document) => (
                <Button
                  key={document}
                  component="a"
                  variant="default"
                  href={`/api/travel/requests/${trip.id}/${document}.pdf`}
                  target="_blank"
                  rel="noopener"
                  leftSection={<IconFileTypePdf size={16} aria-hidden />}
                >
                  {t(`travel.trip.${document}Pdf`)}
                </Button>
              ))}
            {trip.actions.includes("cancel") && (
              <Button variant="default" color="red" leftSection={<IconX size={16} aria-hidden />} onClick={() => setCancelling(true)}>
                {t("travel.trip.cancel")}
              </Button>
            )}
          </>
        }
      />
      <CertificateBlockNotice trip={trip} />
      {trip.status === "cleared" && conditions.length > 0 && (
        <Alert
          color={trip.conditionsAcknowledgedAt ? "green" : "orange"}
          variant="light"
          icon={trip.conditionsAcknowledgedAt ? <IconCircleCheck aria-hidden /> : <IconClipboardCheck aria-hidden />}
          title={t("travel.trip.conditionsTitle")}
        >
          <Stack gap="xs">
            <Text size="sm">{t("travel.trip.conditionsIntro")}</Text>
            <List size="sm" spacing={2}>
              {conditions.map((condition) => (
                <List.Item key={condition} className="vigil-break">
                  {condition}
                </List.Item>
              ))}
            </List>
            {trip.conditionsAcknowledgedAt ? (
              <Text size="sm" fw={600}>
                {t("travel.trip.acknowledgedOn", { date: format.dateTime(trip.conditionsAcknowledgedAt) })}
              </Text>
            ) : (
              trip.actions.includes("acknowledge") && (
                <Button
                  size="sm"
                  // The label wraps inside the alert on a phone rather than running past its edge.
                  h="auto"
                  py={6}
                  style={{ alignSelf: "flex-start", maxWidth: "100%" }}
                  styles={{ label: { whiteSpace: "normal", textAlign: "start" } }}
                  leftSection={<IconClipboardCheck size={16} aria-hidden />}
                  loading={acknowledge.isPending}
                  onClick={acknowledgeConditions}
                >
                  {t("travel.trip.acknowledge")}
                </Button>
              )
            )}
          </Stack>
        </Alert>
      )}
      <Card withBorder component="section" aria-label={t("travel.trip.details")}>
        <TripFields
          items={[
            { label: t("travel.fields.kind"), value: t(`travel.kinds.${trip.kind}`) },
            { label: t("travel.fields.filedAt"), value: format.dateTime(trip.createdAt) },
            { label: t("travel.fields.clearedAt"), value: trip.clearedAt ? format.dateTime(trip.clearedAt) : null, isHidden: !trip.clearedAt },
            { label: t("travel.fields.isLateNotification"), value: t("common.yes"), isHidden: !trip.isLateNotification },
            {
              label: t("travel.fields.dates"),
              isWide: true,
              value: first && last && <DateRange from={formatLocal(first.departureLocal, i18n.language)} to={formatLocal(last.arrivalLocal, i18n.language)} />,
            },
            {
              label: t("travel.fields.travellers"),
              isWide: true,
              value: trip.travellers.map((traveller) => `${traveller.name} (${traveller.organisationCode})`).join(", "),
            },
          ]}
        />
      </Card>
      <Stack gap="sm" component="section" aria-labelledby="trip-legs-title">
        <Title order={2} size="h4" id="trip-legs-title">
          {t("travel.fields.legs")}
        </Title>
        {trip.legs.map((leg) => (
          <TripLegCard key={leg.id} leg={leg} onDecide={(chosen, choice) => setDeciding({ leg: chosen, choice })} />
        ))}
      </Stack>
      <TripTravellerProfiles trip={trip} />
      <TripHistory trip={trip} />
      <TripCancelModal
        opened={isCancelling}
        number={trip.number}
        isSaving={cancel.isPending}
        onCancelTrip={(reason) => cancel.mutateAsync(reason)}
        onClose={() => setCancelling(false)}
      />
      <LegDecisionModal
        leg={deciding?.leg ?? null}
        choice={deciding?.choice ?? null}
        isSaving={decide.isPending}
        onDecide={(leg, body) => decide.mutateAsync({ legId: leg.id, body })}
        onClose={() => setDeciding(null)}
      />
    </Stack>
  );
}
