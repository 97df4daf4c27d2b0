import { describe, expect, it } from "vitest";
import { approverFor, categoryOn, operatorKindsFor, rmtCovers, rmtInput, scaleProblem } from "./air.ts";
import { evaluateLeg, defaultClearanceRules, type LegFacts } from "./clearance.ts";

describe("categoryOn", () => {
  const history = [
    { category: "unrestricted" as const, effectiveFrom: "2025-01-01", recordedAt: "2025-01-01T10:00:00Z" },
    { category: "conditional" as const, effectiveFrom: "2026-03-01", recordedAt: "2026-02-20T10:00:00Z" },
    { category: "restricted" as const, effectiveFrom: "2026-03-01", recordedAt: "2026-02-25T10:00:00Z" },
  ];
  it("is the latest row effective that day, a later recording of the same day winning", () => {
    expect(categoryOn(history, "2024-12-31")).toBeNull();
    expect(categoryOn(history, "2025-06-01")).toBe("unrestricted");
    expect(categoryOn(history, "2026-03-01")).toBe("restricted");
  });
});

describe("approverFor", () => {
  it("names the DO up to high, the USG UNDSS at very high, and no one for an unacceptable risk", () => {
    expect(["medium_or_below", "high", "very_high", "unacceptable"].map((one) => approverFor(one as never))).toEqual(["do", "do", "usg_undss", null]);
  });
});

describe("rmtCovers", () => {
  const rmt = { operatorId: "op", organisationId: "wfp", fromPath: "/mali/bamako/", toPath: "/mali/mopti/", validFrom: "2026-01-01", validUntil: "2026-12-31", status: "approved" };
  const leg = { operatorId: "op", organisationId: "wfp", fromPath: "/mali/bamako/station/", toPath: "/mali/mopti/station/", day: "2026-06-01" };
  it("covers a leg between places inside its ends, in either direction, within its validity", () => {
    expect(rmtCovers(rmt, leg)).toBe(true);
    expect(rmtCovers(rmt, { ...leg, fromPath: leg.toPath, toPath: leg.fromPath })).toBe(true);
  });
  it("does not cover another operator, organisation, route, day, or an RMT not approved", () => {
    expect(rmtCovers(rmt, { ...leg, operatorId: "other" })).toBe(false);
    expect(rmtCovers(rmt, { ...leg, organisationId: "unicef" })).toBe(false);
    expect(rmtCovers(rmt, { ...leg, toPath: "/mali/gao/" })).toBe(false);
    expect(rmtCovers(rmt, { ...leg, day: "2027-01-01" })).toBe(false);
    expect(rmtCovers({ ...rmt, status: "submitted" }, leg)).toBe(false);
  });
});

describe("the RMT's input", () => {
  it("names validUntil before validFrom, and a scale position off the matrix", () => {
    const id = "3f1e7a1c-1d2b-4c3d-8e4f-5a6b7c8d9e0f";
    const parsed = rmtInput.safeParse({ operatorId: id, organisationId: id, fromPlaceId: id, toPlaceId: "4f1e7a1c-1d2b-4c3d-8e4f-5a6b7c8d9e0f", likelihood: 2, impact: 2, justification: "x", mitigations: "y", validFrom: "2026-02-01", validUntil: "2026-01-01" });
    expect(parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join("."))).toEqual(["validUntil"]);
    expect(scaleProblem({ likelihood: 5, impact: 5 }, { likelihood: 6, impact: 1 })?.field).toBe("likelihood");
  });
  it("lets each transport name only its kinds of operator", () => {
    expect(operatorKindsFor.commercial_air).toEqual(["airline"]);
    expect(operatorKindsFor.charter).toEqual(["charter_operator"]);
    expect(operatorKindsFor.donated_flight).toEqual(["donated_flight_provider"]);
  });
});

describe("an air leg's clearance", () => {
  const base: LegFacts = {
    level: 1,
    rules: defaultClearanceRules,
    courseNames: {},
    activity: null,
    today: "2026-01-01",
    returnOn: "2026-02-01",
    leadDaysGiven: 30,
    isLateNotification: false,
    present: { total: 0, international: 0, byOrganisation: {} },
    suspendedOrganisations: [],
    air: null,
  };
  const air = (over: Partial<NonNullable<LegFacts["air"]>>) => evaluateLeg({ ...base, air: { operator: "X", category: "unrestricted", rmt: null, rmtMandatory: true, ...over } }, []).outcome;
  it("refuses Restricted, blocks a Conditional without a mandatory RMT, reviews an advisory one, and clears with an approved RMT", () => {
    expect(air({ category: "restricted" })).toBe("refused");
    expect(air({ category: "conditional" })).toBe("blocked");
    expect(air({ category: "conditional", rmtMandatory: false })).toBe("review");
    expect(air({ category: "conditional", rmt: { level: "high", approved: true } })).toBe("cleared");
    expect(air({})).toBe("cleared");
  });
  it("never clears a charter or a donated flight automatically", () => {
    expect(air({ reviewedKind: "charter_operator" })).toBe("review");
    expect(air({ reviewedKind: "donated_flight_provider" })).toBe("review");
  });
});
