import { type SQL, and, eq, gte, lte, or, sql } from "drizzle-orm";
import { z } from "zod";
import { personOutcomes } from "../../../core/incidents/incident-taxonomy.types.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import type { Permission } from "../../../core/access/permissions.ts";
import { placeInScope } from "./incident-deps.ts";
import { incidentNeedToKnow, incidentPeople, incidents } from "./incidents.tables.ts";
import { incidentStatuses } from "./incidents.tables.ts";

/**
 * The filters every incident listing shares: the list, exports, the map. One definition,
 * so that what a caller may filter on and what a caller may see never drift apart.
 */
export const incidentFilterQuery = {
  placeId: z.uuid({ message: "must be a valid id" }).optional().describe("The place and everything below it"),
  categoryCode: z.string().max(64).optional(),
  status: z.enum(incidentStatuses).optional(),
  affectsUn: z.enum(["true", "false"]).optional().describe("The soft switch: false = situational awareness only"),
  organisationId: z.uuid({ message: "must be a valid id" }).optional().describe("An organisation affected"),
  outcome: z.enum(personOutcomes).optional().describe("Incidents with at least one person of this outcome"),
  from: z.iso.date({ message: "must be a date (YYYY-MM-DD)" }).optional().describe("Occurred on or after (UTC date)"),
  to: z.iso.date({ message: "must be a date (YYYY-MM-DD)" }).optional().describe("Occurred on or before (UTC date)"),
  q: z.string().trim().max(200).optional().describe("Full-text search of the narrative (words, any language)"),
};
const incidentFilterSchema = z.object(incidentFilterQuery);
export type IncidentFilter = z.infer<typeof incidentFilterSchema>;

/** The caller is named on the incident's need-to-know list (SQL, per row). */
export function namedOnIncident(personId: string | null): SQL {
  return personId
    ? sql`exists (select 1 from ${incidentNeedToKnow} where ${incidentNeedToKnow.incidentId} = ${incidents.id} and ${incidentNeedToKnow.personId} = ${personId})`
    : sql`false`;
}

/**
 * Rows the caller may see: incidents in scope (or recorded by the caller) and, of sensitive
 * ones, only those the caller is on the need-to-know list of. Same rule as `incidentPolicy.canRead`.
 */
export function incidentVisibility(context: ServiceContext): SQL {
  const { actor } = context;
  const sensitiveScope = scopeCondition(actor, "incident.read_sensitive", incidents.placePath, "ignore");
  return and(
    or(scopeCondition(actor, "incident.read", incidents.placePath, "ignore") ?? sql`true`, eq(incidents.createdByUserId, actor.userId)),
    or(eq(incidents.isSensitive, false), namedOnIncident(actor.personId), eq(incidents.createdByUserId, actor.userId), sensitiveScope ?? sql`true`),
  ) as SQL;
}

/** Turns "cash robbery" into a prefix tsquery ("cash:* & robbery:*"); null when no word is left. */
export function searchQuery(text: string): string | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 10);
  return words.length ? words.map((word) => `${word}:*`).join(" & ") : null;
}

/**
 * The filter conditions (visibility not included). A place out of the reach of the caller's
 * `permission` (the route's) is "not found", as it is for every other place filter.
 */
export async function incidentFilterConditions(context: ServiceContext, filter: IncidentFilter, permission: Permission): Promise<SQL | undefined> {
  const place = filter.placeId ? await placeInScope(context, filter.placeId, permission) : undefined;
  const words = filter.q ? searchQuery(filter.q) : null;
  return and(
    place ? sql`${incidents.placePath} like ${`${place.path}%`}` : undefined,
    filter.categoryCode ? eq(incidents.categoryCode, filter.categoryCode) : undefined,
    filter.status ? eq(incidents.status, filter.status) : undefined,
    filter.affectsUn ? eq(incidents.affectsUn, filter.affectsUn === "true") : undefined,
    filter.organisationId ? sql`${incidents.organisationsAffected} @> array[${filter.organisationId}]::uuid[]` : undefined,
    filter.outcome
      ? sql`exists (select 1 from ${incidentPeople} where ${incidentPeople.incidentId} = ${incidents.id} and ${incidentPeople.outcome} = ${filter.outcome})`
      : undefined,
    filter.from ? gte(incidents.occurredAt, new Date(filter.from)) : undefined,
    filter.to ? lte(incidents.occurredAt, new Date(`${filter.to}T23:59:59.999Z`)) : undefined,
    words ? sql`to_tsvector('simple', ${incidents.description}) @@ to_tsquery('simple', ${words})` : undefined,
  );
}
