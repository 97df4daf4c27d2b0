import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Checks every stored upload goes through: an appointment letter's content must be the type it
 * declares (as for incident attachments and measure evidence), and no stored file name keeps a
 * bidirectional or zero-width format character, which can disguise "letter‮fdp.exe" as a PDF.
 */
let t: TestApp;
let appointmentId: string;
let incidentId: string;

const boundary = "----vigil-upload-checks";
function multipart(fileName: string, contentType: string, content: Buffer | string) {
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const putLetter = (fileName: string, contentType: string, content: Buffer | string) =>
  t.request(demo.admin, { method: "PUT", url: `/api/appointments/${appointmentId}/letter`, ...multipart(fileName, contentType, content) });

beforeAll(async () => {
  t = await startTestApp();
  [{ id: appointmentId }] = await t.database.query<{ id: string }>("select id from appointments where letter_file_id is null order by id limit 1");
  const [mopti] = await t.database.query<{ id: string }>("select id from places where name = 'Mopti'");
  const created = await t.request(demo.pcsaMali, {
    method: "POST",
    url: "/api/incidents",
    payload: {
      occurredAt: "2026-03-02T08:15:00Z",
      timeZone: "Africa/Bamako",
      place: { dutyStationId: mopti.id },
      categoryCode: "road_traffic_accident",
      description: "A UN vehicle left the road near Sévaré.",
      source: "un_security",
      reporter: { name: "P/C/SA Mali" },
      peopleAffected: [{ outcome: "injured", recruitmentType: "international", sex: "male", count: 1 }],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  incidentId = created.json().id;
});
afterAll(() => t.close());

describe("appointment letters", () => {
  it("refuses an HTML page declared as a PDF, naming the file", async () => {
    const response = await putLetter("letter.pdf", "application/pdf", "<html><script>alert(document.cookie)</script></html>");
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "file", message: "is not a valid application/pdf file: its content does not match its type" }]);
  });

  it("refuses an SVG declared as a JPEG, naming the file", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>';
    const response = await putLetter("letter.jpg", "image/jpeg", svg);
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "file", message: "is not a valid image/jpeg file: its content does not match its type" }]);
  });

  it("refuses a type other than PDF, PNG or JPEG, and stores nothing of the refused ones", async () => {
    const response = await putLetter("letter.svg", "image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(response.statusCode).toBe(422);
    expect(response.json().issues).toEqual([{ field: "file", message: "must be a PDF, PNG or JPEG file" }]);
    const [appointment] = await t.database.query<{ letter_file_id: string | null }>("select letter_file_id from appointments where id = $1", [appointmentId]);
    expect(appointment.letter_file_id).toBeNull();
  });

  it("stores a real PDF under its name without bidirectional or zero-width characters", async () => {
    const response = await putLetter("appointment\u202Efdp.exe\u200B\u2066\u200E.pdf", "application/pdf", pdf);
    expect(response.statusCode, response.body).toBe(200);
    const appointment = (await t.request(demo.admin, { method: "GET", url: `/api/appointments/${appointmentId}` })).json();
    expect(appointment).toMatchObject({ hasLetter: true, letterFileName: "appointmentfdp.exe.pdf" });
    const download = await t.request(demo.admin, { method: "GET", url: `/api/appointments/${appointmentId}/letter` });
    expect(download.headers["content-type"]).toMatch(/^application\/pdf/);
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });
});

describe("file names of every stored upload", () => {
  it("strips format characters from an incident attachment's name, as read back through the API", async () => {
    const name = "\uFEFFphoto\u200B\u202Egnp.\u2069\u200Fscene\u2067.txt";
    const response = await t.request(demo.pcsaMali, { method: "POST", url: `/api/incidents/${incidentId}/attachments`, ...multipart(name, "text/plain", "A statement.") });
    expect(response.statusCode, response.body).toBe(201);
    const detail = (await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${incidentId}` })).json();
    expect(detail.attachments.map((attachment: { name: string }) => attachment.name)).toEqual(["photognp.scene.txt"]);
    const stored = await t.database.query<{ name: string }>("select name from files");
    expect(stored.filter((file) => /\p{Cf}/u.test(file.name))).toEqual([]);
  });
});
