import { type SQL, and, asc, count, desc, eq, ilike, or, sql } from "drizzle-orm";
import type {
  DependantInput,
  PersonInput,
  PersonnelCategory,
  PersonPatch,
  RecruitmentType,
  Sex,
} from "../../../core/personnel/personnel.schemas.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import type { Db } from "../../platform/db/database.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { ForbiddenError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { iso, likePattern } from "../../platform/http/schemas.ts";
import { findPlace, organisations, placePolicy, places, readablePlace } from "../structure/index.ts";
import { personPolicy } from "./personnel.policy.ts";
import { dependants, personPrivate, persons } from "./personnel.tables.ts";

export type PersonRow = typeof persons.$inferSelect;

export type PersonnelFilter = {
  q?: string;
  organisationId?: string;
  placeId?: string;
  recruitmentType?: RecruitmentType;
  category?: PersonnelCategory;
  sex?: Sex;
};
export type PersonnelSort = "name" | "organisation" | "dutyStation" | "category" | "recruitmentType";
export type PersonnelListQuery = PersonnelFilter & {
  page: number;
  pageSize: number;
  sort: PersonnelSort;
  order: "asc" | "desc";
};

const dependantCount = sql<number>`(select count(*)::int from ${dependants} where ${dependants.personId} = ${persons.id})`;

/** The caller's scope (or themselves) plus the filters, as one SQL condition. */
export async function personnelWhere(context: ServiceContext, filter: PersonnelFilter): Promise<SQL | undefined> {
  const scope = scopeCondition(context.actor, "personnel.read", persons.placePath, persons.organisationId);
  const self = context.actor.personId ? eq(persons.id, context.actor.personId) : undefined;
  const place = filter.placeId ? await readablePlace(context, filter.placeId) : undefined;
  const words = filter.q?.split(/\s+/).filter(Boolean) ?? [];
  return and(
    scope && self ? or(scope, self) : scope,
    filter.organisationId ? eq(persons.organisationId, filter.organisationId) : undefined,
    place ? sql`${persons.placePath} like ${`${place.path}%`}` : undefined,
    filter.recruitmentType ? eq(persons.recruitmentType, filter.recruitmentType) : undefined,
    filter.category ? eq(persons.category, filter.category) : undefined,
    filter.sex ? eq(persons.sex, filter.sex) : undefined,
    ...words.map((word) =>
      or(
        ilike(persons.givenName, likePattern(word)),
        ilike(persons.familyName, likePattern(word)),
        ilike(persons.indexNumber, likePattern(word)),
      ),
    ),
  );
}

export const personListColumns = {
  person: persons,
  organisationCode: organisations.code,
  dutyStationName: places.name,
  dependantCount,
};

export function presentListItem(
  context: ServiceContext,
  row: { person: PersonRow; organisationCode: string; dutyStationName: string; dependantCount: number },
) {
  const { person } = row;
  return {
    id: person.id,
    givenName: person.givenName,
    familyName: person.familyName,
    indexNumber: person.indexNumber,
    organisationId: person.organisationId,
    organisationCode: row.organisationCode,
    dutyStationId: person.dutyStationId,
    dutyStationName: row.dutyStationName,
    sex: person.sex,
    recruitmentType: person.recruitmentType,
    category: person.category,
    grade: person.grade,
    hasAccount: person.userId !== null,
    dependantCount: Number(row.dependantCount),
    actions: personPolicy.actions(context.actor, person),
  };
}

const sortColumns: Record<PersonnelSort, SQL[]> = {
  name: [sql`${persons.familyName}`, sql`${persons.givenName}`],
  organisation: [sql`${organisations.code}`, sql`${persons.familyName}`],
  dutyStation: [sql`${places.name}`, sql`${persons.familyName}`],
  category: [sql`${persons.category}`, sql`${persons.familyName}`],
  recruitmentType: [sql`${persons.recruitmentType}`, sql`${persons.familyName}`],
};

export async function listPersonnel(context: ServiceContext, query: PersonnelListQuery) {
  const { db } = context.database;
  const where = await personnelWhere(context, query);
  const direction = query.order === "desc" ? desc : asc;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(personListColumns)
      .from(persons)
      .innerJoin(organisations, eq(organisations.id, persons.organisationId))
      .innerJoin(places, eq(places.id, persons.dutyStationId))
      .where(where)
      .orderBy(...sortColumns[query.sort].map((column) => direction(column)), asc(persons.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(persons).where(where),
  ]);
  return { items: rows.map((row) => presentListItem(context, row)), total, page: query.page, pageSize: query.pageSize };
}

export async function readablePerson(context: ServiceContext, id: string): Promise<PersonRow> {
  const [row] = await context.database.db.select().from(persons).where(eq(persons.id, id));
  if (!row || !personPolicy.canRead(context.actor, row)) throw new NotFoundError("Person");
  return row;
}

/**
 * The person with dependants; contacts and address only for need-to-know, and each such
 * read is written to the audit trail in the same transaction that reads it.
 */
export async function getPerson(context: ServiceContext, id: string) {
  const person = await readablePerson(context, id);
  const { db } = context.database;
  const [[detail], dependantRows] = await Promise.all([
    db
      .select(personListColumns)
      .from(persons)
      .innerJoin(organisations, eq(organisations.id, persons.organisationId))
      .innerJoin(places, eq(places.id, persons.dutyStationId))
      .where(eq(persons.id, id)),
    db.select().from(dependants).where(eq(dependants.personId, id)).orderBy(asc(dependants.givenName)),
  ]);
  let privateData: Omit<typeof personPrivate.$inferSelect, "personId" | "updatedAt"> | undefined;
  if (personPolicy.canReadSensitive(context.actor, person)) {
    privateData = await db.transaction(async (tx) => {
      const [row] = await tx.select().from(personPrivate).where(eq(personPrivate.personId, id));
      await recordAudit(tx, context.audit, { action: "read_sensitive", entityType: "person", entityId: id });
      return {
        phone: row?.phone ?? null,
        mobile: row?.mobile ?? null,
        email: row?.email ?? null,
        emergencyContact: row?.emergencyContact ?? null,
        residentialAddress: row?.residentialAddress ?? null,
      };
    });
  }
  return {
    ...presentListItem(context, detail),
    userId: person.userId,
    createdAt: iso(person.createdAt) as string,
    updatedAt: iso(person.updatedAt) as string,
    dependants: dependantRows.map((row) => ({
      id: row.id,
      givenName: row.givenName,
      familyName: row.familyName,
      relationship: row.relationship,
      sex: row.sex,
      birthDate: row.birthDate,
      isEligible: row.isEligible,
    })),
    ...(privateData ? { private: privateData } : {}),
  };
}

async function dutyStationFor(context: ServiceContext, id: string) {
  const station = await findPlace(context.database.db, id);
  // A station outside the caller's scope is answered as a missing one: its existence is not revealed.
  if (!station || !placePolicy.canRead(context.actor, station)) throw new RuleError("dutyStationId", "The duty station does not exist");
  if (station.kind !== "duty_station") throw new RuleError("dutyStationId", "must be a duty station, not an area");
  return station;
}

async function assertOrganisation(db: Db, id: string) {
  const [row] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, id));
  if (!row) throw new RuleError("organisationId", "The organisation does not exist");
}

/** Inserts one person with contacts and dependants, and audits it, inside the caller's transaction. */
export async function insertPerson(tx: Db, context: ServiceContext, input: PersonInput, placePath: string) {
  const { private: privateInput, dependants: dependantInputs, ...fields } = input;
  const [created] = await tx.insert(persons).values({ ...fields, placePath }).returning();
  if (privateInput) await tx.insert(personPrivate).values({ personId: created.id, ...privateInput });
  if (dependantInputs?.length) {
    await tx.insert(dependants).values(dependantInputs.map((dependant) => ({ ...dependant, personId: created.id })));
  }
  await recordAudit(tx, context.audit, {
    action: "create",
    entityType: "person",
    entityId: created.id,
    changes: { ...diffRecords(null, created), ...diffRecords(null, privateInput ?? null), ...(dependantInputs?.length ? { dependants: { from: null, to: dependantInputs.length } } : {}) },
  });
  return created;
}

export async function createPerson(context: ServiceContext, input: PersonInput) {
  const { db } = context.database;
  await assertOrganisation(db, input.organisationId);
  const station = await dutyStationFor(context, input.dutyStationId);
  if (!personPolicy.canCreate(context.actor, { placePath: station.path, organisationId: input.organisationId })) {
    throw new ForbiddenError("You may not add personnel of this organisation at this duty station");
  }
  const created = await db.transaction((tx) => insertPerson(tx, context, input, station.path));
  return getPerson(context, created.id);
}

export async function updatePerson(context: ServiceContext, id: string, patch: PersonPatch) {
  const { db } = context.database;
  const before = await readablePerson(context, id);
  if (!personPolicy.canUpdate(context.actor, before)) throw new ForbiddenError("You may not change this person");
  const { private: privateInput, ...fields } = patch;
  if (fields.organisationId) await assertOrganisation(db, fields.organisationId);
  const station = fields.dutyStationId ? await dutyStationFor(context, fields.dutyStationId) : undefined;
  const target = { placePath: station?.path ?? before.placePath, organisationId: fields.organisationId ?? before.organisationId };
  if (!personPolicy.canCreate(context.actor, target)) {
    throw new ForbiddenError("You may not move this person to that organisation or duty station");
  }
  await db.transaction(async (tx) => {
    const [after] = await tx
      .update(persons)
      .set({ ...fields, placePath: target.placePath, updatedAt: new Date() })
      .where(eq(persons.id, id))
      .returning();
    let privateChanges = {};
    if (privateInput) {
      const [previous] = await tx.select().from(personPrivate).where(eq(personPrivate.personId, id));
      const [next] = await tx
        .insert(personPrivate)
        .values({ personId: id, ...privateInput })
        .onConflictDoUpdate({ target: personPrivate.personId, set: { ...privateInput, updatedAt: new Date() } })
        .returning();
      privateChanges = diffRecords(previous ?? {}, next);
      delete (privateChanges as Record<string, unknown>).personId;
    }
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "person",
      entityId: id,
      changes: { ...diffRecords(before, after), ...privateChanges },
    });
  });
  return getPerson(context, id);
}

export async function deletePerson(context: ServiceContext, id: string) {
  const before = await readablePerson(context, id);
  if (!personPolicy.canDelete(context.actor, before)) throw new ForbiddenError("You may not delete this person");
  await context.database.db.transaction(async (tx) => {
    await tx.delete(persons).where(eq(persons.id, id));
    await recordAudit(tx, context.audit, {
      action: "delete",
      entityType: "person",
      entityId: id,
      changes: diffRecords(before, null),
    });
  });
}

export async function addDependant(context: ServiceContext, personId: string, input: DependantInput) {
  const person = await readablePerson(context, personId);
  if (!personPolicy.canUpdate(context.actor, person)) throw new ForbiddenError("You may not change this person");
  await context.database.db.transaction(async (tx) => {
    const [created] = await tx.insert(dependants).values({ ...input, personId }).returning();
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "dependant",
      entityId: created.id,
      changes: diffRecords(null, created),
    });
  });
  return getPerson(context, personId);
}

export async function removeDependant(context: ServiceContext, personId: string, dependantId: string) {
  const person = await readablePerson(context, personId);
  if (!personPolicy.canUpdate(context.actor, person)) throw new ForbiddenError("You may not change this person");
  const [before] = await context.database.db
    .select()
    .from(dependants)
    .where(and(eq(dependants.id, dependantId), eq(dependants.personId, personId)));
  if (!before) throw new NotFoundError("Dependant");
  await context.database.db.transaction(async (tx) => {
    await tx.delete(dependants).where(eq(dependants.id, dependantId));
    await recordAudit(tx, context.audit, {
      action: "delete",
      entityType: "dependant",
      entityId: dependantId,
      changes: diffRecords(before, null),
    });
  });
}
