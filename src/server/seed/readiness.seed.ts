import { and, eq } from "drizzle-orm";
import { appointments } from "../modules/appointments/index.ts";
import { addZoneWarden, assignByAddress, closeMessage, createZone, messageRecipients, recordReply, sendMessage } from "../modules/readiness/index.ts";
import { places } from "../modules/structure/index.ts";
import type { Database } from "../platform/db/database.ts";
import { addDays } from "../../core/appointments/continuity.ts";
import { todayIso } from "../platform/clock.ts";
import type { ServiceContext } from "../platform/http/context.ts";
import { atDate, userContext } from "./risk.seed.ts";

/**
 * Readiness (issue 14): two warden zones in Bamako, drawn by the P/C/SA, whose households are
 * placed from their residential addresses as the API's "place by address" does;
 * the demo's warden is warden of the first zone and deputy of the second.
 */
export async function seedReadiness(database: Database): Promise<void> {
  const pcsa = await userContext(database, "pcsa.mali@vigil.example");
  const [bamako] = await database.db.select({ id: places.id }).from(places).where(eq(places.name, "Bamako Security Area"));
  const river = await createZone(pcsa, {
    securityAreaId: bamako.id,
    name: "Zone 1 — Rive gauche",
    localities: ["Route de Koulikoro", "Avenue de l'Indépendance", "Rue 312", "Quartier du Fleuve"],
    polygon: {
      type: "Polygon",
      coordinates: [[[-8.03, 12.63], [-7.98, 12.63], [-7.98, 12.67], [-8.03, 12.67], [-8.03, 12.63]]],
    },
    notes: "Concentration point: UN House. Radio check on channel 2.",
  });
  const south = await createZone(pcsa, {
    securityAreaId: bamako.id,
    name: "Zone 2 — Rive droite",
    localities: ["Avenue de la Paix", "Rue des Écoles", "Boulevard du 30 Juin"],
    polygon: null,
    notes: "Concentration point: the WFP compound, Badalabougou.",
  });
  const [warden] = await database.db.select({ id: appointments.id }).from(appointments).where(and(eq(appointments.role, "warden"), eq(appointments.placeId, bamako.id)));
  await addZoneWarden(pcsa, river.id, { appointmentId: warden.id, isDeputy: false });
  await addZoneWarden(pcsa, south.id, { appointmentId: warden.id, isDeputy: true });
  // Households from their residential addresses, through the API's own "place by address".
  await assignByAddress(pcsa, bamako.id);
  await seedPastCheckin(database, pcsa, bamako.id, river.id);
}

/**
 * One closed check-in of three weeks ago, the quarterly test of Zone 1's warden system: most
 * answered through the link, one through the warden, some never did. In-app only, so the demo's
 * outbox holds no e-mail to people who do not exist.
 */
async function seedPastCheckin(database: Database, pcsa: ServiceContext, areaId: string, zoneId: string) {
  const day = addDays(todayIso(), -21);
  const message = await atDate(day, () =>
    sendMessage(pcsa, {
      kind: "checkin",
      audience: { placeId: areaId, zoneIds: [zoneId], organisationIds: [], recruitmentTypes: [], includeTravellers: true, includeDependants: true },
      title: "Quarterly communications test — Zone 1",
      body: "A test of the warden system: please answer as you would in a real check-in.",
      expiresAt: null,
      channels: { app: true, email: false, sms: false },
      testPersonIds: [],
    }),
  );
  const recipients = await database.db.select({ id: messageRecipients.id }).from(messageRecipients).where(eq(messageRecipients.messageId, message.id)).orderBy(messageRecipients.id);
  const audit = { actor: { userId: null, displayName: "reply link" }, requestId: null };
  await atDate(day, async () => {
    for (const [index, recipient] of recipients.entries()) {
      if (index % 4 === 3) continue;
      const answer = index === 2 ? "not_in_area" : "safe";
      const recorder = index === 1 ? { userId: null, name: "Warden Bamako" } : null;
      await recordReply(database, audit, recipient.id, { answer, note: null, latitude: null, longitude: null }, recorder ? "warden" : "link", recorder);
    }
    await closeMessage(pcsa, message.id);
  });
}
