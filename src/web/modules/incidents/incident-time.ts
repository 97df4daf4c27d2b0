/**
 * Wall-clock time in a named time zone ↔ an instant. The form asks for the local date and time
 * where the incident happened (what the reporter saw), with that place's time zone; the API
 * takes an ISO instant. Sending it in UTC ("Z") states no local offset, which the API always accepts.
 */

/** The zone's UTC offset in minutes at an instant, or null for a zone the browser does not know. */
export function zoneOffsetMinutes(timeZone: string, instant: number): number | null {
  try {
    const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(new Date(instant))
      .find((part) => part.type === "timeZoneName")?.value;
    const match = name ? /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name) : null;
    if (!match) return null;
    if (!match[1]) return 0;
    return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  } catch {
    return null;
  }
}

/** "2026-03-02" + "08:15" in Africa/Bamako → "2026-03-02T08:15:00.000Z"; null when incomplete. */
export function localToIso(date: string, time: string, timeZone: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const clock = /^(\d{2}):(\d{2})/.exec(time);
  if (!match || !clock) return null;
  const wall = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(clock[1]), Number(clock[2]));
  // Two passes: the offset may differ between the wall time read as UTC and the real instant (DST).
  const first = zoneOffsetMinutes(timeZone, wall);
  if (first === null) return null;
  const second = zoneOffsetMinutes(timeZone, wall - first * 60_000) ?? first;
  return new Date(wall - second * 60_000).toISOString();
}

/** The local date and time of an instant in a zone: ["2026-03-02", "08:15"]. */
export function isoToLocal(iso: string, timeZone: string): [string, string] {
  const text = new Intl.DateTimeFormat("sv-SE", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
  const [date, time] = text.split(" ");
  return [date, time.slice(0, 5)];
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

let zones: string[] | null = null;
/** Every IANA zone the browser knows, for the time zone picker. */
export function timeZoneNames(): string[] {
  if (!zones) {
    const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
    zones = supported ? supported("timeZone") : [browserTimeZone(), "UTC"];
    if (!zones.includes("UTC")) zones = [...zones, "UTC"];
  }
  return zones;
}
