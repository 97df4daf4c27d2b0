import { describe, expect, it } from "vitest";
import { certificateInput, certificateProblems, certificateStatus, computedExpiry, courseInput, isValidThrough } from "./training.ts";

describe("certificates", () => {
  it("expire the course's validity after completion, clamped to a shorter month's end", () => {
    expect(computedExpiry("2024-03-15", 36)).toBe("2027-03-15");
    expect(computedExpiry("2024-02-29", 36)).toBe("2027-02-28");
    expect(computedExpiry("2025-08-31", 6)).toBe("2026-02-28");
  });

  it("stay valid on their last day, are expiring within 60 days, expired the day after", () => {
    expect(certificateStatus("2026-12-07", "2026-12-07")).toBe("expiring");
    expect(certificateStatus("2026-12-06", "2026-12-07")).toBe("expired");
    expect(certificateStatus("2027-02-05", "2026-12-07")).toBe("expiring");
    expect(certificateStatus("2027-02-06", "2026-12-07")).toBe("valid");
  });

  it("cover a trip only if still valid on its return date", () => {
    expect(isValidThrough("2027-01-10", "2027-01-10")).toBe(true);
    expect(isValidThrough("2027-01-09", "2027-01-10")).toBe(false);
  });

  it("name the field of each broken rule", () => {
    expect(certificateProblems({ completedOn: "2026-12-08" }, "2026-12-07")).toEqual([{ field: "completedOn", message: "must not be in the future" }]);
    expect(certificateProblems({ completedOn: "2025-01-01", expiresOn: "2027-01-01" }, "2026-12-07")).toEqual([
      { field: "expiryReason", message: "is required when the expiry is set by hand" },
    ]);
    expect(certificateProblems({ completedOn: "2025-01-01", expiresOn: "2024-01-01", expiryReason: "typo" }, "2026-12-07")).toEqual([
      { field: "expiresOn", message: "must not be before the completion date" },
    ]);
    expect(certificateProblems({ completedOn: "2025-01-01", expiresOn: "2029-01-01", expiryReason: "extended by HQ" }, "2026-12-07")).toEqual([]);
  });

  it("refuse a malformed input with a message per field", () => {
    const result = certificateInput.safeParse({ personId: "x", courseId: "y", completedOn: "yesterday" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["personId", "courseId", "completedOn"]);
  });
});

describe("courses", () => {
  it("take a short capitalised code and a validity in whole months", () => {
    expect(courseInput.safeParse({ code: "SAIT-MLI", kind: "induction", nameEn: "SAIT Mali", nameFr: "SAIT Mali", validityMonths: 24 }).success).toBe(true);
    const bad = courseInput.safeParse({ code: "b safe", kind: "bsafe", nameEn: "B", nameFr: "B", validityMonths: 1.5 });
    expect(bad.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)).toEqual([
      "code: must be 2 to 32 capital letters, digits, - or _ (BSAFE, SAIT-MLI)",
      "validityMonths: must be a whole number of months",
    ]);
  });
});
