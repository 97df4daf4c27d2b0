import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { victimsTestKit } from "./victims-test-support.ts";

/**
 * The victims follow-up register (IASMN 2015): cases linked to incidents, the victim from a
 * personnel record or by name, follow-up actions with due dates, closing and reopening, and
 * every change in the case's history. Who may see it is in victims-access.test.ts.
 */
let t: TestApp;
const kit = victimsTestKit(() => t);
const { send, openCase, auditOf } = kit;
const get = (url: string) => send(demo.pcsaMali, "GET", url);
const pastDate = "2025-01-15";
const futureDate = "2099-06-30";

let incidentId: string;
let moptiIncidentId: string;
let person: { id: string; name: string };

beforeAll(async () => {
  t = await startTestApp();
  await kit.loadPlaces();
  incidentId = await kit.incident(demo.pcsaMali);
  moptiIncidentId = await kit.incident(demo.pcsaMali, { place: { dutyStationId: kit.place("Mopti") }, categoryCode: "abduction", peopleAffected: [{ outcome: "abducted", recruitmentType: "international", sex: "female", count: 1 }] });
  const [row] = await t.database.query<{ id: string; name: string }>(
    "select p.id, p.given_name || ' ' || p.family_name as name from persons p join places s on s.id = p.duty_station_id where s.name = 'Bamako' order by p.family_name limit 1",
  );
  person = row;
});
afterAll(() => t.close());

describe("opening a case", () => {
  it("takes the victim's name from the personnel record and the place from the incident, and audits the creation", async () => {
    const created = await openCase(demo.pcsaMali, {
      incidentId,
      victimPersonId: person.id,
      victimName: "Ignored when a record is linked",
      perpetratorKind: "state",
      perpetratorDetail: "Police patrol at a checkpoint",
      nextOfKinFocalPointName: "HR focal point",
      nextOfKinFocalPointContact: "+223 20 00 00 01",
    });
    expect(created).toMatchObject({
      incidentId,
      victimPersonId: person.id,
      victimName: person.name,
      placeName: "Bamako",
      perpetratorKind: "state",
      investigationStatus: "not_reported",
      judicialStatus: "none",
      status: "open",
      followUps: [],
      nextFollowUpDue: null,
      incident: { categoryCode: "injury_violence" },
    });
    expect(created.actions).toEqual(["update", "manage_follow_ups", "close"]);
    const [entry] = await t.database.query<{ action: string; changes: Record<string, { to: unknown }> }>(
      "select action, changes from audit_log where entity_type = 'victim_case' and entity_id = $1 order by seq",
      [created.id],
    );
    expect(entry.action).toBe("create");
    expect(entry.changes).toMatchObject({ victimName: { to: person.name }, perpetratorKind: { to: "state" }, incidentId: { to: incidentId } });
  });

  it("takes a free name when the victim has no personnel record", async () => {
    const created = await openCase(demo.pcsaMali, { incidentId, victimName: "  Aminata Traoré (dependant) ", perpetratorKind: "unknown" });
    expect(created).toMatchObject({ victimPersonId: null, victimName: "Aminata Traoré (dependant)" });
  });

  it("names the field at fault in every refusal", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ incidentId, perpetratorKind: "non_state" }, 422, "victimName"],
      [{ incidentId, victimName: "", perpetratorKind: "non_state" }, 400, "victimName"],
      [{ incidentId, victimName: "X", perpetratorKind: "rebels" }, 400, "perpetratorKind"],
      [{ incidentId, victimName: "X", perpetratorKind: "state", investigationStatus: "pending" }, 400, "investigationStatus"],
      [{ victimName: "X", perpetratorKind: "state" }, 400, "incidentId"],
      [{ incidentId: "00000000-0000-4000-8000-000000000000", victimName: "X", perpetratorKind: "state" }, 422, "incidentId"],
      [{ incidentId, victimPersonId: "00000000-0000-4000-8000-000000000000", perpetratorKind: "state" }, 422, "victimPersonId"],
      [{ incidentId, victimName: "X", perpetratorKind: "state", notes: "n".repeat(5001) }, 400, "notes"],
    ];
    for (const [body, status, field] of cases) {
      const response = await send(demo.pcsaMali, "POST", "/api/victim-cases", body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 120)).toBe(status);
      expect(response.json().issues.map((issue: { field: string }) => issue.field)).toEqual([field]);
    }
    const missingVictim = await send(demo.pcsaMali, "POST", "/api/victim-cases", { incidentId, perpetratorKind: "state" });
    expect(missingVictim.json().issues[0].message).toMatch(/required when no personnel record/);
  });
});

describe("changing a case", () => {
  it("changes only the fields a PATCH names, and records each change in the history", async () => {
    const created = await openCase(demo.pcsaMali, { incidentId, victimName: "Moussa Keita", investigationStatus: "under_investigation", judicialStatus: "charges_filed" });
    const patched = await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${created.id}`, { notes: "Family informed on 4 February." });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ notes: "Family informed on 4 February.", investigationStatus: "under_investigation", judicialStatus: "charges_filed", victimName: "Moussa Keita" });

    const relinked = (await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${created.id}`, { victimPersonId: person.id })).json();
    expect(relinked).toMatchObject({ victimPersonId: person.id, victimName: person.name });
    const unlinked = (await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${created.id}`, { victimPersonId: null })).json();
    expect(unlinked).toMatchObject({ victimPersonId: null, victimName: person.name });
    const noName = await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${created.id}`, { victimName: null });
    expect(noName.statusCode).toBe(422);
    expect(noName.json().issues[0].field).toBe("victimName");

    const history = (await get(`/api/history/victim_case/${created.id}`)).json().items as { action: string; changes: Record<string, { from: unknown; to: unknown }> }[];
    expect(history.map((entry) => entry.action)).toEqual(["create", "update", "update", "update"]);
    expect(history[1].changes).toEqual({ notes: { from: null, to: "Family informed on 4 February." } });
    expect(history[2].changes.victimName).toEqual({ from: "Moussa Keita", to: person.name });
  });

  it("closes a case (read-only, nothing overdue) and reopens it", async () => {
    const created = await openCase(demo.pcsaMali, { incidentId, victimName: "Closed case victim" });
    await send(demo.pcsaMali, "POST", `/api/victim-cases/${created.id}/follow-ups`, { action: "Call the family", dueDate: pastDate });
    const closed = await send(demo.pcsaMali, "POST", `/api/victim-cases/${created.id}/transition`, { to: "closed" });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ status: "closed", actions: ["reopen"], overdueFollowUpCount: 0 });
    expect(closed.json().followUps[0].isOverdue).toBe(false);

    const refused = [
      await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${created.id}`, { notes: "Too late" }),
      await send(demo.pcsaMali, "POST", `/api/victim-cases/${created.id}/follow-ups`, { action: "Another", dueDate: futureDate }),
    ];
    for (const response of refused) {
      expect(response.statusCode).toBe(422);
      expect(response.json().issues).toEqual([{ field: "status", message: "This case is closed: reopen it before changing it" }]);
    }
    const again = await send(demo.pcsaMali, "POST", `/api/victim-cases/${created.id}/transition`, { to: "closed" });
    expect(again.statusCode).toBe(422);
    expect(again.json().issues[0].field).toBe("to");

    const reopened = (await send(demo.pcsaMali, "POST", `/api/victim-cases/${created.id}/transition`, { to: "open" })).json();
    expect(reopened).toMatchObject({ status: "open", overdueFollowUpCount: 1 });
    const statuses = (await auditOf("update", created.id)).map((entry) => entry.changes.status);
    expect(statuses).toEqual([{ from: "open", to: "closed" }, { from: "closed", to: "open" }]);
  });
});

describe("follow-up actions", () => {
  let caseId: string;
  let overdueId: string;

  beforeAll(async () => {
    caseId = (await openCase(demo.pcsaMali, { incidentId: moptiIncidentId, victimName: "Follow-up victim" })).id;
  });

  it("are added with due dates; one past due makes the case overdue", async () => {
    const first = await send(demo.pcsaMali, "POST", `/api/victim-cases/${caseId}/follow-ups`, { action: "Ask the police for the investigation file", dueDate: futureDate, ownerName: "P/C/SA" });
    expect(first.statusCode, first.body).toBe(201);
    const second = (await send(demo.pcsaMali, "POST", `/api/victim-cases/${caseId}/follow-ups`, { action: "Debrief the next of kin", dueDate: pastDate })).json();
    expect(second.followUps.map((followUp: { action: string }) => followUp.action)).toEqual(["Debrief the next of kin", "Ask the police for the investigation file"]);
    expect(second).toMatchObject({ nextFollowUpDue: pastDate, openFollowUpCount: 2, overdueFollowUpCount: 1 });
    overdueId = second.followUps[0].id;
    expect(second.followUps[0]).toMatchObject({ isOverdue: true, doneAt: null });

    const bad = await send(demo.pcsaMali, "POST", `/api/victim-cases/${caseId}/follow-ups`, { action: " ", dueDate: "2026-02-30" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((issue: { field: string }) => issue.field).sort()).toEqual(["action", "dueDate"]);
  });

  it("are marked done (time-stamped) and undone, and changed field by field", async () => {
    const done = (await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${caseId}/follow-ups/${overdueId}`, { isDone: true })).json();
    const doneAction = done.followUps.find((followUp: { id: string }) => followUp.id === overdueId);
    expect(doneAction.doneAt).toEqual(expect.any(String));
    expect(done).toMatchObject({ overdueFollowUpCount: 0, openFollowUpCount: 1, nextFollowUpDue: futureDate });

    const undone = (await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${caseId}/follow-ups/${overdueId}`, { isDone: false })).json();
    expect(undone).toMatchObject({ overdueFollowUpCount: 1, openFollowUpCount: 2 });
    const moved = (await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${caseId}/follow-ups/${overdueId}`, { dueDate: todayIso() })).json();
    expect(moved.followUps.find((followUp: { id: string }) => followUp.id === overdueId)).toMatchObject({ dueDate: todayIso(), isOverdue: false, action: "Debrief the next of kin" });
  });

  it("are deleted, and every step is in the case's history with the action named", async () => {
    const removed = await send(demo.pcsaMali, "DELETE", `/api/victim-cases/${caseId}/follow-ups/${overdueId}`);
    expect(removed.statusCode).toBe(204);
    expect((await send(demo.pcsaMali, "DELETE", `/api/victim-cases/${caseId}/follow-ups/${overdueId}`)).statusCode).toBe(404);
    const history = (await get(`/api/history/victim_case/${caseId}`)).json().items as { action: string; changes: Record<string, { from: unknown; to: unknown }> }[];
    expect(history.map((entry) => entry.action)).toEqual(["create", "follow_up_add", "follow_up_add", "follow_up_update", "follow_up_update", "follow_up_update", "follow_up_delete"]);
    expect(history[2].changes).toMatchObject({ followUpId: { from: null, to: overdueId }, action: { from: null, to: "Debrief the next of kin" }, dueDate: { to: pastDate } });
    expect(Object.keys(history[3].changes).sort()).toEqual(["doneAt", "followUpId"]);
    expect(history[6].changes).toMatchObject({ followUpId: { from: overdueId, to: null }, action: { from: "Debrief the next of kin", to: null } });
  });

  it("of another case are not found", async () => {
    const other = await openCase(demo.pcsaMali, { incidentId, victimName: "Other victim" });
    const [followUp] = (await get(`/api/victim-cases/${caseId}`)).json().followUps;
    const response = await send(demo.pcsaMali, "PATCH", `/api/victim-cases/${other.id}/follow-ups/${followUp.id}`, { isDone: true });
    expect(response.statusCode).toBe(404);
  });
});

describe("the list", () => {
  type Item = { id: string; victimName: string; overdueFollowUpCount: number; nextFollowUpDue: string | null };
  const list = async (query: string) => {
    const response = await get(`/api/victim-cases?pageSize=200&${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: Item[]; total: number };
  };
  let overdue: string;
  let zoe: string;

  beforeAll(async () => {
    overdue = (await openCase(demo.pcsaMali, { incidentId: moptiIncidentId, victimName: "Listed Overdue", perpetratorKind: "state", investigationStatus: "referred_to_prosecution" })).id;
    await send(demo.pcsaMali, "POST", `/api/victim-cases/${overdue}/follow-ups`, { action: "Chase the prosecutor", dueDate: pastDate });
    zoe = (await openCase(demo.pcsaMali, { incidentId: moptiIncidentId, victimName: "Zoé Listed" })).id;
  });

  it("filters by status, perpetrator, investigation, place, incident, overdue actions and the victim's name", async () => {
    const ids = async (query: string) => (await list(query)).items.map((item) => item.id);
    expect(await ids("overdue=true")).toContain(overdue);
    expect(await ids("overdue=true")).not.toContain(zoe);
    expect(await ids("overdue=false")).toContain(zoe);
    expect(await ids("overdue=false")).not.toContain(overdue);
    expect(await ids("investigationStatus=referred_to_prosecution")).toEqual([overdue]);
    expect(await ids("perpetratorKind=state&q=listed")).toEqual([overdue]);
    expect(await ids("q=zoé")).toEqual([zoe]);
    expect(await ids(`incidentId=${moptiIncidentId}&q=listed`)).toHaveLength(2);
    expect(await ids(`placeId=${kit.place("Mopti Security Area")}&q=listed`)).toHaveLength(2);
    expect(await ids(`placeId=${kit.place("Bamako Security Area")}&q=listed`)).toEqual([]);
    expect(await ids("status=closed&q=listed")).toEqual([]);
    const bad = await get("/api/victim-cases?overdue=maybe&sort=age");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((issue: { field: string }) => issue.field).sort()).toEqual(["overdue", "sort"]);
  });

  it("sorts (next follow-up first by default, cases with nothing due last) and pages", async () => {
    const items = (await list("")).items;
    expect(items[0].nextFollowUpDue).toBe(pastDate);
    expect(items.at(-1)?.nextFollowUpDue).toBeNull();
    const byName = (await list("sort=victimName&order=desc")).items.map((item) => item.victimName);
    expect(byName[0]).toBe("Zoé Listed");
    expect(byName.at(-1)).toMatch(/^Aminata/);
    const pageOne = (await get("/api/victim-cases?sort=createdAt&pageSize=2&page=1")).json();
    const pageTwo = (await get("/api/victim-cases?sort=createdAt&pageSize=2&page=2")).json();
    expect(pageOne.total).toBe(items.length);
    expect(pageOne.items).toHaveLength(2);
    expect(pageTwo.items[0].id).not.toBe(pageOne.items[0].id);
    expect(pageTwo.items[0].id).not.toBe(pageOne.items[1].id);
  });
});
