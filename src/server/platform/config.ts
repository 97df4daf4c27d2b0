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

const positiveWhole = (what: string, max: number) =>
  z.coerce
    .number({ message: `must be a number of ${what}` })
    .int({ message: `must be a whole number of ${what}` })
    .min(1, { message: "must be at least 1" })
    .max(max, { message: `must be at most ${max}` });

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
  // http(s) only: z.url() alone accepts "localhost:8080" (scheme "localhost") and "javascript:".
  BASE_URL: z
    .url({ protocol: /^https?$/, message: "must be an absolute http:// or https:// URL such as https://vigil.example.org" })
    .optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
  FLASH_ALERT_CASUALTIES: positiveWhole("people", 10_000).default(massCasualtyThreshold),
  DELIVERY_MAX_ATTEMPTS: positiveWhole("attempts", 100).default(10),
  DELIVERY_RETRY_SECONDS: positiveWhole("seconds", 86_400).default(30),
  // Scheduled background jobs (overdue measures…) on this node; "off" for a node that only serves.
  JOBS: z.enum(["on", "off"], { message: "must be on or off" }).default("on"),
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
  baseUrl: string;
  logLevel: z.infer<typeof configSchema>["LOG_LEVEL"];
  sessionHours: number;
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
};

export class ConfigError extends Error {}

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
    baseUrl,
    logLevel: env.LOG_LEVEL,
    sessionHours: env.SESSION_HOURS,
    mailFrom: env.MAIL_FROM,
    isSecureCookie: baseUrl.startsWith("https://"),
    mapStyleUrl: env.MAP_STYLE_URL,
    flashAlert: flashAlertSettings(env.FLASH_ALERT_CATEGORIES, env.FLASH_ALERT_CASUALTIES),
    delivery: { maxAttempts: env.DELIVERY_MAX_ATTEMPTS, retrySeconds: env.DELIVERY_RETRY_SECONDS },
    isJobsOn: env.JOBS === "on",
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
