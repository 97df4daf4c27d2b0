/**
 * For the tests that run Vigil as real processes (the data-directory lock beside a running server,
 * kill -9, two nodes at once): start `bin/vigil.js` with its own environment, wait for /readyz,
 * run a command-line command, stop.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
    server.on("error", reject);
  });
}

/**
 * The environment of a Vigil process: the data directory or database given, nothing from the
 * test run's own DATABASE_URL or BASE_URL, and a heap limit in NODE_OPTIONS so that `serve` runs in the process
 * started (bin/heap-limit.js relaunches otherwise): the pid the tests signal is the server's.
 */
export function vigilEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  // Vitest sets BASE_URL to "/" (Vite's base): not a Vigil setting.
  return { ...process.env, DATABASE_URL: "", BASE_URL: "", LOG_LEVEL: "warn", NODE_OPTIONS: "--max-old-space-size=1024", ...settings };
}

export type VigilServer = { child: ChildProcess; baseUrl: string; output(): string; stop(signal?: NodeJS.Signals): Promise<void> };

/** Starts `vigil serve` and resolves once /readyz answers 200. */
export async function startVigil(settings: Record<string, string>, args: string[] = ["--demo-if-empty"]): Promise<VigilServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["bin/vigil.js", "serve", ...args], {
    env: vigilEnvironment({ PORT: String(port), HOST: "127.0.0.1", BASE_URL: baseUrl, ...settings }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server: VigilServer = {
    child,
    baseUrl,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Vigil exited before it was ready:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export type CommandRun = { code: number | null; stdout: string; stderr: string };

/** Runs `vigil <args>` to its end. */
export function runVigil(args: string[], settings: Record<string, string>): Promise<CommandRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/vigil.js", ...args], { env: vigilEnvironment(settings), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Signs in through HTTP; returns the status and, on success, the cookie and CSRF token. */
export async function signIn(baseUrl: string, email: string, password: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (response.headers.getSetCookie() ?? []).map((line) => line.split(";")[0]).join("; ");
  const body = response.ok ? ((await response.json()) as { csrfToken: string }) : null;
  return { status: response.status, cookie, csrfToken: body?.csrfToken ?? "" };
}
