import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { followUpSummary, isFollowUpOverdue, victimProblems } from "./victim-rules.ts";

const today = "2026-03-10";

describe("overdue follow-up actions", () => {
  it("are those not done and due before today, on an open case only", () => {
    expect(isFollowUpOverdue({ dueDate: "2026-03-09", doneAt: null }, today)).toBe(true);
    expect(isFollowUpOverdue({ dueDate: today, doneAt: null }, today)).toBe(false);
    expect(isFollowUpOverdue({ dueDate: "2026-03-09", doneAt: "2026-03-09T10:00:00Z" }, today)).toBe(false);
    expect(isFollowUpOverdue({ dueDate: "2026-03-09", doneAt: null }, today, "closed")).toBe(false);
  });

  it("are summarised as the next due date and the open and overdue counts", () => {
    const followUps = [
      { dueDate: "2026-04-01", doneAt: null },
      { dueDate: "2026-02-01", doneAt: new Date("2026-02-02T00:00:00Z") },
      { dueDate: "2026-03-01", doneAt: null },
    ];
    expect(followUpSummary(followUps, today, "open")).toEqual({ nextDueDate: "2026-03-01", openCount: 2, overdueCount: 1 });
    expect(followUpSummary(followUps, today, "closed")).toEqual({ nextDueDate: "2026-03-01", openCount: 2, overdueCount: 0 });
    expect(followUpSummary([], today, "open")).toEqual({ nextDueDate: null, openCount: 0, overdueCount: 0 });
  });

  it("never count more overdue than open actions, and the next due date is the earliest open one", () => {
    const date = fc.integer({ min: 0, max: 400 }).map((day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10));
    const followUp = fc.record({ dueDate: date, doneAt: fc.option(fc.constant("2026-01-01T00:00:00Z"), { nil: null }) });
    fc.assert(
      fc.property(fc.array(followUp, { maxLength: 12 }), date, (followUps, day) => {
        const summary = followUpSummary(followUps, day, "open");
        const open = followUps.filter((item) => item.doneAt === null).map((item) => item.dueDate).sort();
        expect(summary.overdueCount).toBeLessThanOrEqual(summary.openCount);
        expect(summary.nextDueDate).toBe(open[0] ?? null);
        expect(summary.overdueCount > 0).toBe(open.length > 0 && (open[0] as string) < day);
      }),
    );
  });
});

describe("the victim", () => {
  it("is a personnel record or a name, and the missing name is reported on its field", () => {
    expect(victimProblems({ victimPersonId: "b3c1f6c2-7d1e-4a55-9f8e-0c1d2e3f4a5b" })).toEqual([]);
    expect(victimProblems({ victimName: "Aminata Traoré" })).toEqual([]);
    expect(victimProblems({ victimName: "   " })).toEqual([expect.objectContaining({ field: "victimName" })]);
    expect(victimProblems({ victimPersonId: null, victimName: null })).toEqual([expect.objectContaining({ field: "victimName" })]);
  });
});
