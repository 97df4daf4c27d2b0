/**
 * Time-zone checks shared by the incident schema, the taxonomy rules, imports and the generator.
 * Building an Intl formatter costs about 0.1 ms, several times per incident, so one formatter
 * per zone is kept for the life of the process (there are a few hundred zones at most).
 */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterOf(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    try {
      formatters.set(timeZone, new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }));
    } catch {
      formatters.set(timeZone, null);
    }
  }
  return formatters.get(timeZone) ?? null;
}

/** An IANA zone name the runtime knows. Newer runtimes accept bare offsets ("+03:00") as zones: an offset is not a place's zone. */
export function isKnownTimeZone(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) && formatterOf(name) !== null;
}

/** The zone's UTC offset in minutes at an instant, or null for a zone the runtime does not know. */
export function offsetAt(timeZone: string, instant: number): number | null {
  const name = formatterOf(timeZone)
    ?.formatToParts(new Date(instant))
    .find((part) => part.type === "timeZoneName")?.value;
  const match = name ? /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name) : null;
  if (!match) return null;
  if (!match[1]) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
