import { describe, expect, it } from "vitest";
import { retryDelaySeconds, shortError } from "./retry.ts";

describe("retries of e-mail and webhook deliveries", () => {
  it("doubles the delay after each failed attempt, from DELIVERY_RETRY_SECONDS, up to six hours", () => {
    const config = { delivery: { maxAttempts: 10, retrySeconds: 30 } };
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelaySeconds(config, attempt))).toEqual([30, 60, 120, 240, 480]);
    expect(retryDelaySeconds(config, 12)).toBe(6 * 3600);
    expect(retryDelaySeconds(config, 10_000)).toBe(6 * 3600);
  });

  it("keeps the reason fetch gives in `cause`, on one short line", () => {
    const error = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") });
    expect(shortError(error)).toBe("fetch failed: connect ECONNREFUSED 127.0.0.1:9");
    expect(shortError(new Error(`a\n\n${"x".repeat(900)}`))).toHaveLength(500);
  });
});
