import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { violenceOrSafety } from "../../../core/incidents/incident-rules.ts";
import { scopeCondition } from "../../platform/access/scope-sql.ts";
import type { Config } from "../../platform/config.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { type IncidentFilter, incidentFilterConditions, incidentVisibility } from "./incident-filter.ts";
import { places } from "./incident-deps.ts";
import { incidents } from "./incidents.tables.ts";

/** The newest incidents shown at most: beyond that a map is a blur, and the answer says it was cut. */
export const mapCap = 20_000;

const stations = alias(places, "map_station");

/**
 * Incidents as GeoJSON points: the incident's own coordinates, else its duty station's, else its
 * place's. Only incidents the caller may read (`incidentVisibility`: a sexual assault only for its
 * need-to-know list) within the caller's `incident.analyse` scope. No narrative and no people:
 * the map says what happened where and when, and links to the incident for the rest.
 */
export async function incidentMap(context: ServiceContext, filter: IncidentFilter, cap = mapCap) {
  const { db } = context.database;
  const longitude = sql<number | null>`coalesce(${incidents.longitude}, ${stations.longitude}, ${places.longitude})`;
  const latitude = sql<number | null>`coalesce(${incidents.latitude}, ${stations.latitude}, ${places.latitude})`;
  const rows = await db
    .select({
      id: incidents.id,
      categoryCode: incidents.categoryCode,
      occurredAt: incidents.occurredAt,
      status: incidents.status,
      longitude,
      latitude,
    })
    .from(incidents)
    .leftJoin(stations, eq(stations.id, incidents.dutyStationId))
    .leftJoin(places, eq(places.id, incidents.placeId))
    .where(
      and(
        incidentVisibility(context),
        scopeCondition(context.actor, "incident.analyse", incidents.placePath, "ignore"),
        await incidentFilterConditions(context, filter, "incident.analyse"),
        sql`${longitude} is not null and ${latitude} is not null`,
      ),
    )
    .orderBy(desc(incidents.occurredAt), desc(incidents.id))
    .limit(cap + 1);
  const shown = rows.slice(0, cap);
  return {
    type: "FeatureCollection" as const,
    truncated: rows.length > cap,
    cap,
    features: shown.map((row) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates: [Number(row.longitude), Number(row.latitude)] as [number, number] },
      properties: {
        id: row.id,
        categoryCode: row.categoryCode,
        occurredAt: row.occurredAt.toISOString(),
        status: row.status,
        kind: violenceOrSafety(row.categoryCode) ?? "violence",
      },
    })),
  };
}

/**
 * The base map the web app uses: the offline world outline unless the deployment configured a
 * style (a MapLibre style JSON) or raster tiles (a URL with {z}/{x}/{y}) in MAP_STYLE_URL.
 */
export function mapConfig(config: Config) {
  const url = config.mapStyleUrl ?? null;
  const isTiles = url?.includes("{z}") ?? false;
  return { styleUrl: isTiles ? null : url, tileUrl: isTiles ? url : null };
}
