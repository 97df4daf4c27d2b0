import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";
import { massCasualtyThreshold } from "../../core/incidents/incident-rules.ts";
import { defaultCriticalCategoryCodes, findCategory } from "../../core/incidents/incident-taxonomy.data.ts";

/** Kinds of flash alert besides category codes (see `criticalReasons` in core). */
const flashAlertReasonKinds = ["mass_casualty", "attack_on_premises"] as const;

/**
 * FLASH_ALERT_CATEGORIES: comma-separated category codes, plus `mass_casualty` and
 * `attack_on_premises`, that raise a flash alert when submitted; `none` for no alerts.
 */
const flashAlertKinds = z
  .string()
  .transform((text) => text.split(",").map((item) => item.trim()).filter(Boolean))
  .superRefine((items, issues) => {
    if (items.length === 1 && items[0] === "none") return;
    const unknown = items.filter((item) => !findCategory(item) && !(flashAlertReasonKinds as readonly string[]).includes(item));
    if (unknown.length) {
      issues.addIssue({
        code: "custom",
        message: `names no incident category: ${unknown.join(", ")} (give category codes, mass_casualty, attack_on_premises, or none)`,
      });
    }
  });

/** A whole number of `what` (the unit, named in the messages) from `min` to `max`. */
const whole = (what: string, min: number, max: number) =>
  z.coerce
    .number({ message: `must be a number of ${what}` })
    .int({ message: `must be a whole number of ${what}` })
    .min(min, { message: min === 0 ? "must be 0 or more" : `must be at least ${min}` })
    .max(max, { message: `must be at most ${max} ${what}` });

const positiveWhole = (what: string, max: number) => whole(what, 1, max);

/** Seconds an answer or a session may be reused (0: off). */
const cacheSeconds = (fallback: number) => whole("seconds", 0, 300).default(fallback);

/** An IPv4 or IPv6 address, optionally with a /prefix (CIDR). */
function isAddressOrCidr(item: string): boolean {
  const [address, prefix, ...rest] = item.split("/");
  if (rest.length) return false;
  const family = isIP(address);
  if (!family) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUSTED_PROXIES: comma-separated addresses or CIDRs of the reverse proxies in front of Vigil.
 * X-Forwarded-For is believed only when the request comes from one of them (sign-in throttling
 * counts per client address, so a header anyone can send must not choose the address).
 */
const trustedProxies = z
  .string()
  .transform((text) => text.split(",").map((item) => item.trim()).filter(Boolean))
  .superRefine((items, issues) => {
    const bad = items.filter((item) => !isAddressOrCidr(item));
    if (bad.length) {
      issues.addIssue({ code: "custom", message: `is not an IP address or CIDR range: ${bad.join(", ")} (e.g. 10.0.0.5,192.168.0.0/24)` });
    }
  });

/** Start-up configuration, from environment variables, validated with a clear message. */
const configSchema = z.object({
  PORT: z.coerce
    .number({ message: "must be a port number between 1 and 65535" })
    .int({ message: "must be a whole number" })
    .min(1, { message: "must be a port number between 1 and 65535" })
    .max(65535, { message: "must be a port number between 1 and 65535" })
    .default(8080),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  // The operator's SMPP server (issue 14 §4): smpp://system_id:password@host:port (smpps:// over TLS).
  SMPP_URL: z
    .string()
    .regex(/^smpps?:\/\/[^/]+$/, "must be smpp://system_id:password@host:port or smpps://…")
    .optional(),
  // The sender shown on SMS: up to 11 letters and digits, or a number.
  SMS_SENDER: z
    .string()
    .regex(/^([A-Za-z0-9 ]{1,11}|\+?\d{3,15})$/, "must be up to 11 letters and digits, or a phone number")
    .default("VIGIL"),
  // http(s) only: z.url() alone accepts "localhost:8080" (scheme "localhost") and "javascript:".
  BASE_URL: z
    .url({ protocol: /^https?$/, message: "must be an absolute http:// or https:// URL such as https://vigil.example.org" })
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // pretty: one readable line per request, for a person at a console; json: one JSON object per line,
  // for log collectors. Unset: pretty on a terminal unless NODE_ENV=production (platform/http/console-log.ts).
  LOG_FORMAT: z.enum(["pretty", "json"], { message: "must be pretty or json" }).optional(),
  // Seconds a session read on the embedded database is reused (platform/auth/session-cache.ts); 0: never.
  SESSION_CACHE_SECONDS: cacheSeconds(10),
  RESPONSE_CACHE_SECONDS: cacheSeconds(30),
  SESSION_HOURS: z.coerce
    .number({ message: "must be a number of hours" })
    .int({ message: "must be a whole number of hours" })
    .min(1, { message: "must be at least 1 hour" })
    .max(24 * 30, { message: "must be at most 720 hours (30 days)" })
    .default(12),
  MAIL_FROM: z.string().default("Vigil <vigil@localhost>"),
  // The incident map's base: a MapLibre style JSON URL, or a raster tile URL with {z}/{x}/{y}.
  // Unset: the offline world outline shipped with Vigil.
  MAP_STYLE_URL: z
    .url({ protocol: /^https?$/, message: "must be an absolute http:// or https:// URL of a MapLibre style or of raster tiles ({z}/{x}/{y})" })
    .optional(),
  FLASH_ALERT_CATEGORIES: flashAlertKinds.optional(),
  TRUSTED_PROXIES: trustedProxies.optional(),
  FLASH_ALERT_CASUALTIES: positiveWhole("people", 10_000).default(massCasualtyThreshold),
  DELIVERY_MAX_ATTEMPTS: positiveWhole("attempts", 100).default(10),
  DELIVERY_RETRY_SECONDS: positiveWhole("seconds", 86_400).default(30),
  // Scheduled background jobs (overdue measures…) on this node; "off" for a node that only serves.
  JOBS: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
  // Trips re-evaluated within the request that changed an area's rules, level or suspensions (or an
  // air operator); more go to a background job (when JOBS=on), so the request answers at once.
  REEVALUATION_INLINE_TRIPS: whole("trips", 0, 100_000).default(50),
  // Signed checkpoints of the audit chain's head (platform/audit/audit-anchor.ts): where they are
  // appended, the key that signs them (default: a random key created 0600 in DATA_DIR), how often.
  AUDIT_ANCHOR_FILE: z.string().min(1).optional(),
  AUDIT_ANCHOR_KEY: z.string().min(32, { message: "must hold at least 32 characters (e.g. openssl rand -hex 32)" }).optional(),
  AUDIT_ANCHOR_MINUTES: positiveWhole("minutes", 1440).default(5),
  // The embedded database's durability (src/server/platform/db/pglite-open.ts): full = no
  // acknowledged write lost on a power cut; fast = fsync off (PGlite's own default).
  PGLITE_DURABILITY: z.enum(["full", "fast"], { message: "must be full or fast" }).default("full"),
  // Read by bin/vigil.js, which starts the server with it (V8 fixes its heap size at start-up);
  // checked here so that a bad value stops the server with the others. Bounds as in bin/heap-limit.js.
  VIGIL_HEAP_MB: positiveWhole("megabytes", 1_048_576).pipe(z.number().min(128, { message: "must be at least 128 (megabytes)" })).optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  /** SMS through the operator's SMPP server; undefined: SMS waits in its outbox. */
  smppUrl: string | undefined;
  smsSender: string;
  baseUrl: string;
  logLevel: z.infer<typeof configSchema>["LOG_LEVEL"];
  /** How the log is written; undefined: chosen from the console (see logFormatOf). */
  logFormat: "pretty" | "json" | undefined;
  sessionHours: number;
  /** Embedded database only: seconds a session read is reused; 0 turns the cache off. */
  sessionCacheSeconds: number;
  /** How long an answer may be reused while no data changes (platform/http/response-cache.ts); 0: never. */
  responseCacheSeconds: number;
  mailFrom: string;
  isSecureCookie: boolean;
  /** The incident map's base style or tile URL; undefined for the offline world outline. */
  mapStyleUrl: string | undefined;
  /** What raises a flash alert when an incident is submitted. */
  flashAlert: { categoryCodes: string[]; isMassCasualty: boolean; isAttackOnPremises: boolean; massCasualtyThreshold: number };
  /** Outgoing e-mail and webhooks: attempts before giving up, and the first retry delay (doubled each time). */
  delivery: { maxAttempts: number; retrySeconds: number };
  /** Whether this node runs the scheduled background jobs (pg-boss; several nodes never run one twice). */
  isJobsOn: boolean;
  /** Trips re-evaluated inside the request that changed what they depend on; more are queued (travel). */
  reEvaluationInlineTrips: number;
  /** Audit anchors: the append-only file, the signing key (or the file that holds it), the interval. */
  auditAnchor: { file: string; key: string | undefined; keyFile: string; minutes: number };
  /** Reverse proxies whose X-Forwarded-For is believed (addresses or CIDRs); empty: none. */
  trustedProxies: string[];
  /** PGlite only: whether commits are flushed to the disk (full) or left to the OS (fast). */
  pgliteDurability: "full" | "fast";
};

export class ConfigError extends Error {}

/**
 * BASE_URL on PostgreSQL (issue 11, item 18). Without it each node puts its own
 * http://localhost:PORT into the links of e-mails and notifications, which no reader can open.
 * With the embedded database there is one node, often a trial on the same machine, and the
 * default serves. On PostgreSQL `vigil serve` warns at start; with NODE_ENV=production, where
 * a silently broken link in every flash alert is worse than a server that does not start, it
 * refuses. Checked by `serve` only: the other commands (backup, user…) write no links.
 */
export function baseUrlCheck(environment: NodeJS.ProcessEnv = process.env): { isRefused: boolean; message: string } | null {
  const isSet = (name: string) => (environment[name] ?? "") !== "";
  if (!isSet("DATABASE_URL") || isSet("BASE_URL")) return null;
  const consequence =
    "links in e-mails and notifications (flash alerts, overdue measures, security levels) then point to this node's own http://localhost address, which no reader can open";
  if (environment.NODE_ENV === "production") {
    return { isRefused: true, message: `Invalid configuration:\n  BASE_URL: is required on PostgreSQL (DATABASE_URL) when NODE_ENV=production: ${consequence}. Set it to the address people use, such as https://vigil.example.org` };
  }
  return { isRefused: false, message: `WARN BASE_URL is not set on PostgreSQL (DATABASE_URL): ${consequence}. Set BASE_URL to the address people use, such as https://vigil.example.org (required when NODE_ENV=production)` };
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const values = Object.fromEntries(
    Object.entries(environment).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = configSchema.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  const baseUrl = env.BASE_URL ?? `http://localhost:${env.PORT}`;
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir: path.resolve(env.DATA_DIR),
    databaseUrl: env.DATABASE_URL,
    smtpUrl: env.SMTP_URL,
    smppUrl: env.SMPP_URL,
    smsSender: env.SMS_SENDER,
    baseUrl,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    sessionHours: env.SESSION_HOURS,
    sessionCacheSeconds: env.SESSION_CACHE_SECONDS,
    responseCacheSeconds: env.RESPONSE_CACHE_SECONDS,
    mailFrom: env.MAIL_FROM,
    isSecureCookie: baseUrl.startsWith("https://"),
    mapStyleUrl: env.MAP_STYLE_URL,
    flashAlert: flashAlertSettings(env.FLASH_ALERT_CATEGORIES, env.FLASH_ALERT_CASUALTIES),
    delivery: { maxAttempts: env.DELIVERY_MAX_ATTEMPTS, retrySeconds: env.DELIVERY_RETRY_SECONDS },
    isJobsOn: env.JOBS === "on",
    reEvaluationInlineTrips: env.REEVALUATION_INLINE_TRIPS,
    auditAnchor: {
      file: path.resolve(env.AUDIT_ANCHOR_FILE ?? path.join(env.DATA_DIR, "audit-anchors.jsonl")),
      key: env.AUDIT_ANCHOR_KEY,
      keyFile: path.resolve(env.DATA_DIR, "audit-anchor.key"),
      minutes: env.AUDIT_ANCHOR_MINUTES,
    },
    trustedProxies: env.TRUSTED_PROXIES ?? [],
    pgliteDurability: env.PGLITE_DURABILITY,
  };
}

function flashAlertSettings(kinds: string[] | undefined, threshold: number): Config["flashAlert"] {
  const chosen = kinds ?? [...defaultCriticalCategoryCodes, ...flashAlertReasonKinds];
  return {
    categoryCodes: chosen.filter((kind) => findCategory(kind) !== undefined),
    isMassCasualty: chosen.includes("mass_casualty"),
    isAttackOnPremises: chosen.includes("attack_on_premises"),
    massCasualtyThreshold: threshold,
  };
}
