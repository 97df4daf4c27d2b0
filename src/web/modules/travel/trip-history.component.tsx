import { Card, Text, Timeline, Title } from "@mantine/core";
import { IconCheck, IconClipboardCheck, IconHistory, IconPlus, IconRefresh, IconX } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../../app/format.ts";
import { requestStatuses, type StepAction } from "./travel-labels.ts";
import type { Trip, TripStep } from "./travel.api.ts";

function stepIcon(action: StepAction) {
  if (action === "filed") return <IconPlus size={12} aria-hidden />;
  if (action === "cleared" || action === "cleared_with_conditions") return <IconCheck size={12} aria-hidden />;
  if (action === "refused" || action === "cancelled") return <IconX size={12} aria-hidden />;
  if (action === "acknowledged") return <IconClipboardCheck size={12} aria-hidden />;
  if (action === "evaluated" || action === "re_evaluated") return <IconRefresh size={12} aria-hidden />;
  return <IconHistory size={12} aria-hidden />;
}

/** The trip's steps, newest first: who filed, decided, cancelled or acknowledged what, and when. */
export function TripHistory({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const legOf = new Map(trip.legs.map((leg) => [leg.id, leg]));
  const steps = [...trip.history].reverse();

  // An evaluation's note is the status it came to; a decision's is the reviewer's reason or conditions.
  const noteOf = (step: TripStep) => {
    if (!step.note) return null;
    if ((step.action === "evaluated" || step.action === "re_evaluated") && (requestStatuses as readonly string[]).includes(step.note)) {
      return t("travel.history.cameTo", { status: t(`travel.statuses.${step.note}`) });
    }
    return step.note;
  };
  const titleOf = (step: TripStep) => {
    const leg = step.legId ? legOf.get(step.legId) : undefined;
    const action = t(`travel.history.actions.${step.action}`);
    return leg ? t("travel.history.onLeg", { action, from: leg.fromName, to: leg.toName }) : action;
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="trip-history-title">
      <Title order={2} size="h4" mb="sm" id="trip-history-title">
        {t("travel.history.title")}
      </Title>
      <Timeline bulletSize={22} lineWidth={2} active={steps.length}>
        {steps.map((step) => (
          <Timeline.Item key={`${step.at}:${step.action}:${step.legId ?? ""}`} bullet={stepIcon(step.action)} title={titleOf(step)}>
            <Text size="xs" c="dimmed">
              {[step.actorName ?? t("travel.history.system"), format.dateTime(step.at)].join(" · ")}
            </Text>
            {noteOf(step) && (
              <Text size="sm" mt={2} className="vigil-break">
                {noteOf(step)}
              </Text>
            )}
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}
