/**
 * "1 Jan 2026 – 31 Dec 2026" that never overflows a phone card: each date stays on one line, the
 * dash stays with the first one (a no-break space before it), and the second date goes to the
 * next line when both do not fit. A range kept whole on one line ran past the edge at 360 px.
 */
export function DateRange({ from, to }: { from: string; to: string }) {
  return (
    <span>
      <span style={{ whiteSpace: "nowrap" }}>{from}{"\u00a0–"}</span> <span style={{ whiteSpace: "nowrap" }}>{to}</span>
    </span>
  );
}
