import { and, asc, eq, inArray, isNull, like } from "drizzle-orm";
import { suggestZone } from "../../../../core/readiness/zones.ts";
import { recordAuditEntries } from "../../../platform/audit/audit-batch.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { ForbiddenError, NotFoundError, RuleError } from "../../../platform/http/errors.ts";
import { dependants, personPrivate, persons } from "../../personnel/index.ts";
import { organisations, places, readablePlace } from "../../structure/index.ts";
import { zonePolicy } from "./zones.policy.ts";
import { readableZone, zonesWardenedBy } from "./zones.service.ts";
import { wardenZones, zoneHouseholds } from "./zones.tables.ts";

/**
 * A zone's list of people (issue 14 §2): each household (a person and their eligible dependants)
 * with contacts and residential address where the caller has need-to-know. The zone's own wardens
 * see the whole list with contacts; others each person as the personnel register allows. Every
 * person whose contacts were shown is audited as `read_sensitive`, in the same transaction.
 */
export async function zoneHouseholdList(context: ServiceContext, id: string, via: "zone_list" | "zone_list_pdf" = "zone_list") {
  const zone = await readableZone(context, id);
  const { db } = context.database;
  const wardenOf = await zonesWardenedBy(context);
  if (!zonePolicy.canOpenList(context.actor, zone, wardenOf)) throw new ForbiddenError("Only this zone's wardens and the area's security staff see its list");
  const rows = await db
    .select({
      personId: persons.id,
      givenName: persons.givenName,
      familyName: persons.familyName,
      organisationId: persons.organisationId,
      organisationName: organisations.code,
      placePath: persons.placePath,
      recruitmentType: persons.recruitmentType,
      dutyStationName: places.name,
    })
    .from(zoneHouseholds)
    .innerJoin(persons, eq(persons.id, zoneHouseholds.personId))
    .innerJoin(organisations, eq(organisations.id, persons.organisationId))
    .innerJoin(places, eq(places.id, persons.dutyStationId))
    .where(eq(zoneHouseholds.zoneId, id))
    .orderBy(asc(persons.familyName), asc(persons.givenName));
  const visible = rows.filter((row) => zonePolicy.canSeePerson(context.actor, zone, row, wardenOf));
  const withContacts = visible.filter((row) => zonePolicy.canSeeContacts(context.actor, zone, row, wardenOf)).map((row) => row.personId);
  const ids = visible.map((row) => row.personId);
  return db.transaction(async (tx) => {
    const [dependantRows, privateRows] = await Promise.all([
      ids.length
        ? tx
            .select({ id: dependants.id, personId: dependants.personId, givenName: dependants.givenName, familyName: dependants.familyName, relationship: dependants.relationship, birthDate: dependants.birthDate })
            .from(dependants)
            .where(and(inArray(dependants.personId, ids), eq(dependants.isEligible, true)))
            .orderBy(asc(dependants.givenName))
        : [],
      withContacts.length ? tx.select().from(personPrivate).where(inArray(personPrivate.personId, withContacts)) : [],
    ]);
    if (withContacts.length) {
      await recordAuditEntries(
        tx,
        context.audit,
        withContacts.map((personId) => ({ action: "read_sensitive", entityType: "person", entityId: personId, changes: { via: { from: null, to: via } } })),
      );
    }
    const contactsOf = new Map(privateRows.map((row) => [row.personId, row]));
    const allowed = new Set(withContacts);
    return {
      zone: { id: zone.id, name: zone.name },
      households: visible.map((row) => {
        const contact = contactsOf.get(row.personId);
        return {
          personId: row.personId,
          name: `${row.givenName} ${row.familyName}`,
          organisationId: row.organisationId,
          organisationName: row.organisationName,
          recruitmentType: row.recruitmentType,
          dutyStationName: row.dutyStationName,
          dependants: dependantRows
            .filter((dependant) => dependant.personId === row.personId)
            .map(({ personId: _personId, ...dependant }) => ({ ...dependant, name: `${dependant.givenName} ${dependant.familyName}` })),
          contacts: allowed.has(row.personId)
            ? { phone: contact?.phone ?? null, mobile: contact?.mobile ?? null, email: contact?.email ?? null, residentialAddress: contact?.residentialAddress ?? null }
            : null,
        };
      }),
      // People in the zone the caller may not see (another organisation's staff for its focal point): counted, not named.
      hidden: rows.length - visible.length,
    };
  });
}

async function personsToAssign(context: ServiceContext, zone: { id: string; placePath: string }, personIds: string[]) {
  const rows = await context.database.db
    .select({ id: persons.id, placePath: persons.placePath, organisationId: persons.organisationId })
    .from(persons)
    .where(inArray(persons.id, personIds));
  const found = new Map(rows.map((row) => [row.id, row]));
  personIds.forEach((personId, index) => {
    const person = found.get(personId);
    if (person && !person.placePath.startsWith(zone.placePath)) throw new RuleError(`personIds.${index}`, "Is stationed outside this zone's Security Area");
    // Someone the caller may not place (another organisation's staff) is reported as no one they may place.
    if (!person || !zonePolicy.canAssign(context.actor, zone, person)) throw new RuleError(`personIds.${index}`, "Names no one you may place in this zone");
  });
  return rows;
}

/** Places people (with their households) in the zone; someone in another zone moves here. */
export async function assignHouseholds(context: ServiceContext, id: string, personIds: string[]) {
  const zone = await readableZone(context, id);
  if (!zonePolicy.actions(context.actor, zone).includes("assign_households")) throw new ForbiddenError("You may not place people in this zone");
  const unique = [...new Set(personIds)];
  await personsToAssign(context, zone, unique);
  const { db } = context.database;
  await db.transaction(async (tx) => {
    const before = await tx.select().from(zoneHouseholds).where(inArray(zoneHouseholds.personId, unique));
    const previousZone = new Map(before.map((row) => [row.personId, row.zoneId]));
    const moving = unique.filter((personId) => previousZone.get(personId) !== id);
    if (moving.length === 0) return;
    await tx
      .insert(zoneHouseholds)
      .values(moving.map((personId) => ({ personId, zoneId: id })))
      .onConflictDoUpdate({ target: zoneHouseholds.personId, set: { zoneId: id, assignedAt: new Date() } });
    await recordAuditEntries(
      tx,
      context.audit,
      moving.map((personId) => ({ action: "update", entityType: "person", entityId: personId, changes: { wardenZone: { from: previousZone.get(personId) ?? null, to: id } } })),
    );
  });
  return { assigned: unique.length };
}

export async function removeHousehold(context: ServiceContext, id: string, personId: string) {
  const zone = await readableZone(context, id);
  const [person] = await context.database.db
    .select({ placePath: persons.placePath, organisationId: persons.organisationId })
    .from(zoneHouseholds)
    .innerJoin(persons, eq(persons.id, zoneHouseholds.personId))
    .where(and(eq(zoneHouseholds.zoneId, id), eq(zoneHouseholds.personId, personId)));
  if (!person || !zonePolicy.canAssign(context.actor, zone, person)) throw new NotFoundError("Household in this zone");
  await context.database.db.transaction(async (tx) => {
    await tx.delete(zoneHouseholds).where(and(eq(zoneHouseholds.zoneId, id), eq(zoneHouseholds.personId, personId)));
    await recordAuditEntries(tx, context.audit, [{ action: "update", entityType: "person", entityId: personId, changes: { wardenZone: { from: id, to: null } } }]);
  });
}

/**
 * Places, from their residential address, the people of a Security Area who are in no zone yet
 * (only those the caller may place). An address matching no zone or two is left for a person to
 * decide; the answer says how many of each. Addresses are read, not shown: the read is audited
 * with the placement of each person it placed.
 */
export async function assignByAddress(context: ServiceContext, securityAreaId: string) {
  const area = await readablePlace(context, securityAreaId);
  if (area.kind !== "security_area") throw new RuleError("securityAreaId", "Is not a Security Area");
  const { db } = context.database;
  const zones = await db.select({ id: wardenZones.id, localities: wardenZones.localities, placePath: wardenZones.placePath }).from(wardenZones).where(eq(wardenZones.securityAreaId, area.id));
  if (zones.length === 0) throw new RuleError("securityAreaId", "Has no warden zones yet: draw them first");
  if (!zones.some((zone) => zonePolicy.actions(context.actor, { id: zone.id, placePath: zone.placePath }).includes("assign_households"))) {
    throw new ForbiddenError("You may not place people in this area's zones");
  }
  const candidates = await db
    .select({ id: persons.id, placePath: persons.placePath, organisationId: persons.organisationId, address: personPrivate.residentialAddress })
    .from(persons)
    .leftJoin(personPrivate, eq(personPrivate.personId, persons.id))
    .leftJoin(zoneHouseholds, eq(zoneHouseholds.personId, persons.id))
    .where(and(like(persons.placePath, `${area.path}%`), isNull(zoneHouseholds.personId)));
  const mine = candidates.filter((person) => zonePolicy.canAssign(context.actor, { id: "", placePath: area.path }, person));
  const outcome = { assigned: 0, ambiguousOrUnmatched: 0, withoutAddress: 0 };
  const placements: { personId: string; zoneId: string }[] = [];
  for (const person of mine) {
    if (!person.address?.trim()) {
      outcome.withoutAddress += 1;
      continue;
    }
    const zoneId = suggestZone(person.address, zones);
    if (zoneId) placements.push({ personId: person.id, zoneId });
    else outcome.ambiguousOrUnmatched += 1;
  }
  outcome.assigned = placements.length;
  if (placements.length) {
    await db.transaction(async (tx) => {
      await tx.insert(zoneHouseholds).values(placements).onConflictDoNothing();
      await recordAuditEntries(
        tx,
        context.audit,
        placements.map((placement) => ({
          action: "update",
          entityType: "person",
          entityId: placement.personId,
          changes: { wardenZone: { from: null, to: placement.zoneId }, via: { from: null, to: "residential_address" } },
        })),
      );
    });
  }
  return outcome;
}
