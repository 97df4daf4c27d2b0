import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { ZoneInput } from "../../../../core/readiness/zones.ts";
import { scopeCondition } from "../../../platform/access/scope-sql.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ConflictError, ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { appointments, inForceOn } from "../../appointments/index.ts";
import { persons } from "../../personnel/index.ts";
import { places, readablePlace } from "../../structure/index.ts";
import { zonePolicy } from "./zones.policy.ts";
import { wardenZones, zoneHouseholds, zoneWardens } from "./zones.tables.ts";

export type ZoneRow = typeof wardenZones.$inferSelect;
const personName = sql<string>`${persons.givenName} || ' ' || ${persons.familyName}`;

/** The zones whose warden or deputy the caller is today (a warden appointment in force linked to the zone). */
export async function zonesWardenedBy(context: ServiceContext): Promise<Set<string>> {
  if (!context.actor.personId || !context.actor.grants.some((grant) => grant.role === "warden")) return new Set();
  const rows = await context.database.db
    .select({ zoneId: zoneWardens.zoneId })
    .from(zoneWardens)
    .innerJoin(appointments, eq(appointments.id, zoneWardens.appointmentId))
    .where(and(eq(appointments.personId, context.actor.personId), inForceOn(todayIso())));
  return new Set(rows.map((row) => row.zoneId));
}

export async function readableZone(context: ServiceContext, id: string): Promise<ZoneRow> {
  const [row] = await context.database.db.select().from(wardenZones).where(eq(wardenZones.id, id));
  if (!row || !zonePolicy.canRead(context.actor, row)) throw new NotFoundError("Warden zone");
  return row;
}

/** People and their eligible dependants per zone: the size of each zone's list. */
const householdCounts = (db: Db, zoneIds: string[]) =>
  zoneIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          zoneId: zoneHouseholds.zoneId,
          households: count(),
          // Written out: inside a sub-select Drizzle leaves column names unqualified, and "person_id" would then be the dependant's own on both sides.
          dependants: sql<number>`coalesce(sum((select count(*) from dependants d where d.person_id = warden_zone_households.person_id and d.is_eligible)), 0)::int`,
        })
        .from(zoneHouseholds)
        .where(inArray(zoneHouseholds.zoneId, zoneIds))
        .groupBy(zoneHouseholds.zoneId);

async function wardensOf(db: Db, zoneIds: string[]) {
  if (zoneIds.length === 0) return [];
  return db
    .select({
      zoneId: zoneWardens.zoneId,
      appointmentId: zoneWardens.appointmentId,
      isDeputy: zoneWardens.isDeputy,
      personId: appointments.personId,
      personName,
      startsOn: appointments.startsOn,
      endsOn: appointments.endsOn,
      isInForce: sql<boolean>`${inForceOn(todayIso())}`,
    })
    .from(zoneWardens)
    .innerJoin(appointments, eq(appointments.id, zoneWardens.appointmentId))
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .where(inArray(zoneWardens.zoneId, zoneIds))
    .orderBy(asc(zoneWardens.isDeputy), asc(persons.familyName));
}

type ZoneExtras = { areaName: string; wardens: Awaited<ReturnType<typeof wardensOf>>; households: number; dependants: number; wardenOf: ReadonlySet<string> };

function presentZone(context: ServiceContext, zone: ZoneRow, extras: ZoneExtras) {
  return {
    id: zone.id,
    securityAreaId: zone.securityAreaId,
    securityAreaName: extras.areaName,
    name: zone.name,
    localities: zone.localities,
    polygon: zone.polygon ?? null,
    notes: zone.notes,
    wardens: extras.wardens.map(({ zoneId: _zoneId, ...warden }) => ({ ...warden, isInForce: Boolean(warden.isInForce) })),
    households: extras.households,
    people: extras.households + extras.dependants,
    isMine: extras.wardenOf.has(zone.id),
    createdAt: iso(zone.createdAt) as string,
    updatedAt: iso(zone.updatedAt) as string,
    actions: zonePolicy.actions(context.actor, zone, extras.wardenOf),
  };
}

export async function listZones(context: ServiceContext, query: { securityAreaId?: string }) {
  const { db } = context.database;
  const area = query.securityAreaId ? await readablePlace(context, query.securityAreaId) : undefined;
  const rows = await db
    .select({ zone: wardenZones, areaName: places.name })
    .from(wardenZones)
    .innerJoin(places, eq(places.id, wardenZones.securityAreaId))
    .where(and(scopeCondition(context.actor, "readiness.zone.read", wardenZones.placePath, "ignore"), area ? eq(wardenZones.securityAreaId, area.id) : undefined))
    .orderBy(asc(places.name), asc(wardenZones.name));
  const ids = rows.map((row) => row.zone.id);
  const [wardens, counts, wardenOf] = await Promise.all([wardensOf(db, ids), householdCounts(db, ids), zonesWardenedBy(context)]);
  return {
    items: rows.map(({ zone, areaName }) => {
      const counted = counts.find((row) => row.zoneId === zone.id);
      return presentZone(context, zone, {
        areaName,
        wardens: wardens.filter((warden) => warden.zoneId === zone.id),
        households: Number(counted?.households ?? 0),
        dependants: Number(counted?.dependants ?? 0),
        wardenOf,
      });
    }),
  };
}

export async function getZone(context: ServiceContext, id: string) {
  const zone = await readableZone(context, id);
  const { db } = context.database;
  const [[area], wardens, [counted], wardenOf] = await Promise.all([
    db.select({ name: places.name }).from(places).where(eq(places.id, zone.securityAreaId)),
    wardensOf(db, [id]),
    householdCounts(db, [id]),
    zonesWardenedBy(context),
  ]);
  return presentZone(context, zone, { areaName: area?.name ?? "", wardens, households: Number(counted?.households ?? 0), dependants: Number(counted?.dependants ?? 0), wardenOf });
}

const isNameTaken = (error: unknown) => (error as { code?: string; cause?: { code?: string } }).code === "23505" || (error as { cause?: { code?: string } }).cause?.code === "23505";

export async function createZone(context: ServiceContext, input: ZoneInput) {
  const area = await readablePlace(context, input.securityAreaId);
  if (area.kind !== "security_area") throw new RuleError("securityAreaId", "A warden zone is part of a Security Area; this place is not one");
  if (!zonePolicy.canManage(context.actor, { id: "", placePath: area.path })) throw new ForbiddenError("You may not draw warden zones in this area");
  try {
    const created = await context.database.db.transaction(async (tx) => {
      const [row] = await tx.insert(wardenZones).values({ ...input, placePath: area.path }).returning();
      await recordAudit(tx, context.audit, { action: "create", entityType: "warden_zone", entityId: row.id, changes: diffRecords(null, row) });
      return row;
    });
    return getZone(context, created.id);
  } catch (error) {
    if (isNameTaken(error)) throw new ConflictError("name", "Another zone of this Security Area has this name");
    throw error;
  }
}

export async function updateZone(context: ServiceContext, id: string, patch: Partial<Omit<ZoneInput, "securityAreaId">>) {
  const before = await readableZone(context, id);
  if (!zonePolicy.canManage(context.actor, before)) throw new ForbiddenError("You may not change this warden zone");
  try {
    await context.database.db.transaction(async (tx) => {
      const [after] = await tx
        .update(wardenZones)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(wardenZones.id, id))
        .returning();
      await recordAudit(tx, context.audit, { action: "update", entityType: "warden_zone", entityId: id, changes: diffRecords(before, after) });
    });
  } catch (error) {
    if (isNameTaken(error)) throw new ConflictError("name", "Another zone of this Security Area has this name");
    throw error;
  }
  return getZone(context, id);
}

/** Deleting a zone takes its households out of it (they are not deleted) and unlinks its wardens. */
export async function deleteZone(context: ServiceContext, id: string) {
  const before = await readableZone(context, id);
  if (!zonePolicy.canManage(context.actor, before)) throw new ForbiddenError("You may not delete this warden zone");
  await context.database.db.transaction(async (tx) => {
    const households = await tx.select({ personId: zoneHouseholds.personId }).from(zoneHouseholds).where(eq(zoneHouseholds.zoneId, id));
    await tx.delete(wardenZones).where(eq(wardenZones.id, id));
    await recordAudit(tx, context.audit, {
      action: "delete",
      entityType: "warden_zone",
      entityId: id,
      changes: { ...diffRecords(before, null), households: { from: households.map((row) => row.personId), to: null } },
    });
  });
}

/**
 * Links a warden appointment to the zone, as its warden or a deputy. The appointment must be a
 * warden's, not ended, and made on the zone's Security Area, the Designated Area above it or a
 * duty station inside it.
 */
export async function addZoneWarden(context: ServiceContext, id: string, input: { appointmentId: string; isDeputy: boolean }) {
  const zone = await readableZone(context, id);
  if (!zonePolicy.canManage(context.actor, zone)) throw new ForbiddenError("You may not name the wardens of this zone");
  const { db } = context.database;
  const [appointment] = await db.select().from(appointments).where(eq(appointments.id, input.appointmentId));
  if (!appointment) throw new RuleError("appointmentId", "Names no appointment");
  if (appointment.role !== "warden") throw new RuleError("appointmentId", "Is not a warden's appointment: appoint the person as warden first");
  if (appointment.endsOn && appointment.endsOn < todayIso()) throw new RuleError("appointmentId", "Has ended");
  if (!zone.placePath.startsWith(appointment.placePath) && !appointment.placePath.startsWith(zone.placePath)) {
    throw new RuleError("appointmentId", "Is for another area than this zone's Security Area");
  }
  await db.transaction(async (tx) => {
    const [previous] = await tx.select().from(zoneWardens).where(and(eq(zoneWardens.zoneId, id), eq(zoneWardens.appointmentId, input.appointmentId)));
    if (previous) {
      await tx.update(zoneWardens).set({ isDeputy: input.isDeputy }).where(and(eq(zoneWardens.zoneId, id), eq(zoneWardens.appointmentId, input.appointmentId)));
    } else {
      await tx.insert(zoneWardens).values({ zoneId: id, ...input });
    }
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "warden_zone",
      entityId: id,
      changes: { [`warden:${input.appointmentId}`]: { from: previous ? { isDeputy: previous.isDeputy } : null, to: { isDeputy: input.isDeputy } } },
    });
  });
  return getZone(context, id);
}

export async function removeZoneWarden(context: ServiceContext, id: string, appointmentId: string) {
  const zone = await readableZone(context, id);
  if (!zonePolicy.canManage(context.actor, zone)) throw new ForbiddenError("You may not name the wardens of this zone");
  await context.database.db.transaction(async (tx) => {
    const removed = await tx.delete(zoneWardens).where(and(eq(zoneWardens.zoneId, id), eq(zoneWardens.appointmentId, appointmentId))).returning();
    if (removed.length === 0) throw new NotFoundError("Warden of this zone");
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "warden_zone",
      entityId: id,
      changes: { [`warden:${appointmentId}`]: { from: { isDeputy: removed[0].isDeputy }, to: null } },
    });
  });
  return getZone(context, id);
}
