import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { addMonths } from "../../../../core/risk/srm-review.ts";
import { multipartPayload } from "../../../authorization/matrix-driver.ts";
import { clock, todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";
import { decisionsTestKit } from "../risk-test-support.ts";

/**
 * Issue 12 §3.3 and §3.10 on the demo data: Mali's SRM version 1 (approved, its review overdue,
 * the registration in Gao accepted by the DO) and version 2 in draft (the abduction risk raised).
 * The review date of a new version, the link from older versions, the DO's return for revision,
 * the notice of a submission, the "awaiting your decision" list, carrying acceptances over, and
 * the evidence a verified measure needs.
 */
const deskOfficer = "desk.mali@vigil.example";
let t: TestApp;
const kit = decisionsTestKit(() => t);
const { place, send, auditOf } = kit;
type Assessment = { id: string; version: number; status: string; reviewDueOn: string; reviewOverdue: boolean; actions: string[]; newerVersion: { id: string; version: number; status: string } | null; returnedForRevision: { byName: string; reason: string } | null };
type Decision = { kind: string; id: string; placeName: string; subject: string | null; details: Record<string, unknown> };
type BoardItem = { activityKey: string; activityName: string; status: string; canAccept: boolean; acceptances: { carriedFromId: string | null; isCurrent: boolean }[]; previousDecision: { version: number; carriesOver: boolean; changes: string[] } | null };
let v1: Assessment;
let v2: Assessment;

const get = async (id: string) => (await send(demo.pcsaMali, "GET", `/api/srm-assessments/${id}`)).json() as Assessment;
const awaiting = async (email: string) => {
  const response = await send(email, "GET", "/api/decisions/awaiting");
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as Decision[];
};
const board = async (id: string) => (await send(demo.doMali, "GET", `/api/srm-assessments/${id}/acceptable-risk`)).json() as { items: BoardItem[]; carryOver: { fromVersion: number; carriedOver: { activityName: string }[]; needNewDecision: { activityName: string; changes: string[] }[] } | null };
const notices = async (email: string, id: string) => ((await send(email, "GET", "/api/notifications?pageSize=200")).json().items as { entityId: string; kind: string; title: string; body: string }[]).filter((item) => item.entityId === id);

beforeAll(async () => {
  t = await startTestApp();
  await kit.load();
  const list = (await send(demo.pcsaMali, "GET", "/api/srm-assessments?allVersions=true&pageSize=50")).json().items as { id: string; title: string; version: number }[];
  const mali = list.filter((item) => item.title === "Security risk management: Mali");
  v1 = await get(mali.find((item) => item.version === 1)?.id as string);
  v2 = await get(mali.find((item) => item.version === 2)?.id as string);
});
afterAll(async () => {
  await t?.close();
});

describe("SRM versions and the DO's decisions (issue 12 §3.3)", () => {
  it("a new version proposes the next review a year ahead, not the overdue date of the version it copies", () => {
    expect(v1.reviewOverdue).toBe(true);
    expect(v2.reviewDueOn).toBe(addMonths(todayIso(), 12));
  });

  it("links older versions to the draft in progress", () => {
    expect(v1.newerVersion).toEqual({ id: v2.id, version: 2, status: "draft" });
    expect(v2.newerVersion).toBe(null);
  });

  it("lists the risk the DO has still to accept on the version in force, and nothing for those who decide nothing", async () => {
    const mine = await awaiting(demo.doMali);
    expect(mine).toContainEqual(expect.objectContaining({ kind: "risk_acceptance", id: v1.id, subject: "Food distribution in Douentza", placeName: "Mali" }));
    for (const email of [demo.pcsaMali, demo.staff, demo.analyst, demo.ascMopti]) expect(await awaiting(email), email).toEqual([]);
  });

  it("lets the DO accept on version 1 while version 2 is drafted; the board of version 2 says which acceptances hold", async () => {
    const food = (await board(v1.id)).items.find((item) => item.activityName.startsWith("Food distribution")) as BoardItem;
    const accepted = await send(demo.doMali, "POST", `/api/srm-assessments/${v1.id}/acceptances`, { activityKey: food.activityKey, reason: "Lifesaving food for 40,000 people; escorts are in place." });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect((await awaiting(demo.doMali)).filter((item) => item.kind === "risk_acceptance")).toEqual([]);
    const draftBoard = await board(v2.id);
    const byName = (name: string) => draftBoard.items.find((item) => item.activityName.startsWith(name)) as BoardItem;
    expect(byName("Food distribution").previousDecision).toMatchObject({ version: 1, carriesOver: true, changes: [] });
    // The abduction in Gao rose from (4,4) to (5,4): another risk, another level.
    expect(byName("Refugee registration").previousDecision).toMatchObject({ version: 1, carriesOver: false, changes: ["risk_changed", "residual_level_changed"] });
    expect(byName("Measles vaccination").previousDecision).toBe(null);
    expect(draftBoard.carryOver).toMatchObject({
      fromVersion: 1,
      carriedOver: [{ activityName: "Food distribution in Douentza" }],
      needNewDecision: [{ activityName: "Refugee registration in Gao", changes: ["risk_changed", "residual_level_changed"] }],
    });
  });

  it("refuses to submit a version whose review date is reached (422 on reviewDueOn)", async () => {
    for (const date of [addDays(todayIso(), -1), todayIso()]) {
      expect((await send(demo.pcsaMali, "PATCH", `/api/srm-assessments/${v2.id}`, { reviewDueOn: date })).statusCode).toBe(200);
      const refused = await send(demo.pcsaMali, "POST", `/api/srm-assessments/${v2.id}/submit`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().issues.map((issue: { field: string }) => issue.field)).toEqual(["reviewDueOn"]);
    }
  });

  it("tells the DO of a submission, and lists it as awaiting their decision", async () => {
    expect((await send(demo.pcsaMali, "PATCH", `/api/srm-assessments/${v2.id}`, { reviewDueOn: addDays(todayIso(), 1) })).statusCode).toBe(200);
    const submitted = await send(demo.pcsaMali, "POST", `/api/srm-assessments/${v2.id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().actions).toEqual(["return_to_draft"]);
    expect(await notices(demo.doMali, v2.id)).toMatchObject([{ kind: "srm_submitted", title: "SRM awaiting your decision: Mali" }]);
    expect(await notices(demo.pcsaMali, v2.id)).toEqual([]);
    expect(await awaiting(demo.doMali)).toContainEqual(expect.objectContaining({ kind: "srm_approval", id: v2.id, subject: "Security risk management: Mali", details: expect.objectContaining({ version: 2 }) }));
    expect((await send(demo.doMali, "GET", `/api/srm-assessments/${v2.id}`)).json().actions).toEqual(["approve", "return_for_revision"]);
  });

  it("refuses the approval once the review date is reached while in review (422 on reviewDueOn)", async () => {
    const real = clock.now;
    clock.now = () => new Date(real().getTime() + 2 * 24 * 3600 * 1000);
    try {
      const refused = await send(demo.doMali, "POST", `/api/srm-assessments/${v2.id}/approve`, { smtConsultedOn: todayIso() });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().issues[0]).toMatchObject({ field: "reviewDueOn" });
      expect(refused.json().issues[0].message).toContain("return it for revision");
    } finally {
      clock.now = real;
    }
  });

  it("lets the DO return it for revision with a reason (400 without; 403 for the P/C/SA), audited, the author told", async () => {
    const url = `/api/srm-assessments/${v2.id}/return-for-revision`;
    const noReason = await send(demo.doMali, "POST", url, {});
    expect([noReason.statusCode, noReason.json().issues[0].field]).toEqual([400, "reason"]);
    expect((await send(demo.doMali, "POST", url, { reason: "short" })).statusCode).toBe(400);
    expect((await send(demo.pcsaMali, "POST", url, { reason: "Please revise the road scenarios." })).statusCode).toBe(403);
    const reason = "Set the next review after the rainy season and add the flood scenario.";
    const returned = await send(demo.doMali, "POST", url, { reason });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: "draft", returnedForRevision: { byName: "DO Mali", reason } });
    expect((await send(demo.doMali, "POST", url, { reason })).statusCode).toBe(409);
    const [entry] = (await auditOf("srm_assessment", v2.id)).filter((item) => item.action === "return_for_revision");
    expect(entry).toMatchObject({ actor_name: "DO Mali", changes: { status: { from: "in_review", to: "draft" }, returnReason: { from: null, to: reason } } });
    expect(await notices(demo.pcsaMali, v2.id)).toMatchObject([{ kind: "srm_returned", body: `DO Mali returned version 2 of the assessment: ${reason}` }]);
    const mails = await t.database.query<{ recipients: string[]; subject: string }>("select recipients, subject from email_outbox where entity_id = $1 and kind = 'srm_returned'", [v2.id]);
    expect(mails).toEqual([{ recipients: [demo.pcsaMali], subject: "[Vigil] SRM assessment returned for revision: Mali" }]);
    expect((await awaiting(demo.doMali)).filter((item) => item.kind === "srm_approval")).toEqual([]);
  });

  it("on approval carries over the acceptances that hold, says which need a new decision, and supersedes version 1", async () => {
    expect((await send(demo.pcsaMali, "PATCH", `/api/srm-assessments/${v2.id}`, { reviewDueOn: addMonths(todayIso(), 6) })).statusCode).toBe(200);
    expect((await send(demo.pcsaMali, "POST", `/api/srm-assessments/${v2.id}/submit`)).statusCode).toBe(200);
    const approved = await send(demo.doMali, "POST", `/api/srm-assessments/${v2.id}/approve`, { smtConsultedOn: todayIso() });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: "approved",
      reviewOverdue: false,
      returnedForRevision: null,
      acceptanceCarryOver: {
        fromVersion: 1,
        carriedOver: [{ activityName: "Food distribution in Douentza" }],
        needNewDecision: [{ activityName: "Refugee registration in Gao", changes: ["risk_changed", "residual_level_changed"] }],
      },
    });
    const after = await board(v2.id);
    const food = after.items.find((item) => item.activityName.startsWith("Food distribution")) as BoardItem;
    const registration = after.items.find((item) => item.activityName.startsWith("Refugee registration")) as BoardItem;
    expect(food.status).toBe("accepted");
    expect(food.acceptances).toMatchObject([{ isCurrent: true, carriedFromId: expect.any(String) }]);
    // Very high now, for a PC2 activity: only PC1 may go ahead at that risk, so it is blocked until its criticality is reviewed.
    expect([registration.status, registration.canAccept]).toEqual(["blocked", false]);
    const entries = await t.database.query<{ action: string }>("select action from audit_log where entity_type = 'risk_acceptance' and action = 'carry_over_acceptance'");
    expect(entries).toHaveLength(1);
    expect((await awaiting(demo.doMali)).filter((item) => item.kind === "risk_acceptance")).toEqual([]);
    expect((await get(v1.id)).status).toBe("superseded");
  });

  it("lists security level changes awaiting the DO's approval, then the desk officer's endorsement", async () => {
    const levels = { armed_conflict: 3, terrorism: 4, crime: 4, civil_unrest: 3, hazards: 2 };
    const proposed = await send(demo.pcsaMali, "POST", "/api/security-level-changes", { placeId: place("Bamako Security Area"), levels, overall: 4 });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const id = proposed.json().id;
    expect(await awaiting(demo.doMali)).toContainEqual(expect.objectContaining({ kind: "security_level_approval", id, placeName: "Bamako Security Area", details: { overall: 4 } }));
    expect(await awaiting(deskOfficer)).toEqual([]);
    expect((await send(demo.doMali, "POST", `/api/security-level-changes/${id}/approve`)).statusCode).toBe(200);
    expect((await awaiting(demo.doMali)).some((item) => item.id === id)).toBe(false);
    expect(await awaiting(deskOfficer)).toEqual([expect.objectContaining({ kind: "security_level_endorsement", id })]);
  });
});

describe("a verified measure needs evidence or a verification note (issue 12 §3.10)", () => {
  const pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";
  const base = { kind: "area", category: "premises", title: "Blast film on the Bamako office windows", ownerName: "P/C/SA Mali", dueOn: todayIso() };

  it("refuses verified with neither (422 on verificationNote), accepts a note, or evidence attached first", async () => {
    const verified = { status: "verified", implementedOn: addDays(todayIso(), -2), verifiedOn: todayIso() };
    const bare = await send(demo.pcsaMali, "POST", "/api/srm-measures", { ...base, placeId: place("Mali"), ...verified });
    expect(bare.statusCode).toBe(422);
    expect(bare.json().issues.map((issue: { field: string }) => issue.field)).toEqual(["verificationNote"]);
    const noted = await send(demo.pcsaMali, "POST", "/api/srm-measures", { ...base, placeId: place("Mali"), ...verified, verificationNote: "Checked every window on site." });
    expect(noted.statusCode, noted.body).toBe(201);
    expect(noted.json().verificationNote).toBe("Checked every window on site.");

    const measure = (await send(demo.pcsaMali, "POST", "/api/srm-measures", { ...base, placeId: place("Mali"), status: "implemented", implementedOn: addDays(todayIso(), -2) })).json();
    expect((await send(demo.pcsaMali, "PATCH", `/api/srm-measures/${measure.id}`, { status: "verified", verifiedOn: todayIso() })).statusCode).toBe(422);
    const part = multipartPayload({ field: "file", fileName: "inspection.pdf", contentType: "application/pdf", content: pdf });
    const added = await t.request(demo.pcsaMali, { method: "POST", url: `/api/srm-measures/${measure.id}/evidence`, payload: part.payload, headers: { "content-type": part.contentType } });
    expect(added.statusCode, added.body).toBe(201);
    const withEvidence = await send(demo.pcsaMali, "PATCH", `/api/srm-measures/${measure.id}`, { status: "verified", verifiedOn: todayIso() });
    expect(withEvidence.statusCode, withEvidence.body).toBe(200);
    // Its only evidence stays until a note says how it was verified.
    const removal = await send(demo.pcsaMali, "DELETE", `/api/srm-measures/${measure.id}/evidence/${added.json().fileId}`);
    expect([removal.statusCode, removal.json().issues[0].field]).toEqual([422, "fileId"]);
    expect((await send(demo.pcsaMali, "PATCH", `/api/srm-measures/${measure.id}`, { verificationNote: "Inspection report filed." })).statusCode).toBe(200);
    expect((await send(demo.pcsaMali, "DELETE", `/api/srm-measures/${measure.id}/evidence/${added.json().fileId}`)).statusCode).toBe(204);
  });

  it("has no verified measure without evidence or a note in the demo data", async () => {
    const rows = await t.database.query<{ title: string }>(
      "select title from srm_measures m where status = 'verified' and coalesce(trim(verification_note), '') = '' and not exists (select 1 from srm_measure_evidence e where e.measure_id = m.id)",
    );
    expect(rows).toEqual([]);
  });

  it("has a security level in force for every Security Area of Mali in the demo data", async () => {
    const levels = (await send(demo.staff, "GET", "/api/security-levels")).json().items as { placeName: string; overall: number | null }[];
    expect(levels.find((item) => item.placeName === "Mopti Security Area")?.overall).toBe(4);
  });
});
