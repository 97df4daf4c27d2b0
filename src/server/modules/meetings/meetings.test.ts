import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../core/appointments/continuity.ts";
import { clock, todayIso } from "../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

let t: TestApp;
const placeIds = new Map<string, string>();
let maliPeople: { id: string }[];

type Member = { personId: string; personName: string; role: string; organisationCode: string | null; membership: string };
type ActionPoint = { id: string; kind: string; text: string; ownerPersonId: string | null; ownerName: string | null; dueOn: string | null; status: string };

const place = (name: string) => placeIds.get(name) as string;

const realNow = clock.now;

beforeAll(async () => {
  t = await startTestApp();
  // The demo's dates are relative to the day it was seeded: pin "today" to that day, so the
  // expectations hold even when the suite runs across midnight.
  const [seeded] = await t.database.query<{ due: string }>(
    "select due_on::text as due from action_points where text = 'Update the warden lists for Bamako Security Area.'",
  );
  const seedDay = addDays(seeded.due, 3);
  clock.now = () => new Date(`${seedDay}T12:00:00.000Z`);
  const tree = (await t.request(demo.admin, { method: "GET", url: "/api/places/tree" })).json().items as { id: string; name: string }[];
  for (const item of tree) placeIds.set(item.name, item.id);
  maliPeople = (await t.request(demo.doMali, { method: "GET", url: `/api/personnel?placeId=${place("Mali")}&pageSize=5` })).json().items;
});
afterAll(async () => {
  clock.now = realNow;
  await t.close();
});

describe("recording a meeting", () => {
  let meetingId: string;

  it("records an SMT meeting with attendees and sanitised minutes", async () => {
    const response = await t.request(demo.doMali, {
      method: "POST",
      url: "/api/meetings",
      payload: {
        body: "smt",
        placeId: place("Mali"),
        heldOn: todayIso(),
        title: "SMT: rainy season planning",
        location: "UN House, Bamako",
        minutesHtml:
          '<h3>Roads</h3><p>Flooding on the <strong>Bamako–Ségou</strong> road.<script>alert("x")</script></p>' +
          '<img src="x" onerror="alert(1)"><p onclick="steal()">Next <a href="javascript:alert(1)">link</a> and <a href="https://example.org/report">report</a></p>' +
          '<p style="color:red"><em>Noted</em></p>',
        attendees: [
          { personId: maliPeople[0].id, attendance: "present" },
          { personId: maliPeople[1].id, attendance: "absent" },
        ],
      },
    });
    expect(response.statusCode).toBe(201);
    const meeting = response.json();
    meetingId = meeting.id;
    expect(meeting).toMatchObject({ body: "smt", placeName: "Mali", attendeeCount: 2, openActionCount: 0, actions: ["update", "delete"] });
    expect(meeting.attendees.map((attendee: { attendance: string }) => attendee.attendance).sort()).toEqual(["absent", "present"]);
    expect(meeting.attendees.every((attendee: { personName: string }) => attendee.personName.length > 0)).toBe(true);

    const minutes: string = meeting.minutesHtml;
    expect(minutes).toContain("<strong>Bamako–Ségou</strong>");
    expect(minutes).toContain("<h3>Roads</h3>");
    expect(minutes).toContain("<em>Noted</em>");
    expect(minutes).not.toMatch(/<script|alert\("x"\)|onerror|onclick|javascript:|<img|style=/i);
    expect(minutes).toContain('<a href="https://example.org/report" rel="noopener noreferrer" target="_blank">report</a>');
  });

  it("sanitises minutes again when they are edited", async () => {
    const response = await t.request(demo.pcsaMali, {
      method: "PATCH",
      url: `/api/meetings/${meetingId}`,
      payload: { minutesHtml: '<p>Revised <strong>minutes</strong><iframe src="https://evil.example"></iframe></p>' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().minutesHtml).toBe("<p>Revised <strong>minutes</strong></p>");
  });

  it("adds, updates and deletes action points, counting the open ones", async () => {
    const added = await t.request(demo.doMali, {
      method: "POST",
      url: `/api/meetings/${meetingId}/action-points`,
      payload: { kind: "action", text: "Pre-position fuel in Ségou.", ownerPersonId: maliPeople[2].id, dueOn: addDays(todayIso(), 14) },
    });
    expect(added.statusCode).toBe(201);
    const point = added.json().actionPoints.find((item: ActionPoint) => item.text === "Pre-position fuel in Ségou.");
    expect(point).toMatchObject({ kind: "action", status: "open", ownerPersonId: maliPeople[2].id, ownerName: expect.any(String), dueOn: addDays(todayIso(), 14) });
    expect(added.json().openActionCount).toBe(1);

    const decision = await t.request(demo.doMali, {
      method: "POST",
      url: `/api/meetings/${meetingId}/action-points`,
      payload: { kind: "decision", text: "No road missions to Ségou during floods." },
    });
    expect(decision.json().actionPoints).toHaveLength(2);
    expect(decision.json().openActionCount).toBe(1);

    const done = await t.request(demo.doMali, { method: "PATCH", url: `/api/action-points/${point.id}`, payload: { status: "done" } });
    expect(done.statusCode).toBe(200);
    expect(done.json().actionPoints.find((item: ActionPoint) => item.id === point.id).status).toBe("done");
    expect(done.json().openActionCount).toBe(0);

    const deleted = await t.request(demo.doMali, { method: "DELETE", url: `/api/action-points/${point.id}` });
    expect(deleted.statusCode).toBe(204);
    const after = (await t.request(demo.doMali, { method: "GET", url: `/api/meetings/${meetingId}` })).json();
    expect(after.actionPoints.map((item: ActionPoint) => item.kind)).toEqual(["decision"]);
    expect((await t.request(demo.doMali, { method: "DELETE", url: `/api/action-points/${point.id}` })).statusCode).toBe(404);

    const audit = await t.database.query<{ action: string }>("select action from audit_log where entity_type = 'action_point' and entity_id = $1 order by seq", [point.id]);
    expect(audit.map((row) => row.action)).toEqual(["create", "update", "delete"]);
  });

  it("refuses an action point whose owner does not exist, or without text", async () => {
    const noOwner = await t.request(demo.doMali, {
      method: "POST",
      url: `/api/meetings/${meetingId}/action-points`,
      payload: { kind: "action", text: "Something", ownerPersonId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(noOwner.statusCode).toBe(422);
    expect(noOwner.json().issues[0].field).toBe("ownerPersonId");
    const noText = await t.request(demo.doMali, { method: "POST", url: `/api/meetings/${meetingId}/action-points`, payload: { kind: "action", text: " " } });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().issues[0].field).toBe("text");
  });

  it("refuses attendees who do not exist", async () => {
    const response = await t.request(demo.doMali, {
      method: "POST",
      url: "/api/meetings",
      payload: { body: "smt", placeId: place("Mali"), heldOn: todayIso(), title: "Ghost meeting", attendees: [{ personId: "00000000-0000-4000-8000-000000000000", attendance: "present" }] },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues[0].field).toBe("attendees");
  });

  it("lets an organisation representative read the minutes but not change them", async () => {
    const read = await t.request(demo.repUnicefMali, { method: "GET", url: `/api/meetings/${meetingId}` });
    expect(read.statusCode).toBe(200);
    expect(read.json().actions).toEqual([]);
    const change = await t.request(demo.repUnicefMali, { method: "PATCH", url: `/api/meetings/${meetingId}`, payload: { title: "Changed" } });
    expect(change.statusCode).toBe(403);
  });

  it("hides Mali's meetings from other areas' staff and from personnel without a role", async () => {
    expect((await t.request(demo.staff, { method: "GET", url: `/api/meetings/${meetingId}` })).statusCode).toBe(403);
    expect((await t.request(demo.ascMopti, { method: "GET", url: `/api/meetings/${meetingId}` })).statusCode).toBe(404);
    const list = (await t.request(demo.analyst, { method: "GET", url: "/api/meetings?pageSize=50" })).json();
    expect(list.items.map((item: { id: string }) => item.id)).toContain(meetingId);
  });

  it("deletes a meeting with its action points", async () => {
    const response = await t.request(demo.doMali, { method: "DELETE", url: `/api/meetings/${meetingId}` });
    expect(response.statusCode).toBe(204);
    expect((await t.request(demo.doMali, { method: "GET", url: `/api/meetings/${meetingId}` })).statusCode).toBe(404);
    const [{ count }] = await t.database.query<{ count: number }>("select count(*)::int as count from action_points where meeting_id = $1", [meetingId]);
    expect(Number(count)).toBe(0);
  });
});

describe("which body meets where", () => {
  it("holds an Area SMT only on a Security Area", async () => {
    const onCountry = await t.request(demo.doMali, {
      method: "POST",
      url: "/api/meetings",
      payload: { body: "asmt", placeId: place("Mali"), heldOn: todayIso(), title: "ASMT" },
    });
    expect(onCountry.statusCode).toBe(422);
    expect(onCountry.json().issues[0].field).toBe("placeId");

    const onArea = await t.request(demo.ascMopti, {
      method: "POST",
      url: "/api/meetings",
      payload: { body: "asmt", placeId: place("Mopti Security Area"), heldOn: todayIso(), title: "ASMT Mopti" },
    });
    expect(onArea.statusCode).toBe(201);
    expect(onArea.json()).toMatchObject({ body: "asmt", placeName: "Mopti Security Area" });
  });

  it("holds an SMT only on a Designated Area", async () => {
    const response = await t.request(demo.doMali, {
      method: "POST",
      url: "/api/meetings",
      payload: { body: "smt", placeId: place("Bamako Security Area"), heldOn: todayIso(), title: "SMT" },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().issues[0].field).toBe("placeId");
  });

  it("keeps the ASC of Mopti out of the Bamako Security Area", async () => {
    const response = await t.request(demo.ascMopti, {
      method: "POST",
      url: "/api/meetings",
      payload: { body: "asmt", placeId: place("Bamako Security Area"), heldOn: todayIso(), title: "ASMT Bamako" },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe("members derived from appointments", () => {
  async function members(placeName: string, body: string, email: string = demo.doMali): Promise<Member[]> {
    const response = await t.request(email, { method: "GET", url: `/api/bodies/${place(placeName)}/${body}/members` });
    expect(response.statusCode).toBe(200);
    return response.json().items;
  }

  it("lists the Mali SMT: the DO in the chair, representatives and the P/C/SA as members, organisation SFPs as observers", async () => {
    const smt = await members("Mali", "smt");
    const chairs = smt.filter((member) => member.membership === "chair");
    expect(chairs).toHaveLength(1);
    expect(chairs[0].role).toBe("do");
    expect(smt[0]).toEqual(chairs[0]);
    const me = (await t.request(demo.doMali, { method: "GET", url: "/api/auth/me" })).json();
    expect(chairs[0].personId).toBe(me.personId);

    const representatives = smt.filter((member) => member.role === "org_representative");
    expect(representatives.map((member) => member.organisationCode).sort()).toEqual(["UNDP", "UNHCR", "UNICEF", "WFP", "WHO"]);
    expect(representatives.every((member) => member.membership === "member")).toBe(true);
    expect(smt.find((member) => member.role === "pcsa")?.membership).toBe("member");
    const observers = smt.filter((member) => member.membership === "observer");
    expect(observers.length).toBe(5);
    expect(observers.every((member) => member.role === "org_security_focal_point")).toBe(true);
    // Roles that do not sit on the SMT (ASC, ASA, warden, Security Cell member) are left out.
    expect(smt.some((member) => ["asc", "asa", "warden", "security_cell_member"].includes(member.role))).toBe(false);
    // Members are ordered chair, members, observers.
    const rank = { chair: 0, member: 1, observer: 2 } as Record<string, number>;
    const ranks = smt.map((member) => rank[member.membership]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it("lists the Mali Security Cell with the P/C/SA in the chair and the ASAs as members", async () => {
    const cell = await members("Mali", "security_cell");
    expect(cell[0]).toMatchObject({ role: "pcsa", membership: "chair" });
    expect(cell.filter((member) => member.role === "asa")).toHaveLength(2);
    expect(cell.find((member) => member.role === "security_cell_member")).toMatchObject({ organisationCode: "UNHCR", membership: "member" });
    expect(cell.some((member) => member.role === "do")).toBe(false);
  });

  it("lists the Mopti Area SMT with its ASC in the chair", async () => {
    const asmt = await members("Mopti Security Area", "asmt", demo.ascMopti);
    expect(asmt[0]).toMatchObject({ role: "asc", membership: "chair" });
    expect(asmt.find((member) => member.role === "asa")?.membership).toBe("member");
  });

  it("hides another area's members", async () => {
    const response = await t.request(demo.ascMopti, { method: "GET", url: `/api/bodies/${place("Mali")}/smt/members` });
    expect(response.statusCode).toBe(404);
  });
});

describe("the dashboard", () => {
  it("shows the open action points due soon, flagging the overdue one", async () => {
    const response = await t.request(demo.doMali, { method: "GET", url: "/api/dashboard" });
    expect(response.statusCode).toBe(200);
    const points = response.json().actionPoints as (ActionPoint & { isOverdue: boolean; placeName: string; meetingTitle: string })[];
    const overdue = points.find((point) => point.text === "Update the warden lists for Bamako Security Area.");
    expect(overdue).toMatchObject({ isOverdue: true, dueOn: addDays(todayIso(), -3), placeName: "Mali", meetingTitle: "SMT monthly meeting" });
    const upcoming = points.find((point) => point.text === "Test the communications tree with every warden.");
    expect(upcoming).toMatchObject({ isOverdue: false, dueOn: addDays(todayIso(), 7) });
    for (const point of points) expect(point.isOverdue).toBe(point.dueOn !== null && point.dueOn < todayIso());
    // Done items and decisions are not listed; the list runs by due date.
    expect(points.some((point) => point.text.startsWith("Circulate the revised relocation plan"))).toBe(false);
    expect(points.some((point) => point.text.startsWith("Road missions"))).toBe(false);
    const dues = points.map((point) => point.dueOn ?? "");
    expect(dues).toEqual([...dues].sort());
  });

  it("shows no action points to someone outside the area", async () => {
    const response = await t.request(demo.staff, { method: "GET", url: "/api/dashboard" });
    expect(response.statusCode).toBe(200);
    expect(response.json().actionPoints).toEqual([]);
  });
});
