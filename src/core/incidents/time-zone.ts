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

// "1/31/2026, GMT+03:00": the zone's name is the last part. An offset with seconds (local mean
// time before about 1970, as "GMT-00:44:30") does not match, as it never did with formatToParts.
const offsetName = /, GMT(?:([+-])(\d{2}):(\d{2}))?$/;

/**
 * The offset as Intl states it. `format` and a pattern cost a third of `formatToParts` (no
 * array of parts per call); the test checks both read the same offset.
 */
function computeOffset(formatter: Intl.DateTimeFormat, instant: number): number | null {
  const match = offsetName.exec(formatter.format(instant));
  if (!match) return null;
  if (!match[1]) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

/**
 * Offsets already computed, per zone and exact instant. An imported local time asks for the
 * same instant two or three times (reading it, then the time-zone rule), and rows of a file
 * often share a time (dates without a time are midnight). Exact instants, not ranges: a range
 * would have to assume where the zone's transitions are. Bounded (a few MB at most), so a
 * long-running server does not keep every instant it has seen.
 */
const offsets = new Map<string, Map<number, number | null>>();
const offsetsKept = 50_000;
let offsetsCount = 0;

/** The zone's UTC offset in minutes at an instant, or null for a zone the runtime does not know. */
export function offsetAt(timeZone: string, instant: number): number | null {
  let known = offsets.get(timeZone);
  const cached = known?.get(instant);
  if (cached !== undefined) return cached;
  const formatter = formatterOf(timeZone);
  if (!formatter) return null;
  const offset = computeOffset(formatter, instant);
  if (offsetsCount >= offsetsKept) {
    offsets.clear();
    offsetsCount = 0;
    known = undefined;
  }
  if (!known) {
    known = new Map();
    offsets.set(timeZone, known);
  }
  known.set(instant, offset);
  offsetsCount += 1;
  return offset;
}
