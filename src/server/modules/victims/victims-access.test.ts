import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";
import { victimsTestKit } from "./victims-test-support.ts";

/**
 * The register is confidential (IASMN 2015): the P/C/SA, or the CSFP, of the area only. Not
 * the DO, not the analyst, not the administrator; out of the area a case is "not found", as
 * a missing one. Every read, the list included, leaves a `read_sensitive` audit entry.
 */
let t: TestApp;
const kit = victimsTestKit(() => t);
const { send, openCase, auditOf } = kit;
const unknownId = "00000000-0000-4000-8000-000000000000";
const csfpHaiti = "csfp.haiti@victims.example";
const csfpMali = "csfp.mali@victims.example";
const password = "victims-test-passphrase-2026";
const notFound = { error: "not_found", message: "Victim case not found" };

let caseId: string;
let haitiCaseId: string;
let incidentId: string;

/** An account for the person holding (or now given) a CSFP appointment. */
async function csfpAccount(email: string, personId: string) {
  const response = await send(demo.admin, "POST", "/api/users", { email, displayName: email.split("@")[0], password, personId });
  expect(response.statusCode, response.body).toBe(201);
  await t.login(email, password);
}

beforeAll(async () => {
  t = await startTestApp();
  await kit.loadPlaces();
  const [haitiCsfp] = await t.database.query<{ person_id: string }>(
    "select a.person_id from appointments a join places p on p.id = a.place_id where a.role = 'csfp' and p.name = 'Haiti'",
  );
  await csfpAccount(csfpHaiti, haitiCsfp.person_id);
  incidentId = await kit.incident(demo.pcsaMali);
  caseId = (await openCase(demo.pcsaMali, { incidentId, victimName: "Confidential Victim" })).id;
  const haitiIncident = await kit.incident(csfpHaiti, { place: { dutyStationId: kit.place("Port-au-Prince") }, timeZone: "America/Port-au-Prince" });
  haitiCaseId = (await openCase(csfpHaiti, { incidentId: haitiIncident, victimName: "Haitian Victim" })).id;
});
afterAll(() => t.close());

const readers = [demo.pcsaMali];
const outsiders = [demo.doMali, demo.analyst, demo.admin, demo.ascMopti, demo.repUnicefMali, demo.sfpWfpMali, demo.wardenBamako, demo.staff];

describe("who sees the register", () => {
  it("is the P/C/SA of the area, who sees the case in the list, in detail and in its history", async () => {
    for (const email of readers) {
      expect((await send(email, "GET", `/api/victim-cases/${caseId}`)).json()).toMatchObject({ victimName: "Confidential Victim" });
      const ids = (await send(email, "GET", "/api/victim-cases")).json().items.map((item: { id: string }) => item.id);
      expect(ids).toContain(caseId);
      expect(ids).not.toContain(haitiCaseId);
      expect((await send(email, "GET", `/api/history/victim_case/${caseId}`)).statusCode).toBe(200);
    }
  });

  it("is nobody else: the DO, the analyst and the administrator get nothing, not even the history", async () => {
    for (const email of outsiders) {
      const responses = [
        await send(email, "GET", "/api/victim-cases"),
        await send(email, "GET", `/api/victim-cases/${caseId}`),
        await send(email, "POST", "/api/victim-cases", { incidentId, victimName: "X", perpetratorKind: "state" }),
        await send(email, "PATCH", `/api/victim-cases/${caseId}`, { notes: "X" }),
        await send(email, "POST", `/api/victim-cases/${caseId}/follow-ups`, { action: "X", dueDate: todayIso() }),
      ];
      for (const response of responses) {
        expect(response.statusCode, email).toBe(403);
        expect(response.body).not.toContain("Confidential Victim");
      }
      const history = await send(email, "GET", `/api/history/victim_case/${caseId}`);
      expect(history.statusCode, email).toBe(404);
      expect(history.body).not.toContain("Confidential Victim");
    }
  });

  it("answers 404 to a CSFP of another area, exactly as for a missing case", async () => {
    for (const id of [caseId, unknownId]) {
      for (const [method, url, body] of [
        ["GET", `/api/victim-cases/${id}`, undefined],
        ["PATCH", `/api/victim-cases/${id}`, { notes: "X" }],
        ["POST", `/api/victim-cases/${id}/transition`, { to: "closed" }],
        ["POST", `/api/victim-cases/${id}/follow-ups`, { action: "X", dueDate: todayIso() }],
      ] as const) {
        const response = await send(csfpHaiti, method, url, body);
        expect(response.statusCode, `${method} ${url}`).toBe(404);
        expect(response.json()).toEqual(notFound);
      }
    }
    expect((await send(csfpHaiti, "GET", `/api/history/victim_case/${caseId}`)).statusCode).toBe(404);
    const ids = (await send(csfpHaiti, "GET", "/api/victim-cases")).json().items.map((item: { id: string }) => item.id);
    expect(ids).toEqual([haitiCaseId]);
    // An incident outside the caller's areas reads as a missing one.
    const elsewhere = await send(csfpHaiti, "POST", "/api/victim-cases", { incidentId, victimName: "X", perpetratorKind: "state" });
    const missing = await send(csfpHaiti, "POST", "/api/victim-cases", { incidentId: unknownId, victimName: "X", perpetratorKind: "state" });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json()).toEqual(missing.json());
    expect(elsewhere.json().issues).toEqual([{ field: "incidentId", message: "names an incident that does not exist" }]);
  });

  it("never shows a CSFP of the area (beside its P/C/SA) the case of a sexual assault they have no need-to-know of", async () => {
    const [bamakoPerson] = await t.database.query<{ id: string }>(
      "select p.id from persons p join places s on s.id = p.duty_station_id where s.name = 'Bamako' and p.user_id is null order by p.family_name limit 1",
    );
    const appointment = await send(demo.pcsaMali, "POST", "/api/appointments", {
      personId: bamakoPerson.id,
      role: "csfp",
      placeId: kit.place("Mali"),
      startsOn: todayIso(),
      appointedBy: "DO Mali",
    });
    expect(appointment.statusCode, appointment.body).toBe(201);
    await csfpAccount(csfpMali, bamakoPerson.id);
    const assault = await kit.incident(demo.pcsaMali, {
      categoryCode: "sexual_assault",
      description: "Restricted narrative.",
      peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "locally_recruited", sex: "female", count: 1 }],
    });
    const hidden = (await openCase(demo.pcsaMali, { incidentId: assault, victimName: "Need-to-know Victim" })).id;

    expect((await send(csfpMali, "GET", `/api/victim-cases/${caseId}`)).statusCode).toBe(200);
    expect((await send(csfpMali, "GET", `/api/victim-cases/${hidden}`)).json()).toEqual(notFound);
    expect((await send(csfpMali, "GET", `/api/history/victim_case/${hidden}`)).statusCode).toBe(404);
    const listed = await send(csfpMali, "GET", "/api/victim-cases?pageSize=200");
    expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(caseId);
    expect(listed.body).not.toContain("Need-to-know Victim");
  });
});

describe("every read is audited", () => {
  it("writes read_sensitive for each detail read and each history read, and none for a refused one", async () => {
    const before = (await auditOf("read_sensitive", caseId)).length;
    await send(demo.pcsaMali, "GET", `/api/victim-cases/${caseId}`);
    await send(demo.pcsaMali, "GET", `/api/history/victim_case/${caseId}`);
    await send(demo.doMali, "GET", `/api/victim-cases/${caseId}`);
    await send(csfpHaiti, "GET", `/api/victim-cases/${caseId}`);
    await send(demo.analyst, "GET", `/api/history/victim_case/${caseId}`);
    const reads = (await auditOf("read_sensitive", caseId)).slice(before);
    expect(reads.map((read) => read.actor_name)).toEqual(["P/C/SA Mali", "P/C/SA Mali"]);
    expect(reads[1].changes).toEqual({ via: { from: null, to: "history" } });
  });

  it("writes one read_sensitive entry per list call, naming the cases shown and the filters", async () => {
    const before = (await auditOf("read_sensitive", "list")).length;
    await send(demo.pcsaMali, "GET", "/api/victim-cases?status=open&q=confidential");
    await send(csfpHaiti, "GET", "/api/victim-cases?pageSize=5");
    await send(demo.doMali, "GET", "/api/victim-cases");
    const reads = (await auditOf("read_sensitive", "list")).slice(before);
    expect(reads.map((read) => read.actor_name)).toEqual(["P/C/SA Mali", "csfp.haiti"]);
    expect(reads[0].changes.shown.to).toEqual([caseId]);
    expect(reads[0].changes.filters.to).toMatchObject({ status: "open", q: "confidential", sort: "nextFollowUp" });
    expect(reads[1].changes.shown.to).toEqual([haitiCaseId]);
  });
});
