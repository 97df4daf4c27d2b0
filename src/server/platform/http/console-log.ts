/**
 * The server's log: JSON lines for machines (log collectors, NODE_ENV=production), or readable
 * lines for a person watching the console (`npm start`), one per request:
 *   12:03:04 GET /api/incidents 200 14 ms
 * LOG_FORMAT chooses; unset, a terminal that is not production gets the readable form.
 *
 * Nothing secret reaches either form: requests are logged by method, path and status only (no
 * headers, no bodies), query parameters that may carry a credential are masked, and pino's
 * redaction removes cookies, authorization headers and passwords should a log call ever pass them.
 */
import type { Writable } from "node:stream";
import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from "fastify";
import type { Config } from "../config.ts";

export type LogFormat = "pretty" | "json";

/** The format in force: LOG_FORMAT, else readable on a terminal outside production. */
export function logFormatOf(config: Pick<Config, "logFormat">, out: { isTTY?: boolean } = process.stdout, env: NodeJS.ProcessEnv = process.env): LogFormat {
  if (config.logFormat) return config.logFormat;
  return out.isTTY && env.NODE_ENV !== "production" ? "pretty" : "json";
}

const sensitiveQuery = /^(?:token|access_token|api_key|apikey|key|password|secret|signature|sig|code|csrf.*|session.*)$/i;

/** The request's path and query, with the values of parameters that may carry a credential masked. */
export function loggableUrl(url: string): string {
  const mark = url.indexOf("?");
  if (mark < 0) return url;
  const query = url
    .slice(mark + 1)
    .split("&")
    .map((pair) => {
      const [name] = pair.split("=", 1);
      return sensitiveQuery.test(decodeURIComponentSafe(name)) ? `${name}=[redacted]` : pair;
    })
    .join("&");
  return `${url.slice(0, mark)}?${query}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Paths in a log entry that never reach the output, whatever a log call passes. */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  "password",
  "*.password",
  "newPassword",
  "*.newPassword",
  "currentPassword",
  "*.currentPassword",
  "passphrase",
  "*.passphrase",
  "secret",
  "*.secret",
  "token",
  "*.token",
];

/** Fastify's logger options for this configuration (false: no log at all). */
export function loggerOptions(config: Pick<Config, "logLevel" | "logFormat">, out: Writable & { isTTY?: boolean } = process.stdout): FastifyServerOptions["logger"] {
  if (config.logLevel === "silent") return false;
  const format = logFormatOf(config, out);
  return {
    level: config.logLevel,
    redact: { paths: redactedPaths, censor: "[redacted]" },
    serializers: {
      // Method and path only: Fastify's own serializer adds the host and the client's address and port.
      req: (request: FastifyRequest) => ({ method: request.method, url: loggableUrl(request.url), remoteAddress: request.ip }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
    ...(format === "pretty" ? { stream: readableStream(out, Boolean(out.isTTY) && !process.env.NO_COLOR) } : {}),
  };
}

/**
 * One log entry per request, written when it is answered, instead of Fastify's two ("incoming
 * request", "request completed"). Health probes that succeed are logged at debug level: a load
 * balancer asks every few seconds.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const entry = { req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...entry, err: error }, "request errored");
    else if ((request.url === "/healthz" || request.url === "/readyz") && reply.statusCode < 400) reply.log.debug(entry, "request completed");
    else reply.log.info(entry, "request completed");
  }
}

const levelNames: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "", 40: "WARN", 50: "ERROR", 60: "FATAL" };
/** Fields every pino line has, or that the readable form shows in its own way. */
const shownApart = new Set(["level", "time", "pid", "hostname", "msg", "reqId", "req", "res", "responseTime", "err"]);

type Entry = {
  level?: number;
  time?: number;
  msg?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { type?: string; message?: string; stack?: string };
  [field: string]: unknown;
};

function clock(time: number | undefined): string {
  const date = new Date(time ?? Date.now());
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((part) => String(part).padStart(2, "0")).join(":");
}

function paint(text: string, code: number, isColour: boolean): string {
  return isColour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

/** A field's value as a person reads it: hashes and signatures cut to their beginning. */
function shortened(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** The readable line(s) for one pino JSON line, or null for an entry the console does not show. */
export function readableLine(json: string, isColour = false): string | null {
  let entry: Entry;
  try {
    entry = JSON.parse(json) as Entry;
  } catch {
    return json.trimEnd();
  }
  // "Vigil is running at …" follows with the address people use.
  if (entry.msg?.startsWith("Server listening at")) return null;
  const time = paint(clock(entry.time), 2, isColour);
  if (entry.req && entry.res) {
    const status = entry.res.statusCode ?? 0;
    const statusText = paint(String(status), status >= 500 ? 31 : status >= 400 ? 33 : 32, isColour);
    return `${time} ${entry.req.method} ${entry.req.url} ${statusText} ${entry.responseTime ?? "?"} ms`;
  }
  const level = levelNames[entry.level ?? 30] ?? "";
  const label = level ? `${paint(level, (entry.level ?? 30) >= 50 ? 31 : 33, isColour)} ` : "";
  const fields = Object.entries(entry)
    .filter(([name, value]) => !shownApart.has(name) && value !== undefined)
    .map(([name, value]) => `${name}=${shortened(typeof value === "string" ? value : JSON.stringify(value))}`);
  const error = entry.err ? `\n${entry.err.stack ?? `${entry.err.type ?? "Error"}: ${entry.err.message ?? ""}`}` : "";
  return `${time} ${label}${entry.msg ?? ""}${fields.length ? ` ${fields.join(" ")}` : ""}${error}`;
}

/** A pino destination that writes readable lines to `out`. */
export function readableStream(out: Pick<Writable, "write">, isColour: boolean): { write(line: string): void } {
  return {
    write(line: string) {
      const text = readableLine(line, isColour);
      if (text !== null) out.write(`${text}\n`);
    },
  };
}
