// The V8 heap limit `vigil serve` runs under (and the benchmarks that measure the server).
//
// Without a limit, V8 sizes the old generation from the machine's memory (about 4 GB on a 24 GB
// machine) and, for a heap that large, lets it grow to four times what was live after the last
// full collection before the next one: garbage that outlived two young-generation collections
// piles up, and a million-row export grew the process by 150–225 MB while holding one page of
// rows at a time. Below 2 GB V8 lets the old generation grow by 1.3 to 2 times only, so the
// same export grows it by a few tens of megabytes, equally fast. The default is well below
// that and leaves room for the largest requests the server holds in memory: an XLSX import
// of 50,000 rows needs more than 256 MB (README, "Memory").
import { spawn } from "node:child_process";

/** Megabytes of V8 old generation when neither VIGIL_HEAP_MB nor a node flag says otherwise. */
export const defaultHeapMb = 1024;
/** The smallest limit accepted (also checked in src/server/platform/config.ts): the idle server holds about 60 MB. */
export const minimumHeapMb = 128;

const heapFlag = /(?:^|\s)--max[-_]old[-_]space[-_]size\b/;

/**
 * The node flag that sets the heap limit, or null when a limit is already in force (given to node
 * directly or in NODE_OPTIONS: the user's choice wins) or VIGIL_HEAP_MB is not a usable number
 * (the configuration check then stops the server with a message naming it).
 */
export function heapLimitFlag(env = process.env, execArgv = process.execArgv) {
  if (execArgv.some((arg) => heapFlag.test(arg)) || heapFlag.test(env.NODE_OPTIONS ?? "")) return null;
  const asked = (env.VIGIL_HEAP_MB ?? "").trim();
  if (asked === "") return `--max-old-space-size=${defaultHeapMb}`;
  return /^\d+$/.test(asked) && Number(asked) >= minimumHeapMb ? `--max-old-space-size=${Number(asked)}` : null;
}

/**
 * The node flags `npm start` must run the server with, or null when it already runs with them. The
 * package.json script gives node the default limit itself, so that the server can run in the
 * process npm starts; that flag is ours, not the user's, and yields to VIGIL_HEAP_MB or a limit in
 * NODE_OPTIONS (on node's command line it would override NODE_OPTIONS).
 */
export function startExecArgv(env = process.env, execArgv = process.execArgv) {
  const others = execArgv.filter((arg) => !heapFlag.test(arg));
  const flag = heapLimitFlag(env, []);
  let wanted = execArgv; // VIGIL_HEAP_MB refused: the configuration check stops the server with a message
  if (heapFlag.test(env.NODE_OPTIONS ?? "")) wanted = others;
  else if (flag) wanted = [...others, flag];
  return wanted.join("\0") === execArgv.join("\0") ? null : wanted;
}

/**
 * Runs the current script again with the heap limit when none is in force (V8 fixes the heap's
 * size when the process starts: it cannot be changed from inside). Returns in the process that is
 * to go on; the relaunching one ends with its child's exit code or signal.
 */
export async function relaunchWithHeapLimit() {
  const flag = heapLimitFlag();
  if (!flag) return;
  await relaunchWith([...process.execArgv, flag]);
}

/** Runs the current script again under these node flags (see relaunchWithHeapLimit). */
export async function relaunchWith(execArgv) {
  const args = [...execArgv, ...process.argv.slice(1)];
  // Node 22.15 and later replace this process (same pid, no process in between); Node 20 cannot.
  if (typeof process.execve === "function") {
    try {
      process.execve(process.execPath, [process.execPath, ...args]);
    } catch {
      // Not available on this platform (Windows): start a child instead.
    }
  }
  const child = spawn(process.execPath, args, { stdio: "inherit" });
  // A terminal's Ctrl+C or a service manager may signal both processes: the server treats a
  // repeated signal as one, so forwarding every signal is safe and covers `kill <this pid>`.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, () => child.kill(signal));
  const [code, signal] = await new Promise((resolve) => child.once("exit", (...outcome) => resolve(outcome)));
  if (signal) {
    for (const name of signals) process.removeAllListeners(name);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
}
