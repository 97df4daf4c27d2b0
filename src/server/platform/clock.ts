/**
 * The one source of "now" for business rules, so tests can move time without waiting.
 * Production never changes it.
 */
export const clock = {
  now: (): Date => new Date(),
};

export function todayIso(): string {
  return clock.now().toISOString().slice(0, 10);
}
