import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirectoryLockedError, lockDataDirectory, lockFileName, readLockHolder } from "./data-dir-lock.ts";

/** The embedded data directory's lock: one process at a time, the holder named, stale locks taken over. */
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});
function directory() {
  const created = mkdtempSync(path.join(tmpdir(), "vigil-lock-"));
  directories.push(created);
  return created;
}

/** The pid of a process that has ended (pids are reused only after wrapping around). */
function deadPid(): number {
  const result = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" });
  return Number(result.stdout.trim());
}

describe("lockDataDirectory", () => {
  it("refuses a second holder, naming the process, its command and since when", () => {
    const dataDir = directory();
    const lock = lockDataDirectory(dataDir, "vigil serve");
    expect(statSync(path.join(dataDir, lockFileName)).mode & 0o777).toBe(0o600);
    let refusal: unknown;
    try {
      lockDataDirectory(dataDir, "vigil generate incidents");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirectoryLockedError);
    const message = (refusal as Error).message;
    expect(message).toContain(`process ${process.pid} on ${hostname()} (vigil serve), since ${lock.holder.startedAt}`);
    expect(message).toContain(dataDir);
    lock.release();
    expect(existsSync(path.join(dataDir, lockFileName))).toBe(false);
    lockDataDirectory(dataDir, "vigil backup").release();
  });

  it("takes over a lock left by a process that died, and leaves nothing aside", () => {
    const dataDir = directory();
    const stale = { pid: deadPid(), hostname: hostname(), command: "vigil serve", startedAt: "2026-01-01T00:00:00.000Z", token: "dead" };
    writeFileSync(path.join(dataDir, lockFileName), JSON.stringify(stale));
    const lock = lockDataDirectory(dataDir, "vigil serve");
    expect(readLockHolder(dataDir)?.pid).toBe(process.pid);
    expect(readdirSync(dataDir)).toEqual([lockFileName]);
    lock.release();
  });

  it("takes over an unreadable lock file", () => {
    const dataDir = directory();
    writeFileSync(path.join(dataDir, lockFileName), "{ half");
    lockDataDirectory(dataDir).release();
  });

  it("never takes over a lock held by a live process, or one from another host", () => {
    const dataDir = directory();
    const live = { pid: process.ppid, hostname: hostname(), command: "vigil serve", startedAt: "2026-01-01T00:00:00.000Z", token: "live" };
    writeFileSync(path.join(dataDir, lockFileName), JSON.stringify(live));
    expect(() => lockDataDirectory(dataDir)).toThrow(`process ${process.ppid}`);
    const remote = { ...live, pid: deadPid(), hostname: `not-${hostname()}` };
    writeFileSync(path.join(dataDir, lockFileName), JSON.stringify(remote));
    expect(() => lockDataDirectory(dataDir)).toThrow(`on not-${hostname()}`);
  });

  it("lets exactly one of many processes racing for a stale lock take it", async () => {
    const dataDir = directory();
    const stale = { pid: deadPid(), hostname: hostname(), command: "vigil serve", startedAt: "2026-01-01T00:00:00.000Z", token: "dead" };
    writeFileSync(path.join(dataDir, lockFileName), JSON.stringify(stale));
    const module = path.resolve("src/server/platform/db/data-dir-lock.ts");
    // Each racer tries once, says how it went, and keeps what it got until its input closes:
    // a racer that ended would leave a stale lock that a later one could rightly take over.
    const racer = `import { lockDataDirectory } from ${JSON.stringify(module)};
try { lockDataDirectory(${JSON.stringify(dataDir)}); console.log("held"); } catch { console.log("refused"); }
process.stdin.resume(); process.stdin.on("end", () => process.exit(0));`;
    const script = path.join(dataDir, "racer.mts");
    writeFileSync(script, racer);
    const racers = Array.from({ length: 6 }, () => spawn(process.execPath, ["--import", "tsx", script], { stdio: ["pipe", "pipe", "inherit"] }));
    const outcomes = await Promise.all(
      racers.map((child) => new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim())))),
    );
    await Promise.all(racers.map((child) => new Promise((resolve) => { child.once("exit", resolve); child.stdin.end(); })));
    expect(outcomes.sort()).toEqual(["held", "refused", "refused", "refused", "refused", "refused"]);
  });
});
