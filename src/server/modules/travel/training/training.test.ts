import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * Training (issue 13 §1): the course catalogue and people's certificates, with the expiry computed
 * from the course, set by hand only with a reason, and every change audited. Who may do what is in
 * training.matrix.ts (the authorization matrix).
 */
let t: TestApp;
let bsafe: string;
let retired: string;
let wfpMopti: string;
let staffPerson: string;

type Certificate = { id: string; completedOn: string; expiresOn: string; expiryReason: string | null; source: string; status: string; courseCode: string; actions: string[] };

const send = (email: string | null, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
  t.request(email, { method, url, payload: payload as never });
const certificatesOf = async (email: string, personId: string) =>
  (await send(email, "GET", `/api/personnel/${personId}/certificates`)).json().items as Certificate[];

beforeAll(async () => {
  t = await startTestApp();
  const all = (await send(demo.admin, "GET", "/api/training/courses?includeInactive=true")).json().items as { id: string; code: string }[];
  bsafe = all.find((course) => course.code === "BSAFE")?.id as string;
  retired = all.find((course) => course.code === "ASIST")?.id as string;
  const [row] = await t.database.query<{ id: string }>(
    "select p.id from persons p join places s on s.id = p.duty_station_id join organisations o on o.id = p.organisation_id where s.name = 'Mopti' and o.code = 'WFP' order by p.family_name limit 1",
  );
  wfpMopti = row.id;
  staffPerson = (await send(demo.staff, "GET", "/api/auth/me")).json().personId;
});
afterAll(() => t.close());

describe("the course catalogue", () => {
  it("lists the courses offered, the retired ones on request", async () => {
    const offered = (await send(demo.staff, "GET", "/api/training/courses")).json().items as { code: string; validityMonths: number }[];
    expect(offered.map((course) => course.code)).toEqual(["BSAFE", "SAIT-MLI", "SSAFE"]);
    expect(offered.find((course) => course.code === "BSAFE")?.validityMonths).toBe(36);
    const all = (await send(demo.staff, "GET", "/api/training/courses?includeInactive=true")).json().items as { code: string }[];
    expect(all.map((course) => course.code)).toContain("ASIST");
  });

  it("refuses a second course with the same code (409 on code) and names each bad field (400)", async () => {
    const twice = await send(demo.admin, "POST", "/api/training/courses", { code: "BSAFE", kind: "bsafe", nameEn: "B", nameFr: "B", validityMonths: 36 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().issues).toEqual([{ field: "code", message: "a course with the code BSAFE already exists" }]);
    const bad = await send(demo.admin, "POST", "/api/training/courses", { code: "x", kind: "course", nameEn: "", nameFr: "F", validityMonths: 0 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().issues as { field: string }[]).map((issue) => issue.field).sort()).toEqual(["code", "kind", "nameEn", "validityMonths"]);
  });
});

describe("certificates", () => {
  it("expire the course's validity after completion, entered by a focal point", async () => {
    const created = await send(demo.sfpWfpMali, "POST", "/api/training/certificates", { personId: wfpMopti, courseId: bsafe, completedOn: "2025-03-31", issuer: "WFP" });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ expiresOn: "2028-03-31", expiryReason: null, source: "focal_point", courseCode: "BSAFE", status: "valid" });
    const audit = await t.database.query<{ action: string }>("select action from audit_log where entity_type = 'training_certificate' and entity_id = $1", [created.json().id]);
    expect(audit.map((entry) => entry.action)).toEqual(["create"]);
  });

  it("take an expiry set by hand only with a reason, and compute it again when it is cleared", async () => {
    const noReason = await send(demo.pcsaMali, "POST", "/api/training/certificates", { personId: wfpMopti, courseId: bsafe, completedOn: "2025-04-01", expiresOn: "2029-01-01" });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().issues).toEqual([{ field: "expiryReason", message: "is required when the expiry is set by hand" }]);
    const overridden = await send(demo.pcsaMali, "POST", "/api/training/certificates", {
      personId: wfpMopti,
      courseId: bsafe,
      completedOn: "2025-04-01",
      expiresOn: "2029-01-01",
      expiryReason: "Extended by headquarters during the course's revision",
    });
    expect(overridden.json()).toMatchObject({ expiresOn: "2029-01-01", expiryReason: "Extended by headquarters during the course's revision" });
    const moved = await send(demo.pcsaMali, "PATCH", `/api/training/certificates/${overridden.json().id}`, { completedOn: "2025-05-01" });
    expect(moved.json()).toMatchObject({ completedOn: "2025-05-01", expiresOn: "2029-01-01" });
    const cleared = await send(demo.pcsaMali, "PATCH", `/api/training/certificates/${overridden.json().id}`, { expiresOn: null });
    expect(cleared.json()).toMatchObject({ expiresOn: "2028-05-01", expiryReason: null });
  });

  it("refuse a completion in the future, a retired course and the same certificate twice", async () => {
    const future = await send(demo.pcsaMali, "POST", "/api/training/certificates", { personId: wfpMopti, courseId: bsafe, completedOn: addDays(todayIso(), 1) });
    expect(future.statusCode).toBe(422);
    expect(future.json().issues).toEqual([{ field: "completedOn", message: "must not be in the future" }]);
    const old = await send(demo.pcsaMali, "POST", "/api/training/certificates", { personId: wfpMopti, courseId: retired, completedOn: "2025-01-01" });
    expect(old.statusCode).toBe(422);
    expect(old.json().issues[0].field).toBe("courseId");
    const body = { personId: wfpMopti, courseId: bsafe, completedOn: "2025-06-02" };
    expect((await send(demo.pcsaMali, "POST", "/api/training/certificates", body)).statusCode).toBe(201);
    const again = await send(demo.pcsaMali, "POST", "/api/training/certificates", body);
    expect(again.statusCode).toBe(409);
    expect(again.json().issues[0].field).toBe("completedOn");
  });

  it("are added by the person themselves as an upload, which they read and give a file but may not change", async () => {
    const own = await send(demo.staff, "POST", "/api/training/certificates", { personId: staffPerson, courseId: bsafe, completedOn: "2025-02-10" });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ source: "upload", actions: ["attach_file"] });
    const listed = await certificatesOf(demo.staff, staffPerson);
    expect(listed.map((item) => item.completedOn)).toContain("2025-02-10");
    expect((await send(demo.staff, "DELETE", `/api/training/certificates/${own.json().id}`)).statusCode).toBe(403);
  });

  it("show the demo's expired and expiring BSAFE certificates as such", async () => {
    const inMali = (from: string, to: string) =>
      t.database.query<{ person_id: string }>(
        `select c.person_id from training_certificates c
           join training_courses k on k.id = c.course_id
           join persons p on p.id = c.person_id
         where k.code = 'BSAFE' and c.expires_on between $1 and $2
           and p.place_path like (select path from places where name = 'Mali') || '%'`,
        [from, to],
      );
    const [expired] = await inMali("2000-01-01", addDays(todayIso(), -1));
    expect((await certificatesOf(demo.pcsaMali, expired.person_id)).find((item) => item.courseCode === "BSAFE")?.status).toBe("expired");
    const [expiring] = await inMali(todayIso(), addDays(todayIso(), 14));
    expect((await certificatesOf(demo.pcsaMali, expiring.person_id)).find((item) => item.courseCode === "BSAFE")?.status).toBe("expiring");
  });

  it("are removed with an audit entry", async () => {
    const created = await send(demo.pcsaMali, "POST", "/api/training/certificates", { personId: wfpMopti, courseId: bsafe, completedOn: "2025-07-07" });
    expect((await send(demo.pcsaMali, "DELETE", `/api/training/certificates/${created.json().id}`)).statusCode).toBe(204);
    expect((await certificatesOf(demo.pcsaMali, wfpMopti)).map((item) => item.id)).not.toContain(created.json().id);
    const audit = await t.database.query<{ action: string }>("select action from audit_log where entity_type = 'training_certificate' and entity_id = $1 order by seq", [created.json().id]);
    expect(audit.map((entry) => entry.action)).toEqual(["create", "delete"]);
  });
});
