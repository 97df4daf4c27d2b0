import { chmodSync, rmSync } from "node:fs";
import { type Server, type Socket, createServer } from "node:net";
import path from "node:path";
import type { Config } from "../platform/config.ts";
import type { Database } from "../platform/db/database.ts";
import { type CommandOutcome, controlRequest, runControlCommand } from "./control-commands.ts";

/**
 * The running server's control socket: while `vigil serve` holds an embedded data directory, no
 * other process may open it, so the command line sends `user create`, `user reset-password`,
 * `backup` and `audit verify` here and the server runs them on its own open database. A Unix
 * domain socket in DATA_DIR, mode 0600: only the operating-system user that runs Vigil (who could
 * open the database files anyway) may use it. One request per connection, newline-delimited JSON.
 */
export const controlSocketName = "vigil.sock";

/** Unix socket paths are limited to about 100 bytes: a long DATA_DIR is reached relatively. */
export function controlSocketPath(dataDir: string): string {
  const absolute = path.join(dataDir, controlSocketName);
  if (Buffer.byteLength(absolute) <= 100) return absolute;
  const relative = path.relative(process.cwd(), absolute);
  return Buffer.byteLength(relative) < Buffer.byteLength(absolute) ? relative : absolute;
}

const maxRequestBytes = 1_000_000;

type Logger = { info(object: object, message: string): void; warn(object: object, message: string): void };

/** Starts the control socket when the server runs on PGlite (on PostgreSQL every process opens the database itself). */
export async function startControlSocket(config: Config, database: Database, log: Logger): Promise<{ close(): Promise<void> } | null> {
  if (database.kind !== "pglite") return null;
  const socketPath = controlSocketPath(config.dataDir);
  // Left by a server that died: this process holds the data directory's lock, so it is not in use.
  rmSync(socketPath, { force: true });
  const server = createServer((socket) => serve(socket, database, log));
  // The socket file is created by bind() with the umask's mode: 0600 from its first moment.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => resolve());
    });
  } catch (error) {
    log.warn({ err: error, socketPath }, "control socket unavailable: command-line commands will be refused while the server runs");
    return null;
  } finally {
    process.umask(umask);
  }
  chmodSync(socketPath, 0o600);
  return { close: () => closeServer(server, socketPath) };
}

function closeServer(server: Server, socketPath: string): Promise<void> {
  return new Promise<void>((resolve) => server.close(() => resolve())).then(() => rmSync(socketPath, { force: true }));
}

function serve(socket: Socket, database: Database, log: Logger) {
  let received = "";
  const answer = (outcome: CommandOutcome) => socket.end(`${JSON.stringify(outcome)}\n`);
  socket.setEncoding("utf8");
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: string) => {
    received += chunk;
    if (received.length > maxRequestBytes) return answer({ output: [], errors: ["Request too large"], exitCode: 2 });
    const end = received.indexOf("\n");
    if (end < 0) return;
    socket.removeAllListeners("data");
    let parsed: ReturnType<typeof controlRequest.safeParse>;
    try {
      parsed = controlRequest.safeParse(JSON.parse(received.slice(0, end)));
    } catch {
      return answer({ output: [], errors: ["Request is not JSON"], exitCode: 2 });
    }
    if (!parsed.success) {
      return answer({ output: [], errors: parsed.error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`), exitCode: 2 });
    }
    const request = parsed.data;
    log.info({ command: request.command }, "command from the command line");
    void runControlCommand(database, request).then(answer);
  });
}
