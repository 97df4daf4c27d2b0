import { existsSync, readFileSync } from "node:fs";
import { open } from "node:fs/promises";
import type { Database } from "../db/database.ts";
import { readBackupAnchor } from "../db/backup.ts";
import { backupKind } from "../db/backup-crypto.ts";
import { type AnchorSettings, type AuditAnchor, anchorKey } from "./audit-anchor.ts";
import { type VerifyResult, verifyAuditChain } from "./audit.service.ts";

export type AnchorSource = { file: string; isFound: boolean; anchors: AuditAnchor[]; problems: string[] };

/**
 * The anchors of an anchor file that still apply: those from its last restore on (a restore
 * replaces the whole trail, and writes a "restore" anchor of the trail it brought back).
 */
export function readAnchorFile(file: string): AnchorSource {
  if (!existsSync(file)) return { file, isFound: false, anchors: [], problems: [] };
  const anchors: AuditAnchor[] = [];
  const problems: string[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, index) => {
      if (!line.trim()) return;
      try {
        const anchor = JSON.parse(line) as AuditAnchor;
        if (anchor.kind === "restore") anchors.length = 0;
        anchors.push(anchor);
      } catch {
        problems.push(`line ${index + 1} of the anchor file ${file} is not an anchor`);
      }
    });
  return { file, isFound: true, anchors, problems };
}

async function isBackupFile(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  const start = Buffer.alloc(2);
  await handle.read(start, 0, 2, 0);
  await handle.close();
  if (start[0] === 0x1f && start[1] === 0x8b) return true;
  return (await backupKind(file)).isEncrypted;
}

/** Anchors from an anchor file or from a backup file's header (`--anchor`). */
export async function readAnchorSource(file: string): Promise<AnchorSource> {
  if (!existsSync(file)) return { file, isFound: false, anchors: [], problems: [] };
  if (!(await isBackupFile(file))) return readAnchorFile(file);
  const anchor = await readBackupAnchor(file);
  return { file, isFound: true, anchors: anchor ? [anchor] : [], problems: [] };
}

export type AuditVerifyOptions = {
  anchor: AnchorSettings;
  /** An anchor file or a backup to check against instead of the configured anchor file. */
  anchorSource?: string;
};

/** `vigil audit verify`: the chain, its duplicates, and the anchors kept outside the database. */
export async function verifyAuditTrail(database: Database, options: AuditVerifyOptions): Promise<VerifyResult & { anchorSource: AnchorSource }> {
  const source = options.anchorSource ? await readAnchorSource(options.anchorSource) : readAnchorFile(options.anchor.file);
  if (options.anchorSource && !source.isFound) throw new Error(`No anchor file or backup at ${options.anchorSource}`);
  const key = source.anchors.length > 0 ? anchorKey(options.anchor) : undefined;
  const result = await verifyAuditChain(database, { anchors: source.anchors, anchorKey: key });
  const problems = [...source.problems, ...result.problems];
  return { ...result, problems, isValid: problems.length === 0, anchorSource: source };
}
