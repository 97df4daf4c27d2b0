import { describe, expect, it } from "vitest";
import { overdueMeasureMessage } from "./measure-overdue-message.ts";
import { type MeasureFacts, currencyCode, isMeasureOverdue, isOverdueNoticeDue, measureInput, measureProblems } from "./measures.schemas.ts";

const today = "2026-05-10";
const planned: MeasureFacts = { kind: "area", status: "planned" };
const fields = (facts: MeasureFacts) => measureProblems(facts, today).map((problem) => problem.field);

describe("measureProblems", () => {
  it("accepts a plain planned measure and a fully recorded verified one", () => {
    expect(measureProblems(planned, today)).toEqual([]);
    expect(
      measureProblems(
        {
          kind: "organisation",
          organisationId: "o",
          assessmentLineageId: "a",
          scenarioKey: "s",
          costAmount: 10,
          costCurrency: "USD",
          status: "verified",
          implementedOn: "2026-05-01",
          verifiedOn: today,
          evidenceCount: 1,
          effectiveness: 3,
          effectivenessNote: "Fewer incidents",
        },
        today,
      ),
    ).toEqual([]);
  });

  it.each<[string, MeasureFacts, string[]]>([
    ["organisation measure without organisation", { kind: "organisation", status: "planned" }, ["organisationId"]],
    ["scenario without assessment", { ...planned, scenarioKey: "s" }, ["scenarioKey"]],
    ["amount without currency", { ...planned, costAmount: 0 }, ["costCurrency"]],
    ["currency without amount", { ...planned, costCurrency: "USD" }, ["costAmount"]],
    ["implemented without date", { kind: "area", status: "implemented" }, ["implementedOn"]],
    ["in progress with an implementation date", { kind: "area", status: "in_progress", implementedOn: today }, ["implementedOn"]],
    ["verified without dates", { kind: "area", status: "verified", verificationNote: "Seen" }, ["implementedOn", "verifiedOn"]],
    ["verified with neither evidence nor a note", { kind: "area", status: "verified", implementedOn: today, verifiedOn: today, verificationNote: " " }, ["verificationNote"]],
    ["verified with evidence and no note", { kind: "area", status: "verified", implementedOn: today, verifiedOn: today, evidenceCount: 2 }, []],
    ["implemented with a verification date", { kind: "area", status: "implemented", implementedOn: today, verifiedOn: today }, ["verifiedOn"]],
    ["implemented tomorrow", { kind: "area", status: "implemented", implementedOn: "2026-05-11" }, ["implementedOn"]],
    ["verified before implemented", { kind: "area", status: "verified", implementedOn: "2026-05-05", verifiedOn: "2026-05-04", evidenceCount: 1 }, ["verifiedOn"]],
    ["rated before implemented", { ...planned, effectiveness: 2 }, ["effectiveness"]],
    ["a note without a rating", { kind: "area", status: "implemented", implementedOn: today, effectivenessNote: "Good" }, ["effectivenessNote"]],
  ])("names the field: %s", (_name, facts, expected) => {
    expect(fields(facts)).toEqual(expected);
  });

  it("counts an amount of 0 as given (a measure that cost nothing)", () => {
    expect(fields({ ...planned, costAmount: 0, costCurrency: "USD" })).toEqual([]);
  });
});

describe("the overdue rule", () => {
  it("is overdue after the due date, unless implemented or verified", () => {
    expect(isMeasureOverdue({ status: "planned", dueOn: "2026-05-09" }, today)).toBe(true);
    expect(isMeasureOverdue({ status: "in_progress", dueOn: "2026-05-09" }, today)).toBe(true);
    expect(isMeasureOverdue({ status: "planned", dueOn: today }, today)).toBe(false);
    expect(isMeasureOverdue({ status: "implemented", dueOn: "2026-01-01" }, today)).toBe(false);
    expect(isMeasureOverdue({ status: "verified", dueOn: "2026-01-01" }, today)).toBe(false);
  });

  it("notices once, then again after seven full days", () => {
    const first = new Date("2026-05-10T09:00:00Z");
    expect(isOverdueNoticeDue(null, first)).toBe(true);
    expect(isOverdueNoticeDue(first, new Date("2026-05-17T08:59:59Z"))).toBe(false);
    expect(isOverdueNoticeDue(first, new Date("2026-05-17T09:00:00Z"))).toBe(true);
  });

  it("words the notice in French for French readers, naming the area and its Designated Area", () => {
    const message = overdueMeasureMessage(
      {
        title: "Film anti-éclats",
        category: "premises",
        status: "in_progress",
        areaName: "Mopti Security Area",
        designatedAreaName: "Mali",
        organisationCode: "WFP",
        ownerName: "A. Coulibaly",
        dueOn: "2026-05-01",
        daysOverdue: 9,
        isReminder: true,
        link: "https://vigil.example.org/srm-measures/1",
      },
      "fr",
    );
    expect(message.subject).toBe("[Vigil] Rappel: Mesure GRS en retard: Film anti-éclats — Mopti Security Area (Mali) (échéance 2026-05-01)");
    expect(message.text).toContain("Catégorie: Locaux");
    expect(message.text).toContain("Statut: En cours");
    expect(message.text).toContain("Organisation responsable: WFP");
    expect(message.text).toContain("Date convenue: 2026-05-01 (9 jours de retard)");
  });
});

describe("the input schema", () => {
  it("takes ISO 4217 codes in any case, and refuses unknown ones", () => {
    expect(currencyCode.parse("xof")).toBe("XOF");
    expect(currencyCode.safeParse("ABC").success).toBe(false);
    expect(currencyCode.safeParse("US").success).toBe(false);
  });

  it("defaults a new measure to planned with no description", () => {
    const parsed = measureInput.parse({ kind: "baseline", placeId: "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b", category: "medical", title: "PEP kits", ownerName: "Medical officer", dueOn: today });
    expect(parsed).toMatchObject({ status: "planned", description: "" });
  });
});
