import { createConnection } from "node:net";
import { loadConfig } from "../platform/config.ts";
import { DataDirectoryLockedError } from "../platform/db/data-dir-lock.ts";
import type { Database } from "../platform/db/database.ts";
import { type CommandOutcome, type ControlRequest, runControlCommand } from "./control-commands.ts";
import { controlSocketPath } from "./control-server.ts";
import { withDatabase } from "./database.command.ts";

/** Sends one request to the server's control socket; null when no server listens there. */
export function sendToServer(dataDir: string, request: ControlRequest): Promise<CommandOutcome | null> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(controlSocketPath(dataDir));
    let received = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on("data", (chunk: string) => (received += chunk));
    socket.on("error", (error: NodeJS.ErrnoException) => {
      if (["ENOENT", "ECONNREFUSED"].includes(error.code ?? "")) resolve(null);
      else reject(error);
    });
    socket.on("end", () => {
      try {
        resolve(JSON.parse(received) as CommandOutcome);
      } catch {
        reject(new Error("The running server closed the connection without an answer: see its log."));
      }
    });
  });
}

function show(outcome: CommandOutcome) {
  for (const line of outcome.output) console.log(line);
  for (const line of outcome.errors) console.error(line);
  process.exitCode = outcome.exitCode;
}

/**
 * Runs a command that the server can also run (control-commands.ts): on the database itself, or,
 * when a running Vigil holds the embedded data directory, through that server's control socket.
 */
export async function runHereOrThroughServer(request: ControlRequest): Promise<void> {
  try {
    await withDatabase(async (database) => show(await runControlCommand(database, request)));
  } catch (error) {
    if (!(error instanceof DataDirectoryLockedError)) throw error;
    const outcome = await sendToServer(loadConfig().dataDir, request);
    if (!outcome) throw error;
    console.error(`(run by the Vigil server that holds the data directory: process ${error.holder.pid})`);
    show(outcome);
  }
}

/**
 * Runs a command that only this process may run (migrate, seed, restore, generate, import): on
 * a data directory another process holds, it is refused with the holder named and what to do.
 */
export async function withOwnDatabase(work: (database: Database) => Promise<void>, whileServerRuns: string): Promise<void> {
  try {
    await withDatabase(work);
  } catch (error) {
    if (!(error instanceof DataDirectoryLockedError)) throw error;
    throw new Error(`${error.message}\n${whileServerRuns}`);
  }
}
