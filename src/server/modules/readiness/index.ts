// The readiness module's public surface (issue 14): other modules import only from here. One folder
// per sub-domain: warden zones and households, mass notification and check-ins; security plans,
// drills and crisis management to come.
import { checkinRoutes } from "./checkins/checkins.routes.ts";
import { zoneRoutes } from "./zones/zones.routes.ts";

export { wardenZones, zoneHouseholds, zoneWardens } from "./zones/zones.tables.ts";
export { addZoneWarden, createZone } from "./zones/zones.service.ts";
export { assignByAddress, assignHouseholds } from "./zones/households.service.ts";

export const readinessRoutes = [...zoneRoutes, ...checkinRoutes];
export { closeMessage, sendMessage } from "./checkins/checkins.service.ts";
export { messageRecipients } from "./checkins/checkins.tables.ts";
export { recordReply } from "./checkins/replies.service.ts";
export { answerBySms } from "./checkins/sms-answers.service.ts";
