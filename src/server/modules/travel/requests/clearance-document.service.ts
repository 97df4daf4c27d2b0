import { eq } from "drizzle-orm";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, NotFoundError } from "../../../platform/http/errors.ts";
import { callerLanguage } from "../../../platform/language/caller-language.ts";
import { areaNameIn } from "../../../platform/language/place-names.ts";
import { loadBriefing } from "./briefing.service.ts";
import type { ClearanceDocument } from "./clearance-pdf.ts";
import { getRequest } from "./requests-read.service.ts";
import { requestPolicy } from "./requests.policy.ts";
import { travelRequests } from "./requests.tables.ts";
import { tripScope } from "./review.service.ts";
import { verificationUrl } from "./verification.service.ts";

// A trip's documents as its readers get them: the clearance PDF's content and the briefing.

/**
 * What the clearance PDF shows, for anyone who may read the trip (the read is audited as the
 * trip's is, in getRequest). Only a cleared trip has a clearance to print: 409 otherwise.
 */
export async function clearanceDocument(context: ServiceContext, requestId: string): Promise<ClearanceDocument> {
  const trip = await getRequest(context, requestId);
  if (trip.status !== "cleared") throw new ConflictError("status", `the trip is ${trip.status.replace("_", " ")}: only a cleared trip has a clearance to print`);
  const [language, [row]] = await Promise.all([
    callerLanguage(context),
    context.database.db.select({ token: travelRequests.verificationToken }).from(travelRequests).where(eq(travelRequests.id, requestId)),
  ]);
  // Every path into "cleared" draws a token and the migration gave one to older trips.
  if (!row?.token) throw new ConflictError("status", "the trip's clearance has no verification code: ask the area's security to review it again");
  return {
    language,
    number: trip.number,
    purpose: trip.purpose,
    travellers: trip.travellers.map((one) => `${one.name} (${one.organisationCode})`),
    clearedAt: trip.clearedAt,
    generatedAt: clock.now().toISOString(),
    legs: trip.legs.map((leg) => ({
      from: areaNameIn(leg.fromName, language),
      to: areaNameIn(leg.toName, language),
      departureLocal: leg.departureLocal,
      arrivalLocal: leg.arrivalLocal,
      transport: leg.transport,
      reviewer: leg.reviewer,
      conditions: leg.conditions,
    })),
    verificationUrl: verificationUrl(context.database, row.token),
  };
}

/**
 * The briefing for a reader of the trip (requests.policy.ts), in their language; a read by others
 * than the traveller is audited. Here rather than beside `sendBriefing`, which the review imports:
 * the reader's checks come from the review's `tripScope`.
 */
export async function readBriefing(context: ServiceContext, requestId: string) {
  const { db } = context.database;
  const trip = await tripScope(db, requestId);
  if (!trip || !requestPolicy.canRead(context.actor, trip.scope)) throw new NotFoundError("Travel request");
  const language = await callerLanguage(context);
  const briefing = (await loadBriefing(context.database, db, requestId, clock.now()))(language);
  if (!requestPolicy.canCancel(context.actor, trip.scope)) {
    await db.transaction((tx) => recordAudit(tx, context.audit, { action: "read_sensitive", entityType: "travel_request", entityId: requestId }));
  }
  return { briefing, language, status: trip.request.status };
}
