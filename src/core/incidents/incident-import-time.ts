import type { Read } from "./incident-import-values.ts";
import { offsetAt } from "./time-zone.ts";

/**
 * Dates and times of imported rows. Field reports write local times ("17/05/2026 14:30"), so a
 * time without an offset is read in the incident's time zone and written back with that zone's
 * offset at that moment, which is what `incidentInput` and the time-zone rule expect.
 */

export { offsetAt };

type Wall = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const pad = (value: number, size = 2) => String(value).padStart(size, "0");

function formatOffset(minutes: number): string {
  if (minutes === 0) return "Z";
  const size = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(size / 60))}:${pad(size % 60)}`;
}

function isRealDate(wall: Wall): boolean {
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day));
  return (
    wall.year >= 1900 &&
    wall.year <= 2999 &&
    date.getUTCMonth() === wall.month - 1 &&
    date.getUTCDate() === wall.day &&
    wall.hour <= 23 &&
    wall.minute <= 59 &&
    wall.second <= 59
  );
}

/** A wall-clock time in a zone, as ISO 8601 with the zone's offset then (a time in a DST gap moves forward). */
export function localToIso(wall: Wall, timeZone: string): string | null {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const first = offsetAt(timeZone, asUtc);
  if (first === null) return null;
  let instant = asUtc - first * 60_000;
  const second = offsetAt(timeZone, instant) ?? first;
  if (second !== first) instant = asUtc - second * 60_000;
  const offset = offsetAt(timeZone, instant) ?? second;
  const local = new Date(instant + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${formatOffset(offset)}`;
}

const isoWithOffset = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
const dateFirstYear = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const dateLastYear = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/;
const timeOnly = /^(\d{1,2})[:hH](\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

function readDate(text: string): Pick<Wall, "year" | "month" | "day"> | null {
  const first = dateFirstYear.exec(text);
  if (first) return { year: Number(first[1]), month: Number(first[2]), day: Number(first[3]) };
  // Day first, as written in French and in most of the places Vigil serves.
  const last = dateLastYear.exec(text);
  if (last) return { year: Number(last[3]), month: Number(last[2]), day: Number(last[1]) };
  return null;
}

function readTime(text: string): Pick<Wall, "hour" | "minute" | "second"> | null {
  if (text === "") return { hour: 0, minute: 0, second: 0 };
  const match = timeOnly.exec(text);
  return match ? { hour: Number(match[1]), minute: Number(match[2]), second: Number(match[3] ?? 0) } : null;
}

const expected =
  "is not a date and time: write it as 2026-05-17 14:30 or 17/05/2026 14:30 (local time, read in the time zone), or 2026-05-17T14:30:00+03:00";

/**
 * When an incident occurred, from one date-and-time cell or from separate date and time cells.
 * Returns ISO 8601 with an offset; `timeZone` is needed for local times only.
 */
export function readOccurredAt(dateText: string, timeText: string | null, timeZone: string | null): Read<string> {
  const text = dateText.trim();
  const withOffset = timeText === null ? isoWithOffset.exec(text) : null;
  if (withOffset) {
    const [, year, month, day, hour, minute, second = "00", fraction = "", zone] = withOffset;
    const wall = { year: Number(year), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) };
    if (!isRealDate(wall)) return { message: expected };
    const offset = zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
    return { value: `${year}-${month}-${day}T${pad(wall.hour)}:${minute}:${second}${fraction}${offset}` };
  }
  let datePart = text;
  let timePart = timeText?.trim() ?? "";
  if (timeText === null) {
    const split = /^([^\sT]+)(?:[T\s]+(\S+))?$/i.exec(text);
    if (!split) return { message: expected };
    datePart = split[1];
    timePart = split[2] ?? "";
  }
  const date = readDate(datePart);
  const time = readTime(timePart);
  if (!date || !time || !isRealDate({ ...date, ...time })) return { message: expected };
  if (!timeZone) return { message: "is a local time, so the row needs a time zone (a time zone column or the import's default)" };
  const iso = localToIso({ ...date, ...time }, timeZone);
  return iso ? { value: iso } : { message: "is a local time, but the time zone is not a known IANA name" };
}
