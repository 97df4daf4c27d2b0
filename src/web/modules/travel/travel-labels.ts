import { intlLocale } from "../../app/format.ts";

/**
 * The travel API's enumerations the web shows in words (travel.*.json keys). The server's own lists
 * live in its tables, which the web may not import: these repeat them, and the translation test
 * checks each value has its words.
 */
export const requestStatuses = ["under_review", "blocked", "changes_requested", "cleared", "refused", "notified", "cancelled"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const legStatuses = ["review", "blocked", "changes_requested", "cleared", "refused", "notified"] as const;
export type LegStatus = (typeof legStatuses)[number];

export const stepActions = [
  "filed",
  "evaluated",
  "cleared",
  "cleared_with_conditions",
  "refused",
  "changes_requested",
  "re_evaluated",
  "acknowledged",
  "cancelled",
] as const;
export type StepAction = (typeof stepActions)[number];

/** Badge colours: waiting is orange, stopped red, cleared green, the rest grey or blue. */
export const requestStatusColours: Record<RequestStatus, string> = {
  under_review: "orange",
  blocked: "red",
  changes_requested: "yellow",
  cleared: "green",
  refused: "red",
  notified: "blue",
  cancelled: "gray",
};

export const legStatusColours: Record<LegStatus, string> = {
  review: "orange",
  blocked: "red",
  changes_requested: "yellow",
  cleared: "green",
  refused: "red",
  notified: "blue",
};

const localFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A leg's time as the traveller typed it ("YYYY-MM-DDTHH:MM", the place's own clock): shown as
 * written, never moved into the reader's time zone.
 */
export function formatLocal(value: string, language: string): string {
  const key = language;
  let format = localFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
    localFormats.set(key, format);
  }
  const date = new Date(`${value}:00Z`);
  return Number.isNaN(date.getTime()) ? value : format.format(date);
}

/** A trip's day of departure or return, in the reader's own calendar. */
export function formatDay(value: string, language: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat(intlLocale(language), { day: "numeric", month: "short", year: "numeric" }).format(date);
}
