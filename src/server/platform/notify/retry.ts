import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { Config } from "../config.ts";

/** How long a claimed row is left alone: a node that dies while sending frees it after this. */
export const claimLeaseSeconds = 300;

const longestDelaySeconds = 6 * 3600;

/** Exponential backoff: the configured first delay, doubled after each failed attempt, capped at six hours. */
export function retryDelaySeconds(config: Pick<Config, "delivery">, attempts: number): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 20);
  return Math.min(config.delivery.retrySeconds * 2 ** exponent, longestDelaySeconds);
}

/** Seconds from the database's now to the earliest time in the column (negative when overdue; null for none). */
export function secondsUntilEarliest(column: AnyColumn): SQL<string | null> {
  return sql<string | null>`extract(epoch from (min(${column}) - now()))`;
}

/** An error as one short line for `lastError`. */
export function shortError(error: unknown): string {
  // fetch reports "fetch failed" and puts the reason (ECONNREFUSED…) in `cause`.
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  const text = error instanceof Error ? `${error.message}${cause}` : String(error);
  return text.replace(/\s+/g, " ").trim().slice(0, 500) || "unknown error";
}
