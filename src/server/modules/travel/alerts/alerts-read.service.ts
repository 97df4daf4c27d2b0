import { inArray } from "drizzle-orm";
import { arrivalWindowHours } from "../../../../core/travel/alerts.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { clock } from "../../../platform/clock.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { NotFoundError } from "../../../platform/http/errors.ts";
import { incidentAccess } from "../../incidents/index.ts";
import { personPrivate } from "../../personnel/index.ts";
import { travelProfiles } from "../profiles/profiles.tables.ts";
import { alertPolicy } from "./alerts.policy.ts";
import { type AreaTraveller, areaOf, travellersIn } from "./travellers.service.ts";

export type TravellerContacts = { phone: string | null; mobile: string | null; email: string | null; travelPhone: string | null };

/** The contacts of the travellers the caller may reach, read (and audited) in one transaction. */
async function contactsOf(context: ServiceContext, incidentId: string, travellers: AreaTraveller[]) {
  const reachable = travellers.filter((traveller) => alertPolicy.canReadContacts(context.actor, traveller));
  const personIds = [...new Set(reachable.map((traveller) => traveller.personId))];
  const found = new Map<string, TravellerContacts>();
  await context.database.db.transaction(async (tx) => {
    const own = personIds.length ? await tx.select().from(personPrivate).where(inArray(personPrivate.personId, personIds)) : [];
    const profiles = personIds.length
      ? await tx
          .select({ personId: travelProfiles.personId, dependantId: travelProfiles.dependantId, travelPhone: travelProfiles.travelPhone })
          .from(travelProfiles)
          .where(inArray(travelProfiles.personId, personIds))
      : [];
    for (const traveller of reachable) {
      const privateRow = traveller.dependantId ? undefined : own.find((row) => row.personId === traveller.personId);
      const profile = profiles.find((row) => row.personId === traveller.personId && row.dependantId === traveller.dependantId);
      found.set(traveller.travellerId, {
        phone: privateRow?.phone ?? null,
        mobile: privateRow?.mobile ?? null,
        email: privateRow?.email ?? null,
        travelPhone: profile?.travelPhone ?? null,
      });
    }
    // Each person whose contacts were shown, in their own history; and the list, in the incident's.
    for (const personId of personIds) await recordAudit(tx, context.audit, { action: "read_sensitive", entityType: "person", entityId: personId, changes: { via: { from: null, to: `incident ${incidentId}: travellers in the area` } } });
    await recordAudit(tx, context.audit, {
      action: "read_sensitive",
      entityType: "incident",
      entityId: incidentId,
      changes: { travellersInArea: { from: null, to: travellers.map((traveller) => traveller.requestId) } },
    });
  });
  return found;
}

/**
 * The alert's page (issue 13 §4): how many travellers are in the incident's area now and how many
 * are due within 72 hours, and who they are. An incident the caller may not read, or whose place
 * their alert rights do not cover, is answered as missing (404).
 */
export async function incidentTravellers(context: ServiceContext, incidentId: string) {
  const { row } = await incidentAccess(context, incidentId);
  if (!alertPolicy.canRead(context.actor, row.placePath)) throw new NotFoundError("Incident");
  const { db } = context.database;
  const area = await areaOf(db, row.placePath);
  if (!area) throw new NotFoundError("Incident");
  const at = clock.now();
  const travellers = await travellersIn(db, area.path, at);
  const contacts = await contactsOf(context, incidentId, travellers);
  return {
    incidentId,
    area: { id: area.id, name: area.name },
    at: at.toISOString(),
    windowHours: arrivalWindowHours,
    present: travellers.filter((traveller) => traveller.presence === "present").length,
    arriving: travellers.filter((traveller) => traveller.presence === "arriving").length,
    travellers: travellers.map((traveller) => ({
      name: traveller.name,
      isDependant: traveller.dependantId !== null,
      organisationCode: traveller.organisationCode,
      requestId: traveller.requestId,
      number: traveller.number,
      presence: traveller.presence,
      whereName: traveller.whereName,
      arrivesAt: traveller.arrivesAt?.toISOString() ?? null,
      hasAccount: traveller.userId !== null,
      contacts: contacts.get(traveller.travellerId) ?? null,
    })),
  };
}
