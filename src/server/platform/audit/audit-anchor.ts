import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { appendFileSync, chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { Database } from "../db/database.ts";
import { canonicalJson } from "./audit-hash.ts";

/**
 * Signed checkpoints of the audit chain's head, kept outside the database (a file, the server log,
 * every backup's header). Anyone able to rewrite the database can delete the newest entries and
 * rewind the head so that the chain verifies; they cannot also rewrite an anchor without the key,
 * which lives outside the database too, so `vigil audit verify` sees the chain fall short of it.
 */
export type AuditAnchor = {
  seq: number;
  hash: string;
  at: string;
  /** "restore": written by `vigil restore`; anchors before it describe the data that was replaced. */
  kind?: "restore";
  /** First 16 hex digits of SHA-256 of the key: says which key signed, never the key. */
  keyId: string;
  /** HMAC-SHA256 of the canonical JSON of the fields above, hex. */
  signature: string;
};

export type AnchorSettings = {
  /** The append-only file of anchors (JSON lines). */
  file: string;
  /** The key from AUDIT_ANCHOR_KEY, or undefined to use (and create on first use) `keyFile`. */
  key: string | undefined;
  keyFile: string;
};

export type AnchorLogger = { info(object: object, message: string): void };

/** The anchoring key: AUDIT_ANCHOR_KEY, or a random key in a 0600 file created on first use. */
export function anchorKey(settings: AnchorSettings): Buffer {
  if (settings.key) return Buffer.from(settings.key, "utf8");
  if (!existsSync(settings.keyFile)) {
    mkdirSync(path.dirname(settings.keyFile), { recursive: true });
    try {
      // "wx": two processes starting together never overwrite each other's key.
      const fd = openSync(settings.keyFile, "wx", 0o600);
      writeSync(fd, `${randomBytes(32).toString("hex")}\n`);
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  chmodSync(settings.keyFile, 0o600);
  const key = readFileSync(settings.keyFile, "utf8").trim();
  if (key.length < 32) throw new Error(`The audit anchor key file ${settings.keyFile} holds fewer than 32 characters`);
  return Buffer.from(key, "utf8");
}

function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

function signedBody(anchor: Omit<AuditAnchor, "signature" | "keyId">): string {
  return canonicalJson({ seq: anchor.seq, hash: anchor.hash, at: anchor.at, kind: anchor.kind });
}

export function signAnchor(key: Buffer, head: { seq: number; hash: string; at?: Date; kind?: "restore" }): AuditAnchor {
  const unsigned = { seq: head.seq, hash: head.hash, at: (head.at ?? new Date()).toISOString(), ...(head.kind ? { kind: head.kind } : {}) };
  const signature = createHmac("sha256", key).update(signedBody(unsigned)).digest("hex");
  return { ...unsigned, keyId: keyIdOf(key), signature };
}

export function isAnchorSigned(key: Buffer, anchor: AuditAnchor): boolean {
  if (typeof anchor.signature !== "string" || !/^[0-9a-f]{64}$/.test(anchor.signature)) return false;
  const expected = createHmac("sha256", key).update(signedBody(anchor)).digest();
  return timingSafeEqual(expected, Buffer.from(anchor.signature, "hex"));
}

export async function readAuditHead(database: Database): Promise<{ seq: number; hash: string }> {
  const [head] = await database.query<{ seq: string | number; hash: string }>("select seq, hash from audit_head where id = 1");
  return { seq: Number(head?.seq ?? 0), hash: head?.hash ?? "0".repeat(64) };
}

/** Appends one anchor line; "a" never rewrites what is there, and the file stays private. */
export function appendAnchor(settings: AnchorSettings, anchor: AuditAnchor): void {
  mkdirSync(path.dirname(settings.file), { recursive: true });
  appendFileSync(settings.file, `${JSON.stringify(anchor)}\n`, { mode: 0o600 });
}

/** Signs the current head and writes it to the anchor file and the log. */
export async function writeAnchor(database: Database, settings: AnchorSettings, logger?: AnchorLogger, kind?: "restore"): Promise<AuditAnchor> {
  const anchor = signAnchor(anchorKey(settings), { ...(await readAuditHead(database)), kind });
  appendAnchor(settings, anchor);
  logger?.info({ auditAnchor: anchor }, "audit trail anchored");
  return anchor;
}

/**
 * Anchors at start, every `minutes` while running (skipped while the head has not moved), and at
 * stop. The timer is unref'd: it never keeps a process alive on its own.
 */
export async function startAuditAnchoring(options: { database: Database; settings: AnchorSettings; logger: AnchorLogger & { error(object: object, message: string): void }; minutes: number }) {
  const { database, settings, logger } = options;
  let last = await writeAnchor(database, settings, logger);
  let running: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    const head = await readAuditHead(database);
    if (head.seq === last.seq && head.hash === last.hash) return;
    last = await writeAnchor(database, settings, logger);
  };
  const timer = setInterval(() => {
    running = tick().catch((error: unknown) => logger.error({ err: error }, "audit anchoring failed"));
  }, options.minutes * 60_000);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
      await tick();
    },
  };
}
