import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "./testing/test-app.ts";

// A PATCH changes only the fields it names: a field's default must never reset it.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe("PATCH leaves unnamed fields alone", () => {
  it("keeps an organisation's HQ focal points when only its name changes", async () => {
    const list = await t.request(demo.admin, { method: "GET", url: "/api/organisations?q=UNICEF" });
    const unicef = list.json().items[0];
    expect(unicef.hqFocalPoints.length).toBeGreaterThan(0);
    const patched = await t.request(demo.admin, { method: "PATCH", url: `/api/organisations/${unicef.id}`, payload: { name: "UNICEF (renamed)" } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().hqFocalPoints).toEqual(unicef.hqFocalPoints);
  });

  it("keeps a meeting's attendees, minutes and action point status when only a title or text changes", async () => {
    const meetings = await t.request(demo.pcsaMali, { method: "GET", url: "/api/meetings" });
    const id = meetings.json().items[0].id;
    const before = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/meetings/${id}` })).json();
    expect(before.attendees.length).toBeGreaterThan(0);
    const patched = (await t.request(demo.pcsaMali, { method: "PATCH", url: `/api/meetings/${id}`, payload: { title: "Renamed" } })).json();
    expect(patched.attendees).toEqual(before.attendees);
    expect(patched.minutesHtml).toBe(before.minutesHtml);

    const done = before.actionPoints.find((point: { status: string }) => point.status !== "open") ?? before.actionPoints[0];
    await t.request(demo.pcsaMali, { method: "PATCH", url: `/api/action-points/${done.id}`, payload: { status: "done" } });
    const after = await t.request(demo.pcsaMali, { method: "PATCH", url: `/api/action-points/${done.id}`, payload: { text: "Reworded" } });
    expect(after.json().actionPoints.find((point: { id: string }) => point.id === done.id)).toMatchObject({ text: "Reworded", status: "done" });
  });
});
