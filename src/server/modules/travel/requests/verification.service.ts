import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { isClearanceValid } from "../../../../core/travel/clearance-verification.ts";
import { type ThrottleKey, clearThrottle, reserveAttempt, throttlePolicies } from "../../../platform/auth/login-throttle.ts";
import { clock } from "../../../platform/clock.ts";
import type { Database } from "../../../platform/db/database.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import { travelRequests } from "./requests.tables.ts";

/**
 * The verification of a clearance by the token its PDF's QR code carries (issue 13 §3). Public:
 * whoever holds the paper may check it. The token is 256 random bits, so it cannot be guessed;
 * still, unknown tokens are throttled per client address exactly as failed sign-ins are
 * (platform/auth/login-throttle.ts: twenty free, then growing waits), so the page cannot be
 * used to probe for tokens or to load the database from one address.
 */

/** The public address a clearance's QR code carries (BASE_URL: what a phone outside can reach). */
export function verificationUrl(database: Database, token: string): string {
  return `${appConfigOf(database).baseUrl.replace(/\/+$/, "")}/verify/clearance/${token}`;
}

/** A new token, drawn each time a trip becomes cleared (43 URL-safe characters). */
export const newVerificationToken = () => randomBytes(32).toString("base64url");

const tokenShape = /^[A-Za-z0-9_-]{32,128}$/;
const addressKey = (address: string): ThrottleKey => ({ key: `verify:${address}`, policy: throttlePolicies.address });

export type Verification = { number: string | null; isValid: boolean; checkedAt: string };

/**
 * Whether the clearance is valid now. `number` is null for an unknown token (the caller answers
 * 404). A known token only gives back its own reservation on the address, as a correct password
 * does: the unknown ones keep counting.
 */
export async function verifyClearance(database: Database, token: string, client: { address: string; requestId: string }): Promise<Verification> {
  const key = addressKey(client.address);
  await reserveAttempt(database, [key], { requestId: client.requestId, userId: null });
  const now = clock.now();
  const [trip] = tokenShape.test(token)
    ? await database.db
        .select({ number: travelRequests.number, status: travelRequests.status, returnsAt: travelRequests.returnsAt })
        .from(travelRequests)
        .where(eq(travelRequests.verificationToken, token))
    : [];
  if (trip) await clearThrottle(database, [key]);
  return { number: trip?.number ?? null, isValid: trip ? isClearanceValid(trip, now) : false, checkedAt: now.toISOString() };
}
