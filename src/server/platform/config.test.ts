import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultCriticalCategoryCodes } from "../../core/incidents/incident-taxonomy.data.ts";
import { ConfigError, baseUrlCheck, loadConfig } from "./config.ts";

function configError(environment: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("starts with sensible defaults on an empty environment", () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: "0.0.0.0",
      dataDir: path.resolve("./data"),
      databaseUrl: undefined,
      smtpUrl: undefined,
      smppUrl: undefined,
      smsSender: "VIGIL",
      baseUrl: "http://localhost:8080",
      logLevel: "info",
      sessionHours: 12,
      sessionCacheSeconds: 10,
      responseCacheSeconds: 30,
      mailFrom: "Vigil <vigil@localhost>",
      isSecureCookie: false,
      flashAlert: {
        categoryCodes: [...defaultCriticalCategoryCodes],
        isMassCasualty: true,
        isAttackOnPremises: true,
        massCasualtyThreshold: 5,
      },
      delivery: { maxAttempts: 10, retrySeconds: 30 },
      isJobsOn: true,
      reEvaluationInlineTrips: 50,
      auditAnchor: { file: path.resolve("./data/audit-anchors.jsonl"), key: undefined, keyFile: path.resolve("./data/audit-anchor.key"), minutes: 5 },
      pgliteDurability: "full",
      trustedProxies: [],
    });
  });

  it("reads the SMPP server and the SMS sender, refusing another scheme and a sender too long by name", () => {
    expect(loadConfig({ SMPP_URL: "smpp://vigil:secret@smsc.example:2775", SMS_SENDER: "UNDSS Mali" })).toMatchObject({ smppUrl: "smpp://vigil:secret@smsc.example:2775", smsSender: "UNDSS Mali" });
    expect(() => loadConfig({ SMPP_URL: "http://smsc.example" })).toThrow(/SMPP_URL/);
    expect(() => loadConfig({ SMS_SENDER: "A sender far too long" })).toThrow(/SMS_SENDER/);
  });

  it("reads the audit anchor settings, refusing a short key and a zero interval by name", () => {
    const key = "k".repeat(32);
    expect(loadConfig({ DATA_DIR: "/srv/vigil", AUDIT_ANCHOR_FILE: "/var/log/vigil/anchors.jsonl", AUDIT_ANCHOR_KEY: key, AUDIT_ANCHOR_MINUTES: "15" }).auditAnchor).toEqual({
      file: "/var/log/vigil/anchors.jsonl",
      key,
      keyFile: "/srv/vigil/audit-anchor.key",
      minutes: 15,
    });
    expect(() => loadConfig({ AUDIT_ANCHOR_KEY: "short" })).toThrow(/AUDIT_ANCHOR_KEY: must hold at least 32 characters/);
    expect(() => loadConfig({ AUDIT_ANCHOR_MINUTES: "0" })).toThrow(/AUDIT_ANCHOR_MINUTES: must be at least 1/);
  });

  it("flushes embedded commits to the disk unless PGLITE_DURABILITY is fast", () => {
    expect(loadConfig({ PGLITE_DURABILITY: "fast" }).pgliteDurability).toBe("fast");
    expect(configError({ PGLITE_DURABILITY: "none" }).message).toContain("PGLITE_DURABILITY: must be full or fast");
  });

  it("warns when PostgreSQL runs without BASE_URL, refuses it under NODE_ENV=production, and is silent otherwise", () => {
    const postgres = { DATABASE_URL: "postgresql://vigil@db/vigil" };
    expect(baseUrlCheck(postgres)).toEqual({ isRefused: false, message: expect.stringMatching(/^WARN BASE_URL is not set on PostgreSQL \(DATABASE_URL\): links in e-mails .* point to this node's own http:\/\/localhost address/) });
    expect(baseUrlCheck({ ...postgres, NODE_ENV: "production" })).toEqual({ isRefused: true, message: expect.stringMatching(/^Invalid configuration:\n {2}BASE_URL: is required on PostgreSQL \(DATABASE_URL\) when NODE_ENV=production/) });
    expect(baseUrlCheck({ ...postgres, BASE_URL: "https://vigil.example.org", NODE_ENV: "production" })).toBeNull();
    // The embedded database is one node: its localhost default serves a trial.
    expect(baseUrlCheck({ NODE_ENV: "production" })).toBeNull();
    expect(baseUrlCheck({ ...postgres, BASE_URL: "" })).toMatchObject({ isRefused: false });
  });

  it("runs the scheduled jobs unless JOBS is off", () => {
    expect(loadConfig({ JOBS: "off" }).isJobsOn).toBe(false);
    expect(loadConfig({ JOBS: "on" }).isJobsOn).toBe(true);
    expect(configError({ JOBS: "yes" }).message).toContain("JOBS: must be on or off");
  });

  it.each(["SESSION_CACHE_SECONDS", "RESPONSE_CACHE_SECONDS"])("reads %s as whole seconds from 0 (off) to 300", (name) => {
    expect(loadConfig({ [name]: "0" })).toMatchObject(name === "SESSION_CACHE_SECONDS" ? { sessionCacheSeconds: 0 } : { responseCacheSeconds: 0 });
    expect(configError({ [name]: "-1" }).message).toContain(`${name}: must be 0 or more`);
    expect(configError({ [name]: "1.5" }).message).toContain(`${name}: must be a whole number of seconds`);
    expect(configError({ [name]: "301" }).message).toContain(`${name}: must be at most 300 seconds`);
    expect(configError({ [name]: "soon" }).message).toContain(`${name}: must be a number of seconds`);
  });

  it("reads the kinds of incident that raise a flash alert, refusing unknown ones by name", () => {
    const config = loadConfig({ FLASH_ALERT_CATEGORIES: " abduction, mass_casualty ", FLASH_ALERT_CASUALTIES: "3" });
    expect(config.flashAlert).toEqual({ categoryCodes: ["abduction"], isMassCasualty: true, isAttackOnPremises: false, massCasualtyThreshold: 3 });
    expect(loadConfig({ FLASH_ALERT_CATEGORIES: "none" }).flashAlert).toMatchObject({ categoryCodes: [], isMassCasualty: false, isAttackOnPremises: false });
    expect(configError({ FLASH_ALERT_CATEGORIES: "abduction,kidnapping" }).message).toMatch(/FLASH_ALERT_CATEGORIES: names no incident category: kidnapping/);
  });

  it("accepts a heap limit for the server (read by bin/vigil.js, which starts node with it)", () => {
    expect(() => loadConfig({ VIGIL_HEAP_MB: "128" })).not.toThrow();
    expect(() => loadConfig({ VIGIL_HEAP_MB: "1024" })).not.toThrow();
  });

  it("treats empty variables as unset", () => {
    expect(loadConfig({ PORT: "", DATABASE_URL: "", BASE_URL: "" })).toMatchObject({ port: 8080, databaseUrl: undefined, baseUrl: "http://localhost:8080" });
  });

  it("reads every variable, and derives the base URL from the port", () => {
    const config = loadConfig({
      PORT: "3000",
      HOST: "127.0.0.1",
      DATA_DIR: "/var/lib/vigil",
      DATABASE_URL: "postgresql://vigil@db/vigil",
      SMTP_URL: "smtps://mail.example.org:465",
      LOG_LEVEL: "warn",
      SESSION_HOURS: "8",
      MAIL_FROM: "Vigil <noreply@example.org>",
    });
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      dataDir: "/var/lib/vigil",
      databaseUrl: "postgresql://vigil@db/vigil",
      smtpUrl: "smtps://mail.example.org:465",
      baseUrl: "http://localhost:3000",
      logLevel: "warn",
      sessionHours: 8,
      mailFrom: "Vigil <noreply@example.org>",
    });
  });

  it("sets secure cookies when the public address is https", () => {
    expect(loadConfig({ BASE_URL: "https://vigil.example.org" })).toMatchObject({ baseUrl: "https://vigil.example.org", isSecureCookie: true });
    expect(loadConfig({ BASE_URL: "http://vigil.internal" }).isSecureCookie).toBe(false);
  });

  it.each([
    ["PORT", "eighty"],
    ["PORT", "0"],
    ["PORT", "70000"],
    ["PORT", "80.5"],
    ["DATABASE_URL", "mysql://db/vigil"],
    ["DATABASE_URL", "db.example.org"],
    ["BASE_URL", "vigil.example.org"],
    // Bug fixed: z.url() alone took "localhost:8080" as a URL with the scheme "localhost".
    ["BASE_URL", "localhost:8080"],
    ["BASE_URL", "ftp://vigil.example.org"],
    ["BASE_URL", "javascript:alert(1)"],
    ["SMTP_URL", "mail.example.org:25"],
    ["SMTP_URL", "http://mail.example.org"],
    ["LOG_LEVEL", "verbose"],
    ["SESSION_HOURS", "0"],
    ["VIGIL_HEAP_MB", "lots"],
    ["VIGIL_HEAP_MB", "64"],
    ["VIGIL_HEAP_MB", "256.5"],
  ])("refuses %s=%s with a message naming the variable", (name, value) => {
    const error = configError({ [name]: value });
    expect(error.message).toMatch(/^Invalid configuration:/);
    expect(error.message).toContain(`${name}:`);
  });

  it("explains what a database URL must look like", () => {
    expect(configError({ DATABASE_URL: "mysql://db/vigil" }).message).toContain("must start with postgres:// or postgresql://");
    expect(configError({ SMTP_URL: "mail" }).message).toContain("must start with smtp:// or smtps://");
    expect(configError({ BASE_URL: "nope" }).message).toContain("must be an absolute http:// or https:// URL");
  });

  it("lists every bad variable at once", () => {
    const message = configError({ PORT: "x", DATABASE_URL: "y", BASE_URL: "z", SMTP_URL: "w" }).message;
    for (const name of ["PORT", "DATABASE_URL", "BASE_URL", "SMTP_URL"]) expect(message).toContain(`${name}:`);
  });
});
