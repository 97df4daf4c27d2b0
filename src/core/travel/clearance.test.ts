import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reasonText } from "./clearance-reasons.ts";
import { type LegFacts, type Reason, type TravellerFacts, defaultClearanceRules, evaluateLeg, legOutcomes, tripOutcome } from "./clearance.ts";
import { itineraryProblems, legInput } from "./itinerary.ts";

const traveller = (overrides: Partial<TravellerFacts> = {}): TravellerFacts => ({
  name: "Aminata Traoré",
  isPersonnel: true,
  certificates: { BSAFE: { courseName: "BSAFE", expiresOn: "2028-01-01" } },
  internationallyRecruited: false,
  organisation: "UNICEF",
  ...overrides,
});

const facts = (overrides: Partial<LegFacts> = {}): LegFacts => ({
  level: 2,
  rules: defaultClearanceRules,
  courseNames: { BSAFE: "BSAFE" },
  activity: null,
  today: "2026-12-07",
  returnOn: "2026-12-20",
  leadDaysGiven: 10,
  isLateNotification: false,
  present: { total: 0, international: 0, byOrganisation: {} },
  suspendedOrganisations: [],
  air: null,
  ...overrides,
});

const codes = (reasons: Reason[]) => reasons.map((reason) => reason.code);

describe("clearance of a leg", () => {
  it("clears at once up to the automatic level, with the reason", () => {
    expect(evaluateLeg(facts(), [traveller()])).toEqual({ outcome: "cleared", reviewer: "none", reasons: [{ code: "level_auto", level: 2 }] });
  });

  it("sends a level above the automatic one to the area's reviewers, and levels 5–6 to the DO", () => {
    expect(evaluateLeg(facts({ level: 3 }), [traveller()])).toMatchObject({ outcome: "review", reviewer: "area" });
    expect(evaluateLeg(facts({ level: 3, rules: { ...defaultClearanceRules, autoMaxLevel: 3 } }), [traveller()]).outcome).toBe("cleared");
    const high = evaluateLeg(facts({ level: 5, activity: { name: "Vaccination", status: "accepted" } }), [traveller()]);
    expect(high).toMatchObject({ outcome: "review", reviewer: "do" });
  });

  it("at levels 5–6 blocks a trip without an activity, or whose activity the acceptable-risk decision does not allow", () => {
    expect(codes(evaluateLeg(facts({ level: 6 }), [traveller()]).reasons)).toContain("activity_missing");
    const blocked = evaluateLeg(facts({ level: 5, activity: { name: "Survey", status: "blocked" } }), [traveller()]);
    expect(blocked.outcome).toBe("blocked");
    expect(blocked.reasons).toContainEqual({ code: "activity_blocked", activity: "Survey" });
    expect(evaluateLeg(facts({ level: 5, activity: { name: "Survey", status: "needs_acceptance" } }), [traveller()]).outcome).toBe("blocked");
  });

  it("blocks a traveller without BSAFE valid through the return, naming the course and the date", () => {
    const expired = evaluateLeg(facts(), [traveller({ certificates: { BSAFE: { courseName: "BSAFE", expiresOn: "2026-11-30" } } })]);
    expect(expired.outcome).toBe("blocked");
    expect(expired.reasons).toContainEqual({ code: "training_expired", traveller: "Aminata Traoré", course: "BSAFE", expiresOn: "2026-11-30" });
    expect(reasonText(expired.reasons[1], "en")).toBe("Aminata Traoré's BSAFE expired on 2026-11-30");
    expect(reasonText(expired.reasons[1], "fr")).toBe("Le certificat BSAFE de Aminata Traoré a expiré le 30/11/2026");
    const lapses = evaluateLeg(facts(), [traveller({ certificates: { BSAFE: { courseName: "BSAFE", expiresOn: "2026-12-19" } } })]);
    expect(codes(lapses.reasons)).toContain("training_lapses");
    expect(codes(evaluateLeg(facts(), [traveller({ certificates: {} })]).reasons)).toContain("training_missing");
  });

  it("asks for every course the area requires, but no training of a dependant", () => {
    const rules = { ...defaultClearanceRules, requiredCourseCodes: ["SSAFE"] };
    const decision = evaluateLeg(facts({ rules, courseNames: { BSAFE: "BSAFE", SSAFE: "SSAFE" } }), [traveller(), traveller({ name: "Child", isPersonnel: false, certificates: {} })]);
    expect(decision.reasons.filter((reason) => reason.code === "training_missing")).toEqual([{ code: "training_missing", traveller: "Aminata Traoré", course: "SSAFE" }]);
  });

  it("never clears a late request or a late notification automatically", () => {
    expect(evaluateLeg(facts({ leadDaysGiven: 3 }), [traveller()])).toMatchObject({ outcome: "review", reviewer: "area" });
    expect(codes(evaluateLeg(facts({ isLateNotification: true, leadDaysGiven: -2 }), [traveller()]).reasons)).toEqual(["level_auto", "late_notification"]);
  });

  it("sends a trip over a ceiling to review with the figures, per organisation when the area says so", () => {
    const rules = { ...defaultClearanceRules, ceilingTotal: 10, ceilingInternational: 2, ceilingPerOrganisation: true };
    const present = { total: 12, international: 2, byOrganisation: { UNICEF: { total: 9, international: 2 } } };
    const decision = evaluateLeg(facts({ rules, present }), [traveller({ internationallyRecruited: true })]);
    expect(decision.outcome).toBe("review");
    expect(decision.reasons).toContainEqual({ code: "ceiling", kind: "international", present: 2, adding: 1, limit: 2, organisation: "UNICEF" });
    expect(decision.reasons.some((reason) => reason.code === "ceiling" && reason.kind === "total")).toBe(false);
  });

  it("sends the staff of a suspended organisation to review, never automatic", () => {
    const decision = evaluateLeg(facts({ suspendedOrganisations: [{ organisation: "UNICEF", reason: "compliance mission ignored" }] }), [traveller()]);
    expect(decision).toMatchObject({ outcome: "review", reviewer: "area" });
    expect(evaluateLeg(facts({ suspendedOrganisations: [{ organisation: "WFP", reason: "x" }] }), [traveller()]).outcome).toBe("cleared");
  });

  it("refuses a Restricted operator; a Conditional one needs an approved RMT, mandatory or advisory", () => {
    const air = (category: "unrestricted" | "conditional" | "restricted", rmt: { level: string; approved: boolean } | null, rmtMandatory: boolean) => ({ operator: "Air X", category, rmt, rmtMandatory });
    expect(evaluateLeg(facts({ air: air("restricted", null, false) }), [traveller()]).outcome).toBe("refused");
    expect(evaluateLeg(facts({ air: air("conditional", null, true) }), [traveller()]).outcome).toBe("blocked");
    expect(evaluateLeg(facts({ air: air("conditional", null, false) }), [traveller()]).outcome).toBe("review");
    expect(evaluateLeg(facts({ air: air("conditional", { level: "high", approved: true }, true) }), [traveller()]).outcome).toBe("cleared");
    expect(evaluateLeg(facts({ air: air("unrestricted", null, true) }), [traveller()]).outcome).toBe("cleared");
  });

  it("is never cleared while any reason asks for more, and a reviewer is named whenever it is not cleared", () => {
    const arbitraryFacts = fc.record({
      level: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
      leadDaysGiven: fc.integer({ min: -3, max: 30 }),
      isLateNotification: fc.boolean(),
      expiresOn: fc.constantFrom("2026-01-01", "2026-12-10", "2030-01-01"),
      activity: fc.option(fc.record({ name: fc.constant("A"), status: fc.constantFrom("allowed", "accepted", "needs_acceptance", "blocked", "no_pc") as fc.Arbitrary<"allowed"> })),
      present: fc.integer({ min: 0, max: 20 }),
      category: fc.option(fc.constantFrom("unrestricted", "conditional", "restricted") as fc.Arbitrary<"conditional">),
    });
    fc.assert(
      fc.property(arbitraryFacts, (input) => {
        const rules = { ...defaultClearanceRules, ceilingTotal: 15 };
        const legFacts = facts({
          level: input.level,
          leadDaysGiven: input.leadDaysGiven,
          isLateNotification: input.isLateNotification,
          activity: input.activity,
          rules,
          present: { total: input.present, international: 0, byOrganisation: {} },
          air: input.category ? { operator: "Air X", category: input.category, rmt: null, rmtMandatory: true } : null,
        });
        const decision = evaluateLeg(legFacts, [traveller({ certificates: { BSAFE: { courseName: "BSAFE", expiresOn: input.expiresOn } } })]);
        const asksMore = decision.reasons.some((reason) => reason.code !== "level_auto" && reason.code !== "operator_conditional_rmt");
        expect(decision.outcome === "cleared").toBe(!asksMore);
        expect(decision.reviewer === "none").toBe(decision.outcome === "cleared");
        if (input.level !== null && input.level >= 5) expect(decision.reviewer).toBe("do");
        for (const reason of decision.reasons) expect(reasonText(reason, "fr")).not.toMatch(/undefined/);
      }),
    );
  });

  it("gives a trip the most severe of its legs' outcomes", () => {
    expect(tripOutcome([{ outcome: "cleared" }, { outcome: "review" }])).toBe("review");
    expect(tripOutcome([{ outcome: "blocked" }, { outcome: "refused" }])).toBe("refused");
    expect(tripOutcome([])).toBe("cleared");
    expect(legOutcomes[0]).toBe("refused");
  });
});

describe("itinerary checks", () => {
  const hour = 3_600_000;
  const now = Date.UTC(2026, 11, 7);
  const leg = (from: string, to: string, departure: number, arrival: number) => ({ fromPlaceId: from, toPlaceId: to, departureAt: now + departure * hour, arrivalAt: now + arrival * hour, transport: "road" as const });

  it("accepts legs in order, each leaving from where the last arrived", () => {
    expect(itineraryProblems([leg("bko", "mpt", 24, 34), leg("mpt", "bko", 72, 82)], now, false, "en")).toEqual([]);
  });

  it("names each field at fault, in the reader's language", () => {
    const problems = itineraryProblems([leg("bko", "mpt", 24, 20), leg("gao", "bko", 10, 30)], now, false, "fr");
    expect(problems.map((problem) => problem.field)).toEqual(["legs.0.arrivalLocal", "legs.1.fromPlaceId", "legs.1.departureLocal"]);
    expect(problems[0].message).toBe("doit suivre le départ");
  });

  it("refuses a departure in the past unless recorded as a late notification, and an air leg without operator", () => {
    expect(itineraryProblems([leg("bko", "mpt", -5, 5)], now, false, "en")).toEqual([
      { field: "legs.0.departureLocal", message: "is in the past: record the trip as a late notification" },
    ]);
    expect(itineraryProblems([leg("bko", "mpt", -5, 5)], now, true, "en")).toEqual([]);
    expect(itineraryProblems([{ ...leg("bko", "mpt", 5, 6), transport: "commercial_air" }], now, false, "en")[0].field).toBe("legs.0.operatorId");
  });

  it("takes only real local dates in the years Vigil accepts (no 31 February, no 9999, no 25:00)", () => {
    const leg = { fromPlaceId: "7d1c5b1e-0000-4000-8000-000000000001", toPlaceId: "7d1c5b1e-0000-4000-8000-000000000002", arrivalLocal: "2027-01-10T16:00", transport: "road" };
    expect(legInput.safeParse({ ...leg, departureLocal: "2027-01-10T07:00" }).success).toBe(true);
    for (const departureLocal of ["2027-02-31T07:00", "9999-01-01T07:00", "2027-01-10T25:00", "2027-01-10"]) {
      expect(legInput.safeParse({ ...leg, departureLocal }).success, departureLocal).toBe(false);
    }
  });
});
