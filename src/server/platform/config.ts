import path from "node:path";
import { z } from "zod";

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
  };
}
