import { and, desc, eq, isNotNull, ne, or, sql } from "drizzle-orm";
import { type LevelNoticeKind, securityLevelNotice } from "../../../../core/risk/security-level-message.ts";
import type { SecurityLevel } from "../../../../core/risk/security-levels.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { Database, Db } from "../../../platform/db/database.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import { enqueueEmailInEachLanguage } from "../../../platform/notify/email-outbox.ts";
import { areaNameIn } from "../../../platform/language/place-names.ts";
import { notifyUsers } from "../../../platform/notify/notifications.ts";
import { type Recipient, activeAccounts, appointments, coversArea, holdersOf, inForceOn } from "../../appointments/index.ts";
import { persons } from "../../personnel/index.ts";
import { securityLevelChanges } from "../decisions/decisions.tables.ts";
import { under } from "../decisions/decisions-support.ts";

/**
 * Who hears of a security level change, and the notices themselves (written in the caller's
 * transaction: nothing is sent unless the step commits).
 */

type ChangeRow = typeof securityLevelChanges.$inferSelect;
export type { Recipient };
export { holdersOf };

/**
 * Everyone assigned to the area: accounts of people whose duty station lies in it, and of the
 * holders of appointments in force in it, below it, or above it (the DO, P/C/SA and
 * representatives of a Designated Area answer for its Security Areas too). Dependants have no
 * accounts yet and travellers are not recorded yet: they will join this list when they do.
 */
export async function assignedTo(tx: Db, areaPath: string): Promise<Recipient[]> {
  const [stationed, appointed] = await Promise.all([
    tx
      .select({ userId: persons.userId })
      .from(persons)
      .where(and(sql`${persons.placePath} like ${under(areaPath)}`, isNotNull(persons.userId))),
    tx
      .selectDistinct({ userId: persons.userId })
      .from(appointments)
      .innerJoin(persons, eq(persons.id, appointments.personId))
      .where(and(inForceOn(todayIso()), or(sql`${appointments.placePath} like ${under(areaPath)}`, coversArea(areaPath)), isNotNull(persons.userId))),
  ]);
  return activeAccounts(tx, [...stationed, ...appointed].map((row) => row.userId));
}

/** The overall level in force before `change` (the latest endorsed other change of the area). */
export async function previousOverall(tx: Db, change: ChangeRow): Promise<SecurityLevel | null> {
  const [row] = await tx
    .select({ overall: securityLevelChanges.overall })
    .from(securityLevelChanges)
    .where(and(eq(securityLevelChanges.placeId, change.placeId), eq(securityLevelChanges.status, "endorsed"), ne(securityLevelChanges.id, change.id)))
    .orderBy(desc(securityLevelChanges.endorsedAt))
    .limit(1);
  return row?.overall ?? null;
}

/** In-app notices (and e-mail when `byEmail`) to the recipients, each in their own language. */
export async function sendNotice(
  tx: Db,
  database: Database,
  kind: LevelNoticeKind,
  change: ChangeRow,
  placeName: string,
  recipients: Recipient[],
  options: { byEmail: boolean },
): Promise<void> {
  if (recipients.length === 0) return;
  const config = appConfigOf(database);
  const facts = {
    placeName,
    levels: change.levels,
    overall: change.overall,
    previousOverall: await previousOverall(tx, change),
    justification: change.justification,
    rejectionReason: change.rejectionReason,
    link: `${config.baseUrl.replace(/\/+$/, "")}/places/${change.placeId}`,
  };
  // In-app: a key and parameters, worded when read in the reader's language; e-mail: worded now, in the recipient's.
  const { justification: _, link: __, ...params } = facts;
  await notifyUsers(
    tx,
    recipients.map((recipient) => recipient.id),
    { kind: `security_level_${kind}`, message: { key: "security_level", params: { kind, ...params } }, entityType: "security_level_change", entityId: change.id },
  );
  if (!options.byEmail) return;
  // A country-named area in the recipient's language (« Haïti »), as the in-app notice shows it.
  await enqueueEmailInEachLanguage(
    tx,
    recipients,
    (language) => securityLevelNotice(kind, { ...facts, placeName: areaNameIn(facts.placeName, language) }, language),
    { kind: `security_level_${kind}`, entityType: "security_level_change", entityId: change.id },
  );
}
