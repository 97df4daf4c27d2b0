import { recordAudit } from "../audit/audit.service.ts";
import type { Database } from "../db/database.ts";
import { AppError } from "../http/errors.ts";

/**
 * Throttling of password guesses (sign-in, and the current password when changing it), instead of
 * a lockout that anyone knowing an e-mail address could trigger (OWASP, "Blocking brute force
 * attacks": growing delays, and device cookies so that strangers cannot lock the real user out).
 *
 * Each key allows `free` failures, then every further attempt waits `baseSeconds`, doubled after
 * each failure, at most `capSeconds`. Failures are forgotten a day after the last one.
 */
export type ThrottlePolicy = { free: number; baseSeconds: number; capSeconds: number };

export const throttlePolicies = {
  /** An e-mail address, whether or not an account has it: fed by anyone without a device cookie. */
  account: { free: 5, baseSeconds: 60, capSeconds: 900 },
  /** A browser holding a device cookie for the account: fed only by that browser. */
  device: { free: 5, baseSeconds: 60, capSeconds: 900 },
  /** The client's address (TRUSTED_PROXIES decides whether X-Forwarded-For is believed). */
  address: { free: 20, baseSeconds: 60, capSeconds: 900 },
} satisfies Record<string, ThrottlePolicy>;

export type ThrottleKey = { key: string; policy: ThrottlePolicy };

export const accountKey = (email: string): ThrottleKey => ({ key: `account:${email.trim().toLowerCase()}`, policy: throttlePolicies.account });
export const addressKey = (address: string): ThrottleKey => ({ key: `address:${address}`, policy: throttlePolicies.address });
export const deviceKey = (userId: string, nonce: string): ThrottleKey => ({ key: `device:${userId}:${nonce}`, policy: throttlePolicies.device });

/** The same answer whether or not the account exists, so the throttle does not reveal accounts. */
export class ThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "throttled", "Too many failed attempts. Wait before trying again.");
  }
}

const forgetAfter = "1 day";

/** The failure count after this attempt: restarts when the last failure is older than a day. */
const nextFailures = `case when t.updated_at < now() - interval '${forgetAfter}' then 1 else t.failures + 1 end`;
const delayFor = (failures: string) =>
  `make_interval(secs => case when ${failures} < $2::int then 0 else least($4::int, $3::int * power(2, ${failures} - $2::int)) end)`;

/**
 * Counts the attempt against the key in ONE statement, BEFORE the password is checked, and only
 * if the key is not waiting: concurrent attempts serialise on the row, so no more guesses are
 * checked than the policy allows. Returns null when the key is waiting.
 */
const reserveStatement = `
insert into login_throttle as t (key, failures, next_allowed_at, updated_at)
values ($1, 1, now() + ${delayFor("1")}, now())
on conflict (key) do update set
  failures = ${nextFailures},
  next_allowed_at = now() + ${delayFor(`(${nextFailures})`)},
  updated_at = now()
where t.next_allowed_at <= now()
returning failures`;

async function waitSeconds(database: Database, keys: ThrottleKey[]): Promise<number> {
  const [row] = await database.query<{ seconds: number | null }>(
    "select ceil(extract(epoch from max(next_allowed_at) - now()))::int as seconds from login_throttle where key = any($1) and next_allowed_at > now()",
    [keys.map((item) => item.key)],
  );
  return row?.seconds ?? 0;
}

export type ThrottleAudit = { requestId: string | null; userId: string | null };

/**
 * Admits one password check for all the keys, or throws ThrottledError. A refused attempt is
 * not counted; an admitted one counts as a failure until `clearThrottle` forgets it.
 */
export async function reserveAttempt(database: Database, keys: ThrottleKey[], audit: ThrottleAudit): Promise<void> {
  const waiting = await waitSeconds(database, keys);
  if (waiting > 0) throw new ThrottledError(waiting);
  for (const { key, policy } of keys) {
    const [row] = await database.query<{ failures: number }>(reserveStatement, [key, policy.free, policy.baseSeconds, policy.capSeconds]);
    // Another attempt got there first and made the key wait.
    if (!row) throw new ThrottledError(Math.max(1, await waitSeconds(database, keys)));
    if (row.failures === policy.free) await auditThrottling(database, key, row.failures, audit);
  }
}

/** The moment a key starts to wait is audited, as the lockout it replaces was. */
async function auditThrottling(database: Database, key: string, failures: number, audit: ThrottleAudit) {
  const isAccount = key.startsWith("account:") || key.startsWith("device:");
  await recordAudit(
    database.db,
    { actor: { userId: null, displayName: "system" }, requestId: audit.requestId },
    {
      action: "login_throttled",
      entityType: isAccount && audit.userId ? "user" : "login_throttle",
      entityId: isAccount && audit.userId ? audit.userId : key,
      changes: { key: { from: null, to: key }, failures: { from: null, to: failures } },
    },
  );
}

/**
 * A correct password forgets the account's and device's failures, and takes back its own
 * reservation on the address; the address's other failures stay (signing in to one's own account
 * must not wipe the count of guesses made at others from the same place).
 */
export async function clearThrottle(database: Database, keys: ThrottleKey[]): Promise<void> {
  const isAddress = (item: ThrottleKey) => item.policy === throttlePolicies.address;
  await database.query("delete from login_throttle where key = any($1)", [keys.filter((item) => !isAddress(item)).map((item) => item.key)]);
  await database.query("update login_throttle set failures = greatest(failures - 1, 0) where key = any($1)", [
    keys.filter(isAddress).map((item) => item.key),
  ]);
  // Old rows are removed opportunistically rather than by a separate job.
  await database.query(`delete from login_throttle where updated_at < now() - interval '${forgetAfter}' and next_allowed_at < now()`);
}

/** Forgets an account's failures, from strangers and from its devices (an administrator's password reset). */
export async function clearAccountThrottle(database: Database, email: string, userId: string): Promise<void> {
  await database.query("delete from login_throttle where key = $1 or key like $2", [accountKey(email).key, `device:${userId}:%`]);
}

/** When the account-wide key lets the next attempt through; null when it is not waiting. */
export async function accountWaitsUntil(database: Database, email: string): Promise<Date | null> {
  const [row] = await database.query<{ next_allowed_at: Date | string }>(
    "select next_allowed_at from login_throttle where key = $1 and next_allowed_at > now()",
    [accountKey(email).key],
  );
  return row ? new Date(row.next_allowed_at) : null;
}
