import { createHmac, timingSafeEqual } from "node:crypto";
import { namedSecret } from "../../../platform/auth/named-secret.ts";
import type { Database } from "../../../platform/db/database.ts";

/**
 * The one-tap reply link of a check-in (issue 14 §4): `<recipient id in base 36>.<MAC>`, where the
 * MAC is the first 96 bits of HMAC-SHA256 over the recipient id with a key kept in the database.
 * It names one person's place in one message and nothing else, fits an SMS (about 25 characters),
 * and cannot be made or changed without the key; whether the check-in is still open is the
 * database's to say. A forged or altered token is simply not a recipient.
 */
const macBytes = 12;
const tokenPattern = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{16})$/;

const macOf = (secret: Buffer, recipientId: number) => createHmac("sha256", secret).update(`checkin-reply:${recipientId}`).digest().subarray(0, macBytes);

export async function replyTokenSigner(database: Database): Promise<(recipientId: number) => string> {
  const secret = await namedSecret(database, "checkin_reply");
  return (recipientId) => `${recipientId.toString(36)}.${macOf(secret, recipientId).toString("base64url")}`;
}

/** The recipient a token names, or null for anything that is not a token this deployment made. */
export async function recipientOfToken(database: Database, token: string): Promise<number | null> {
  const match = tokenPattern.exec(token);
  if (!match) return null;
  const recipientId = Number.parseInt(match[1], 36);
  if (!Number.isSafeInteger(recipientId) || recipientId <= 0) return null;
  const given = Buffer.from(match[2], "base64url");
  const expected = macOf(await namedSecret(database, "checkin_reply"), recipientId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? recipientId : null;
}
