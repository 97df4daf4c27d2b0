import { fsyncSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { NodeFS } from "@electric-sql/pglite/nodefs";

/**
 * How the embedded database makes a commit durable (PGLITE_DURABILITY).
 * - `full`: PostgreSQL's fsync is on and every commit's WAL reaches the disk before the commit
 *   is acknowledged, so a power cut or an operating-system crash loses no acknowledged write.
 * - `fast`: PGlite's own default (fsync off): a killed process loses nothing (the operating
 *   system still holds the writes), but a power cut or OS crash may lose the last commits.
 */
export type PgliteDurability = "full" | "fast";

type EmscriptenStream = { nfd: number };
type EmscriptenModule = { NODEFS: { stream_ops: { fsync?: (stream: EmscriptenStream) => number } } };

/**
 * PGlite's Node file system (Emscripten's NODEFS) has no fsync: PostgreSQL's fsync() calls
 * succeed without reaching the disk, and fdatasync() is a no-op whatever the settings. This
 * gives NODEFS a real fsync, before PostgreSQL starts; `wal_sync_method=fsync` makes commits use
 * it instead of fdatasync.
 */
class DurableNodeFS extends NodeFS {
  override async init(...args: Parameters<NodeFS["init"]>) {
    const result = await super.init(...args);
    const preRun = result.emscriptenOpts.preRun ?? [];
    result.emscriptenOpts.preRun = [
      ...(Array.isArray(preRun) ? preRun : [preRun]),
      (module: unknown) => {
        (module as EmscriptenModule).NODEFS.stream_ops.fsync = (stream) => {
          fsyncSync(stream.nfd);
          return 0;
        };
      },
    ];
    return result;
  }
}

/** PGlite's start parameters for a durability: its defaults carry `-F` (fsync off). */
export function pgliteStartParams(durability: PgliteDurability): string[] {
  if (durability === "fast") return [...PGlite.defaultStartParams];
  return [...PGlite.defaultStartParams.filter((parameter) => parameter !== "-F"), "-c", "fsync=on", "-c", "wal_sync_method=fsync"];
}

export class DataDirectoryUnreadableError extends Error {}

/**
 * Opens the PGlite database in `pgdataDir`. When PostgreSQL cannot start on it (a damaged
 * directory, or one written by another PGlite version) PGlite says only "Aborted()" or "failed to
 * initialize": the error names the directory and the way back, a restore from a backup.
 */
export async function openPglite(pgdataDir: string, durability: PgliteDurability): Promise<PGlite> {
  try {
    return await PGlite.create({
      fs: durability === "full" ? new DurableNodeFS(pgdataDir) : new NodeFS(pgdataDir),
      startParams: pgliteStartParams(durability),
    });
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new DataDirectoryUnreadableError(
      `The embedded database in ${pgdataDir} could not be opened: it is damaged, or was written by another version of Vigil or PGlite (${cause.trim()}). ` +
        "Keep that directory as it is, and restore your latest backup into a fresh data directory: DATA_DIR=<new directory> vigil restore <backup file> --yes, then start Vigil with that DATA_DIR.",
      { cause: error },
    );
  }
}
