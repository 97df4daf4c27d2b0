import { describe, expect, it } from "vitest";
import { runVigil } from "./process-support.ts";

/**
 * Issue 11, item 18: on PostgreSQL without BASE_URL, every node wrote its own localhost address
 * into e-mail links, silently. `vigil serve` now says so at start, and refuses under
 * NODE_ENV=production. The database given cannot be reached (port 1), so the tests show what
 * the server prints before it opens the database, and need no PostgreSQL.
 */
const unreachable = "postgresql://vigil@127.0.0.1:1/vigil";

describe("vigil serve on PostgreSQL without BASE_URL", () => {
  it("prints a WARN line naming BASE_URL and the broken links, then goes on starting", async () => {
    const run = await runVigil(["serve"], { DATABASE_URL: unreachable, NODE_ENV: "" });
    expect(run.stderr).toMatch(/^WARN BASE_URL is not set on PostgreSQL \(DATABASE_URL\): links in e-mails and notifications .* http:\/\/localhost address/m);
    // It went on to open the database (which is not there): the warning does not stop it.
    expect(run.stderr).toContain("ECONNREFUSED");
  });

  it("refuses to start under NODE_ENV=production, before opening the database", async () => {
    const run = await runVigil(["serve"], { DATABASE_URL: unreachable, NODE_ENV: "production" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^Invalid configuration:\n {2}BASE_URL: is required on PostgreSQL \(DATABASE_URL\) when NODE_ENV=production/m);
    expect(run.stderr).not.toContain("ECONNREFUSED");
  });

  it("says nothing about BASE_URL when it is set", async () => {
    const run = await runVigil(["serve"], { DATABASE_URL: unreachable, BASE_URL: "https://vigil.example.org", NODE_ENV: "production" });
    expect(run.stderr).not.toContain("BASE_URL");
    expect(run.stderr).toContain("ECONNREFUSED");
  });
});
