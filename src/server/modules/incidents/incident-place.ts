import type { IncidentPlaceInput } from "../../../core/incidents/incident.schemas.ts";
import { effectiveTimeZone, type PlaceZone } from "../../../core/incidents/place-time-zone.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { RuleError } from "../../platform/http/errors.ts";
import { dutyStationsFor, findPlaceFor } from "../structure/index.ts";
import { incidentPolicy } from "./incidents.policy.ts";

export type ResolvedPlace = {
  placeId: string;
  placePath: string;
  dutyStationId: string | null;
  latitude: number | null;
  longitude: number | null;
};

/** With the place's name, so an answer can be built without reading the place again. */
export type NamedPlace = ResolvedPlace & { placeName: string };

/** Great-circle distance in kilometres. */
function distanceKm(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/**
 * Every incident is resolved to a place of the hierarchy. A duty station is used as it is;
 * free coordinates go to the area of the nearest duty station the reporter may report for
 * (stations are the places Vigil knows coordinates of; country borders come with the map).
 * A place outside the caller's scope reads as unknown, like a missing one.
 */
export async function resolveIncidentPlace(context: ServiceContext, input: IncidentPlaceInput): Promise<NamedPlace> {
  if (input.dutyStationId) {
    const station = await findPlaceFor(context, input.dutyStationId);
    if (station?.kind !== "duty_station" || !incidentPolicy.canCreateAt(context.actor, station.path)) {
      throw new RuleError("place.dutyStationId", "is not a duty station you may report for");
    }
    return { placeId: station.id, placePath: station.path, placeName: station.name, dutyStationId: station.id, latitude: station.latitude, longitude: station.longitude };
  }
  const point = input.coordinates as { latitude: number; longitude: number };
  const nearest = await nearestStation(context, point);
  if (!nearest) throw new RuleError("place.coordinates", "are not near any duty station you may report for");
  const area = nearest.parentId ? await findPlaceFor(context, nearest.parentId) : undefined;
  const target = area ?? nearest;
  return { placeId: target.id, placePath: target.path, placeName: target.name, dutyStationId: null, latitude: point.latitude, longitude: point.longitude };
}

async function nearestStation(context: ServiceContext, point: { latitude: number; longitude: number }) {
  const stations = await dutyStationsFor(context);
  const candidates = stations
    .filter((station) => station.latitude !== null && station.longitude !== null && incidentPolicy.canCreateAt(context.actor, station.path))
    .map((station) => ({ station, km: distanceKm(point, { latitude: station.latitude as number, longitude: station.longitude as number }) }))
    .sort((a, b) => a.km - b.km);
  return candidates[0]?.station;
}

/** The zone in force at a place of the hierarchy (its own, else its nearest area's, else UTC), from its path. */
export async function placeTimeZone(context: ServiceContext, path: string): Promise<PlaceZone> {
  const ids = path.split("/").filter(Boolean).reverse();
  const chain = await Promise.all(ids.map((id) => findPlaceFor(context, id)));
  return effectiveTimeZone(chain.map((place) => ({ timeZone: place?.timeZone ?? null })));
}

/**
 * The zone of the place an incident is reported at: the duty station's, or for free coordinates
 * the nearest station's (eastern and western DR Congo differ by an hour, so not the area's).
 * Null when the place cannot be resolved: `resolveIncidentPlace` then refuses it with the reason.
 */
export async function incidentPlaceTimeZone(context: ServiceContext, input: IncidentPlaceInput): Promise<PlaceZone | null> {
  if (input.dutyStationId) {
    const station = await findPlaceFor(context, input.dutyStationId);
    return station?.kind === "duty_station" ? placeTimeZone(context, station.path) : null;
  }
  if (!input.coordinates) return null;
  const nearest = await nearestStation(context, input.coordinates as { latitude: number; longitude: number });
  return nearest ? placeTimeZone(context, nearest.path) : null;
}
