import { offsetAt } from "./time-zone.ts";

/**
 * The time zone of a place: local times recorded there (the form, the quick report, an import row
 * without an offset) are read in it. A duty station may carry its own zone (eastern DR Congo is an
 * hour ahead of Kinshasa); otherwise it follows its Security Area's, then its Designated Area's.
 * A place with no zone anywhere above it falls back to UTC, and says so (`source: "fallback"`).
 */

export type PlaceZoneSource = "place" | "area" | "fallback";
export type PlaceZone = { timeZone: string; source: PlaceZoneSource };

/** `chain` runs from the place itself up to its Designated Area. */
export function effectiveTimeZone(chain: readonly { timeZone: string | null | undefined }[]): PlaceZone {
  for (const [index, place] of chain.entries()) {
    if (place.timeZone) return { timeZone: place.timeZone, source: index === 0 ? "place" : "area" };
  }
  return { timeZone: "UTC", source: "fallback" };
}

/** "UTC+1", "UTC-4", "UTC+5:45", "UTC+0": the zone's offset at that instant, as Intl states it (DST included). */
export function utcOffsetLabel(timeZone: string, instant: number): string | null {
  const minutes = offsetAt(timeZone, instant);
  if (minutes === null) return null;
  const size = Math.abs(minutes);
  const hours = Math.floor(size / 60);
  const rest = size % 60;
  return `UTC${minutes < 0 ? "-" : "+"}${hours}${rest ? `:${String(rest).padStart(2, "0")}` : ""}`;
}

/** "Africa/Kinshasa (UTC+1)": what the forms show beside a local date and time. */
export function timeZoneLabel(timeZone: string, instant: number): string {
  const offset = utcOffsetLabel(timeZone, instant);
  return offset ? `${timeZone} (${offset})` : timeZone;
}
