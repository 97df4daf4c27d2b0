import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Database } from "../db/database.ts";
import { namedSecret } from "./named-secret.ts";

/**
 * Device cookies (OWASP "Slow brute force attacks: device cookies"): a browser that signed in to
 * an account gets `<nonce>.<HMAC(secret, userId.nonce)>`. Attempts that carry a valid one for the
 * account are counted against that browser only, so strangers' guesses cannot lock the user out.
 * The user id is in the signature, not in the cookie: the cookie names no account.
 */
export const deviceCookie = "vigil_device";
export const deviceCookieDays = 365;

/** The HMAC key, one per database (shared by every node). */
const deviceSecret = (database: Database) => namedSecret(database, "device_cookie");

const sign = (secret: Buffer, userId: string, nonce: string) => createHmac("sha256", secret).update(`${userId}.${nonce}`).digest();

export async function newDeviceCookie(database: Database, userId: string): Promise<string> {
  const nonce = randomBytes(16).toString("base64url");
  return `${nonce}.${sign(await deviceSecret(database), userId, nonce).toString("base64url")}`;
}

/** The cookie's nonce when it was issued to this account's browser, else null. */
export async function deviceNonce(database: Database, userId: string, value: string | undefined): Promise<string | null> {
  const [nonce, signature, ...rest] = (value ?? "").split(".");
  if (!nonce || !signature || rest.length || nonce.length > 64) return null;
  const expected = sign(await deviceSecret(database), userId, nonce);
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected) ? nonce : null;
}
