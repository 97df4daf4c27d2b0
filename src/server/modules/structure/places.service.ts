import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, ilike, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type PlaceInput, type PlaceKind, placeProblems } from "../../../core/structure/structure.schemas.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import type { Db } from "../../platform/db/database.ts";
import { cachedReference } from "../../platform/cache/reference-cache.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { AppError, ForbiddenError, NotFoundError } from "../../platform/http/errors.ts";
import { iso, likePattern } from "../../platform/http/schemas.ts";
import { placePolicy } from "./structure.policy.ts";
import { places } from "./structure.tables.ts";

export type PlaceRow = typeof places.$inferSelect;

const parents = alias(places, "parent");

function present(context: ServiceContext, row: PlaceRow, parentName: string | null) {
  return {
    id: row.id,
    kind: row.kind,
    parentId: row.parentId,
    parentName,
    name: row.name,
    countryCode: row.countryCode,
    timeZone: row.timeZone,
    latitude: row.latitude,
    longitude: row.longitude,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    actions: placePolicy.actions(context.actor, row),
  };
}

export type PlaceListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  kind?: PlaceKind;
  parentId?: string;
  sort: "name" | "kind";
  order: "asc" | "desc";
};

export async function listPlaces(context: ServiceContext, query: PlaceListQuery) {
  const { db } = context.database;
  const where = and(
    scopeCondition(context.actor, "place.read", places.path, "ignore"),
    query.q ? ilike(places.name, likePattern(query.q)) : undefined,
    query.kind ? eq(places.kind, query.kind) : undefined,
    query.parentId ? eq(places.parentId, query.parentId) : undefined,
  );
  const sortColumn = places[query.sort];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ place: places, parentName: parents.name })
      .from(places)
      .leftJoin(parents, eq(parents.id, places.parentId))
      .where(where)
      .orderBy(query.order === "desc" ? desc(sortColumn) : asc(sortColumn), asc(places.name))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(places).where(where),
  ]);
  return {
    items: rows.map((row) => present(context, row.place, row.parentName)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Every place the caller can see, lightly, for pickers and maps. */
export async function placeTree(context: ServiceContext) {
  const rows = await context.database.db
    .select({
      id: places.id,
      kind: places.kind,
      parentId: places.parentId,
      name: places.name,
      countryCode: places.countryCode,
      // The zone in force: the place's own, or its nearest ancestor's (an area's), so pickers can show it.
      timeZone: sql<string | null>`coalesce("places"."time_zone", (select zone.time_zone from places zone where "places"."path" like zone.path || '%' and zone.time_zone is not null order by length(zone.path) desc limit 1))`,
      latitude: places.latitude,
      longitude: places.longitude,
    })
    .from(places)
    .where(scopeCondition(context.actor, "place.read", places.path, "ignore"))
    .orderBy(asc(places.path));
  return { items: rows };
}

export async function findPlace(db: Db, id: string): Promise<PlaceRow | undefined> {
  const [row] = await db.select().from(places).where(eq(places.id, id));
  return row;
}

/** `findPlace`, reused while the reference stamp read with the caller's session holds (platform/cache). */
export function findPlaceFor(context: ServiceContext, id: string): Promise<PlaceRow | undefined> {
  return cachedReference(context.database, context.referenceStamp, "place", id, () => findPlace(context.database.db, id));
}

/** Duty stations, for resolving coordinates; reused like `findPlaceFor`. */
export function dutyStationsFor(context: ServiceContext): Promise<PlaceRow[]> {
  return cachedReference(context.database, context.referenceStamp, "places", "duty_stations", () =>
    context.database.db.select().from(places).where(eq(places.kind, "duty_station")),
  );
}

/** The place if the actor may read it; otherwise "not found", whether it exists or not. */
export async function readablePlace(context: ServiceContext, id: string): Promise<PlaceRow> {
  const row = await findPlace(context.database.db, id);
  if (!row || !placePolicy.canRead(context.actor, row)) throw new NotFoundError("Place");
  return row;
}

export function pathIds(path: string): string[] {
  return path.split("/").filter(Boolean);
}

export async function getPlace(context: ServiceContext, id: string) {
  const row = await readablePlace(context, id);
  const { db } = context.database;
  const ancestorIds = pathIds(row.path).slice(0, -1);
  const [ancestors, children] = await Promise.all([
    ancestorIds.length
      ? db.select({ id: places.id, name: places.name, kind: places.kind, path: places.path }).from(places).where(inArray(places.id, ancestorIds))
      : Promise.resolve([]),
    db.select().from(places).where(eq(places.parentId, id)).orderBy(asc(places.kind), asc(places.name)),
  ]);
  ancestors.sort((a, b) => a.path.length - b.path.length);
  const parentName = ancestors.at(-1)?.name ?? null;
  return {
    ...present(context, row, parentName),
    ancestors: ancestors.map(({ id: ancestorId, name, kind }) => ({ id: ancestorId, name, kind })),
    children: children.map((child) => present(context, child, row.name)),
    path: row.path,
  };
}

function assertRules(input: Parameters<typeof placeProblems>[0], parentKind: PlaceKind | null) {
  const problems = placeProblems(input, parentKind);
  if (problems.length) {
    throw new AppError(422, "rule_violation", problems.map((problem) => problem.message).join("; "), problems);
  }
}

export async function createPlace(context: ServiceContext, input: PlaceInput) {
  const { db } = context.database;
  const parent = input.parentId ? await findPlace(db, input.parentId) : undefined;
  if (input.parentId && (!parent || !placePolicy.canRead(context.actor, parent))) {
    throw new AppError(422, "rule_violation", "The parent place does not exist", [
      { field: "parentId", message: "does not exist" },
    ]);
  }
  assertRules(input, parent?.kind ?? null);
  if (!placePolicy.canCreateUnder(context.actor, parent?.path ?? null)) {
    throw new ForbiddenError("You may not create a place here");
  }
  const id = randomUUID();
  const values = {
    id,
    kind: input.kind,
    parentId: parent?.id ?? null,
    name: input.name,
    // A Security Area or station inherits its Designated Area's country.
    countryCode: input.countryCode ?? parent?.countryCode ?? null,
    // Not copied from the parent: a place without its own zone follows its area's, even when that changes.
    timeZone: input.timeZone ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    path: `${parent?.path ?? "/"}${id}/`,
  };
  const row = await db.transaction(async (tx) => {
    const [created] = await tx.insert(places).values(values).returning();
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "place",
      entityId: id,
      changes: diffRecords(null, created),
    });
    return created;
  });
  return present(context, row, parent?.name ?? null);
}

export type PlacePatch = Partial<Pick<PlaceInput, "name" | "countryCode" | "timeZone" | "latitude" | "longitude">>;

export async function updatePlace(context: ServiceContext, id: string, patch: PlacePatch) {
  const { db } = context.database;
  const before = await readablePlace(context, id);
  if (!placePolicy.canUpdate(context.actor, before)) throw new ForbiddenError("You may not change this place");
  const parent = before.parentId ? await findPlace(db, before.parentId) : undefined;
  assertRules({ ...before, ...patch }, parent?.kind ?? null);
  const row = await db.transaction(async (tx) => {
    const [after] = await tx
      .update(places)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(places.id, id))
      .returning();
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "place",
      entityId: id,
      changes: diffRecords(before, after),
    });
    return after;
  });
  return present(context, row, parent?.name ?? null);
}

export async function deletePlace(context: ServiceContext, id: string) {
  const { db } = context.database;
  const before = await readablePlace(context, id);
  if (!placePolicy.canDelete(context.actor, before)) throw new ForbiddenError("You may not delete this place");
  const [{ children }] = await db.select({ children: count() }).from(places).where(eq(places.parentId, id));
  if (children > 0) {
    throw new AppError(409, "conflict", "Delete or move the places below this one first", [
      { field: "id", message: "has places below it" },
    ]);
  }
  await db.transaction(async (tx) => {
    await tx.delete(places).where(eq(places.id, id));
    await recordAudit(tx, context.audit, {
      action: "delete",
      entityType: "place",
      entityId: id,
      changes: diffRecords(before, null),
    });
  });
}
