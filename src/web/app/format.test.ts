import { describe, expect, it } from "vitest";
import { formatDate, formatMonth } from "./format.ts";

describe("formatting for the reader's language", () => {
  it("writes a calendar month in words, in English and in French, without shifting it by a time zone", () => {
    expect(formatMonth("2026-01", "en")).toBe("Jan 2026");
    expect(formatMonth("2026-12", "en")).toBe("Dec 2026");
    expect(formatMonth("2026-01", "fr")).toBe("janv. 2026");
    expect(formatMonth("2025-08", "fr")).toBe("août 2025");
  });

  it("leaves a value that is not a month as it is", () => {
    expect(formatMonth("not-a-month", "en")).toBe("not-a-month");
  });

  it("writes calendar dates day first, as UN usage does in both languages", () => {
    expect(formatDate("2026-03-05", "en")).toBe("5 Mar 2026");
    expect(formatDate("2026-03-05", "fr")).toBe("5 mars 2026");
  });
});
