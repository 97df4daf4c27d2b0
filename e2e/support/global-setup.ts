import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startTestMailServer } from "../../src/server/testing/test-mail-server.ts";

declare module "vitest" {
  interface ProvidedContext {
    baseUrl: string;
    /** Every e-mail the server sent through SMTP so far, as JSON (`ReceivedMail[]`): the browser tests' mailbox. */
    mailboxUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
    server.on("error", reject);
  });
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string) {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`Vigil exited early:\n${log()}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Vigil did not become ready:\n${log()}`);
}

/**
 * Starts Vigil exactly as `npm start` does (demo data on an empty PGlite directory), sending its
 * e-mail to a real SMTP server started here, whose received mail the tests read over HTTP.
 */
export default async function setup(project: TestProject) {
  const mail = await startTestMailServer();
  const mailbox = createHttpServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify(mail.received));
  });
  await new Promise<void>((resolve) => mailbox.listen(0, "127.0.0.1", () => resolve()));
  const dataDir = mkdtempSync(path.join(tmpdir(), "vigil-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = "";
  const child = spawn(process.execPath, ["bin/vigil.js", "serve", "--demo-if-empty"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", BASE_URL: baseUrl, SMTP_URL: mail.url, MAIL_FROM: "vigil@vigil.example", DELIVERY_RETRY_SECONDS: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  await waitUntilReady(baseUrl, child, () => output);
  project.provide("baseUrl", baseUrl);
  project.provide("mailboxUrl", `http://127.0.0.1:${(mailbox.address() as AddressInfo).port}`);
  return async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
    await new Promise((resolve) => mailbox.close(resolve));
    await mail.close();
  };
}
