import { type SQL, inArray, sql } from "drizzle-orm";
import type { Permission } from "../../../../core/access/permissions.ts";
import { grantsFor, pathCovers } from "../../../../core/access/scope.ts";
import { type HeadcountPerson, type HeadcountSort, summariseHeadcount } from "../../../../core/travel/headcount.ts";
import { recordAuditEntries } from "../../../platform/audit/audit-batch.ts";
import { cachedReference } from "../../../platform/cache/reference-cache.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { personPolicy, personPrivate } from "../../personnel/index.ts";
import { organisations, placeInScope, places } from "../../structure/index.ts";
import { headcountGroups, presentIn, presentInFirstByName, stationedGroups } from "./presence.service.ts";

/**
 * The headcount of an area at a moment (issue 13 §4): counts for whoever holds
 * `travel.headcount.read` over the area (the global analyst too: counts are not need-to-know, and
 * an organisation's representative or focal point sees every organisation's figures), the list
 * of people for those holding `travel.headcount.list` over it (the area's leaders and security
 * professionals: everyone present; an organisation's focal point: their organisation's people
 * only). An area the caller does not cover answers 404. Who counts: `presentIn`.
 *
 * Contacts in the list follow the personnel module's rule (`personPolicy.canReadSensitive`: the
 * person, or need-to-know over their duty station and organisation), and each person whose
 * contacts were shown is audited as `read_sensitive`.
 */

export type HeadcountQuery = { placeId: string; at?: string };

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

async function areaOf(context: ServiceContext, placeId: string, permission: Permission) {
  return placeInScope(context, placeId, permission);
}

/** The organisations whose people the caller may list in the area; undefined: every one. */
function listedOrganisations(context: ServiceContext, areaPath: string): string[] | undefined {
  const grants = grantsFor(context.actor, "travel.headcount.list").filter((grant) => pathCovers(grant.placePath, areaPath));
  if (grants.some((grant) => grant.organisationId === null)) return undefined;
  return [...new Set(grants.map((grant) => grant.organisationId as string))];
}

/**
 * The groups of an area at a moment. Who is stationed in the area changes only with the register
 * (people, dependants, places: the reference stamp), so that part is kept per area while the stamp
 * holds; the trips under way at the moment are read every time.
 */
async function groupsOf(context: ServiceContext, areaPath: string, at: Date, organisationIds?: readonly string[]) {
  const { db } = context.database;
  const stationed = await cachedReference(context.database, context.referenceStamp, "headcount-stationed", areaPath, () => stationedGroups(db, areaPath));
  return headcountGroups(db, areaPath, at, organisationIds, stationed);
}

export async function headcount(context: ServiceContext, query: HeadcountQuery) {
  const { db } = context.database;
  const area = await areaOf(context, query.placeId, "travel.headcount.read");
  const at = query.at ? new Date(query.at) : new Date();
  const summary = summariseHeadcount(await groupsOf(context, area.path, at));
  const organisationIds = summary.byOrganisation.map((row) => row.organisationId);
  const placeIds = summary.byPlace.map((row) => row.placeId);
  const [organisationRows, placeRows] = await Promise.all([
    organisationIds.length ? db.select({ id: organisations.id, code: organisations.code, name: organisations.name }).from(organisations).where(inArray(organisations.id, organisationIds)) : [],
    placeIds.length
      ? db
          .select({ id: places.id, name: places.name, kind: places.kind, latitude: places.latitude, longitude: places.longitude })
          .from(places)
          .where(inArray(places.id, placeIds))
      : [],
  ]);
  const organisationById = new Map(organisationRows.map((row) => [row.id, row]));
  const placeById = new Map(placeRows.map((row) => [row.id, row]));
  const canList = grantsFor(context.actor, "travel.headcount.list").some((grant) => pathCovers(grant.placePath, area.path));
  return {
    place: { id: area.id, name: area.name, kind: area.kind },
    at: at.toISOString(),
    totals: summary.totals,
    byOrganisation: summary.byOrganisation.map((row) => {
      const organisation = organisationById.get(row.organisationId);
      return { ...row, code: organisation?.code ?? "", name: organisation?.name ?? "" };
    }),
    byPlace: summary.byPlace.map((row) => {
      const place = placeById.get(row.placeId);
      return { ...row, name: place?.name ?? "", kind: place?.kind ?? "duty_station", latitude: place?.latitude ?? null, longitude: place?.longitude ?? null };
    }),
    canList,
  };
}

// ----- The list ------------------------------------------------------------------------------


type ListRow = Omit<HeadcountPerson, "contacts"> & { homePath: string };

export type PeopleQuery = HeadcountQuery & { page: number; pageSize: number; sort: HeadcountSort; order: "asc" | "desc" };

const sortColumns: Record<HeadcountSort, string> = {
  name: "",
  organisation: `"organisationCode"`,
  recruitment: `"recruitmentType"`,
  sex: "sex",
  location: `"placeName"`,
};

/**
 * The people present with what the list shows, in the given order (then by name and id). In name
 * order with `firstRows`, only the rows that can reach the first `firstRows` are built
 * (`presentInFirstByName`): what a page of a large area costs.
 */
function listSql(areaPath: string, at: Date, organisationIds: readonly string[] | undefined, sort: HeadcountSort, order: "asc" | "desc", firstRows?: number): SQL {
  const byName = sort === "name" && firstRows !== undefined;
  const only = organisationIds && !byName ? sql`where h.organisation_id in (${sql.join(organisationIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  const present = byName ? presentInFirstByName(areaPath, at, { direction: order, limit: firstRows, organisationIds }) : presentIn(areaPath, at);
  const direction = sql.raw(order === "desc" ? "desc" : "asc");
  const first = sortColumns[sort] ? sql`${sql.raw(sortColumns[sort])} ${direction}, ` : sql``;
  const nameDirection = sort === "name" ? direction : sql.raw("asc");
  return sql`
    select * from (
      select h.kind, h.person_id as "personId", h.dependant_id as "dependantId",
        coalesce(d.given_name, p.given_name) as "givenName", coalesce(d.family_name, p.family_name) as "familyName",
        case when h.dependant_id is not null then p.given_name || ' ' || p.family_name end as "sponsorName",
        h.organisation_id as "organisationId", o.code as "organisationCode", h.recruitment_type as "recruitmentType", h.sex,
        h.place_id as "placeId", pl.name as "placeName", ds.name as "dutyStationName", h.home_path as "homePath",
        h.request_id as "tripId", r.number as "tripNumber", coalesce(h.person_id, h.dependant_id) as "rowId"
      from (${present}) h
      join persons p on p.id = h.sponsor_id
      left join dependants d on d.id = h.dependant_id
      join organisations o on o.id = h.organisation_id
      join places pl on pl.id = h.place_id
      join places ds on ds.id = p.duty_station_id
      left join travel_requests r on r.id = h.request_id
      ${only}
    ) listed
    order by ${first}"familyName" ${nameDirection}, "givenName" ${nameDirection}, "rowId"`;
}

/** Contacts of the listed people the caller may see (need-to-know), each read audited. */
async function contactsFor(context: ServiceContext, rows: readonly ListRow[]): Promise<Map<string, HeadcountPerson["contacts"]>> {
  const { db } = context.database;
  const allowed = rows.filter(
    (row) => row.personId !== null && personPolicy.canReadSensitive(context.actor, { id: row.personId, placePath: row.homePath, organisationId: row.organisationId }),
  );
  const contacts = new Map<string, HeadcountPerson["contacts"]>();
  if (allowed.length === 0) return contacts;
  const ids = allowed.map((row) => row.personId as string);
  await db.transaction(async (tx) => {
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      const found = await tx
        .select({ personId: personPrivate.personId, phone: personPrivate.phone, mobile: personPrivate.mobile, email: personPrivate.email })
        .from(personPrivate)
        .where(inArray(personPrivate.personId, chunk));
      for (const id of chunk) contacts.set(id, { phone: null, mobile: null, email: null });
      for (const row of found) contacts.set(row.personId, { phone: row.phone, mobile: row.mobile, email: row.email });
    }
    await recordAuditEntries(
      tx,
      context.audit,
      ids.map((id) => ({ action: "read_sensitive", entityType: "person", entityId: id, changes: { via: { from: null, to: "headcount" } } })),
    );
  });
  return contacts;
}

const withContacts = (rows: readonly ListRow[], contacts: Map<string, HeadcountPerson["contacts"]>): HeadcountPerson[] =>
  rows.map(({ homePath: _homePath, ...row }) => ({ ...row, contacts: row.personId ? (contacts.get(row.personId) ?? null) : null }));

export async function headcountPeople(context: ServiceContext, query: PeopleQuery) {
  const { db } = context.database;
  const area = await areaOf(context, query.placeId, "travel.headcount.list");
  const at = query.at ? new Date(query.at) : new Date();
  const organisationIds = listedOrganisations(context, area.path);
  const offset = (query.page - 1) * query.pageSize;
  const list = listSql(area.path, at, organisationIds, query.sort, query.order, offset + query.pageSize);
  const rows = rowsOf<ListRow & { rowId?: string }>(await db.execute(sql`${list} limit ${query.pageSize} offset ${offset}`));
  // The total from the counts (the same rule, without building every row a second time).
  const total = (await groupsOf(context, area.path, at, organisationIds)).reduce((sum, group) => sum + group.count, 0);
  for (const row of rows) delete row.rowId;
  return {
    place: { id: area.id, name: area.name },
    at: at.toISOString(),
    items: withContacts(rows, await contactsFor(context, rows)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Every listed person (the CSV): the whole list at once, in name order. */
export async function headcountEveryone(context: ServiceContext, query: HeadcountQuery) {
  const { db } = context.database;
  const area = await areaOf(context, query.placeId, "travel.headcount.list");
  const at = query.at ? new Date(query.at) : new Date();
  const rows = rowsOf<ListRow & { rowId?: string }>(await db.execute(listSql(area.path, at, listedOrganisations(context, area.path), "name", "asc")));
  for (const row of rows) delete row.rowId;
  const contacts = await contactsFor(context, rows);
  return { area, at, people: withContacts(rows, contacts), hasContacts: contacts.size > 0 };
}
