import { defineConfig } from "vitest/config";

// Unit, service and API tests. Each API test file gets its own database copied from a
// template that globalSetup migrates and seeds once (PGlite dump, or a PostgreSQL
// template database when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    globalSetup: ["src/server/testing/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
