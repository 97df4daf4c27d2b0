import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { type LegStatus, legStatusColours, type RequestStatus, requestStatusColours } from "./travel-labels.ts";
import type { TripLeg } from "./travel.api.ts";

export function TripStatusBadge({ status }: { status: RequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={requestStatusColours[status]} style={{ flexShrink: 0 }}>
      {t(`travel.statuses.${status}`)}
    </Badge>
  );
}

export function LegStatusBadge({ status }: { status: LegStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={legStatusColours[status]} style={{ flexShrink: 0 }}>
      {t(`travel.legStatuses.${status}`)}
    </Badge>
  );
}

/** Where a leg's clearance stands, and whose decision it waits for or was: "Cleared at once", "Waiting for the area's review"… */
export function useLegStanding() {
  const { t } = useTranslation();
  return (leg: Pick<TripLeg, "status" | "reviewer">) => {
    if (leg.status === "cleared") return t(leg.reviewer === "none" ? "travel.standing.clearedAtOnce" : leg.reviewer === "do" ? "travel.standing.clearedByDo" : "travel.standing.clearedByArea");
    if (leg.status === "review") return t(leg.reviewer === "do" ? "travel.standing.waitingDo" : "travel.standing.waitingArea");
    return t(`travel.standing.${leg.status}`);
  };
}
