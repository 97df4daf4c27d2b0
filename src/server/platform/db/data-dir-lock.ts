import { randomBytes } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

/**
 * The exclusive lock on an embedded (PGlite) data directory. PGlite is PostgreSQL in single-user
 * mode inside this process, with no shared memory or postmaster to keep a second process out:
 * two processes writing the same files lose commits and can leave the directory unreadable
 * (issue 11). The lock is a file created atomically (link(2), which refuses an existing name),
 * so exactly one process holds it; it names its holder so that a refused process can say who
 * holds the directory.
 */
export type LockHolder = { pid: number; hostname: string; command: string; startedAt: string; token: string };

export const lockFileName = "vigil.lock";

export class DataDirectoryLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${holder.pid} on ${holder.hostname} (${holder.command}), since ${holder.startedAt}. ` +
        "Only one process may open an embedded database at a time: stop that process first, or let the running server do the work. " +
        `(If process ${holder.pid} is not Vigil, its number was reused after the machine restarted: delete ${path.join(dataDir, lockFileName)}.)`,
    );
  }
}

export type DataDirectoryLock = { holder: LockHolder; release(): void };

/** The current holder, or null when nobody holds the lock (or the file is unreadable). */
export function readLockHolder(dataDir: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, lockFileName), "utf8")) as LockHolder;
  } catch {
    return null;
  }
}

/** Whether a process with this pid runs on this machine (EPERM: it runs, as another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function isStale(holder: LockHolder | null): boolean {
  // A lock from another host cannot be checked from here: it is never taken over.
  return holder !== null && holder.hostname === hostname() && !isProcessAlive(holder.pid);
}

function tryCreate(file: string, holder: LockHolder): boolean {
  // Written whole under a name of its own, then linked into place: link(2) fails when the name
  // exists (like O_EXCL), and the lock never appears half-written to another process.
  const draft = `${file}.${holder.token}`;
  writeFileSync(draft, JSON.stringify(holder), { mode: 0o600 });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Removes a stale lock (its process is dead) without ever removing a live one: the file is
 * renamed aside atomically, so of two processes taking over the same stale lock only one moves
 * it; and if what was moved is not the stale lock that was seen (another process took over and
 * created its own in between), it is linked back, which never overwrites.
 */
function takeOverStale(file: string, stale: LockHolder): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return; // another process moved it first
    throw error;
  }
  let moved: LockHolder | null = null;
  try {
    moved = JSON.parse(readFileSync(aside, "utf8")) as LockHolder;
  } catch {
    // unreadable: a lock half-written by a process that died; nobody holds it
  }
  if (moved && moved.token !== stale.token) {
    try {
      linkSync(aside, file);
    } catch {
      // a third process created a lock meanwhile: it holds the directory
    }
  }
  unlinkSync(aside);
}

/**
 * Takes the lock on `dataDir` for this process, or throws DataDirectoryLockedError naming the
 * live holder. A lock left by a dead process on this host is taken over.
 */
export function lockDataDirectory(dataDir: string, command = process.argv.slice(1).join(" ")): DataDirectoryLock {
  const file = path.join(dataDir, lockFileName);
  const holder: LockHolder = { pid: process.pid, hostname: hostname(), command, startedAt: new Date().toISOString(), token: randomBytes(16).toString("hex") };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (tryCreate(file, holder)) {
      let isReleased = false;
      const release = () => {
        if (isReleased) return;
        isReleased = true;
        // Only our own lock is removed (never one another process took over after a crash).
        if (readLockHolder(dataDir)?.token === holder.token) unlinkSync(file);
      };
      return { holder, release };
    }
    const current = readLockHolder(dataDir);
    if (current === null) {
      // Unreadable: never half-written (see tryCreate), so damaged; nobody can be holding it.
      takeOverStale(file, { pid: 0, hostname: hostname(), command: "", startedAt: "", token: "" });
      continue;
    }
    if (!isStale(current)) throw new DataDirectoryLockedError(dataDir, current);
    takeOverStale(file, current);
  }
  const current = readLockHolder(dataDir);
  if (current) throw new DataDirectoryLockedError(dataDir, current);
  throw new Error(`Could not take the lock file ${file}: remove it if no Vigil process uses ${dataDir}.`);
}
