import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * A certificate's file (issue 13 §1, acceptance 2): the demo traveller, whose BSAFE has expired,
 * files a trip and sees it blocked with a reason naming the course and the date; they record a new
 * certificate and upload it as a PDF, and the trip proceeds. Files that lie about their type, that
 * are too large or missing are refused on `file`; people who do not cover the traveller neither
 * upload nor download it. Who may do what per route is in training.matrix.ts.
 */
const traveller = "traveller.mali@vigil.example";
let t: TestApp;
let person: { id: string; name: string };
let bsafe: string;
let placeIds: Map<string, string>;

type Certificate = { id: string; source: string; hasFile: boolean; actions: string[] };
type Trip = { id: string; status: string; legs: { reasons: { code: string; text: string }[] }[] };

const send = (email: string, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) => t.request(email, { method, url, payload: payload as never });

/** A multipart body with one file in `field` (the test app's inject takes the raw body). */
function upload(email: string, certificateId: string, file: { name: string; type: string; content: Buffer }, field = "file") {
  const boundary = "----vigil-certificate-7f2a";
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  return t.request(email, {
    method: "POST",
    url: `/api/training/certificates/${certificateId}/file`,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

/** A real, small PDF: the certificate as a learning platform would issue it. */
async function certificatePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on("end", resolve));
  doc.fontSize(20).text("Certificate of completion: BSAFE");
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const fileIdOf = async (certificateId: string) =>
  (await t.database.query<{ file_id: string | null }>("select file_id from training_certificates where id = $1", [certificateId]))[0].file_id;

beforeAll(async () => {
  t = await startTestApp();
  placeIds = new Map((await t.database.query<{ id: string; name: string }>("select id, name from places")).map((row) => [row.name, row.id]));
  const personId = (await send(traveller, "GET", "/api/auth/me")).json().personId as string;
  const [row] = await t.database.query<{ name: string }>("select given_name || ' ' || family_name as name from persons where id = $1", [personId]);
  person = { id: personId, name: row.name };
  bsafe = ((await send(traveller, "GET", "/api/training/courses")).json().items as { id: string; code: string }[]).find((course) => course.code === "BSAFE")?.id as string;
});
afterAll(() => t.close());

describe("an expired BSAFE and a new certificate uploaded by the traveller", () => {
  const expiredOn = addDays(todayIso(), -5);
  let trip: Trip;
  let renewed: Certificate;

  it("blocks the traveller's trip with a reason naming the course and the date", async () => {
    // The demo traveller's BSAFE is valid: the P/C/SA records that it in fact lapsed five days ago.
    const held = (await send(traveller, "GET", `/api/personnel/${person.id}/certificates`)).json().items as (Certificate & { courseCode: string })[];
    const seeded = held.find((item) => item.courseCode === "BSAFE") as Certificate;
    const lapsed = await send(demo.pcsaMali, "PATCH", `/api/training/certificates/${seeded.id}`, { expiresOn: expiredOn, expiryReason: "Revoked by the learning platform" });
    expect(lapsed.statusCode, lapsed.body).toBe(200);

    const day = (days: number, time: string) => `${addDays(todayIso(), days)}T${time}`;
    const road = (from: string, to: string, days: number) => ({
      fromPlaceId: placeIds.get(from),
      toPlaceId: placeIds.get(to),
      departureLocal: day(days, "07:00"),
      arrivalLocal: day(days, "10:00"),
      transport: "road",
    });
    const filed = await send(traveller, "POST", "/api/travel/requests", { purpose: "Partner visit", travellers: [{ personId: person.id }], legs: [road("Bamako", "Kati", 30), road("Kati", "Bamako", 31)] });
    expect(filed.statusCode, filed.body).toBe(201);
    trip = filed.json();
    expect(trip.status).toBe("blocked");
    expect(trip.legs[0].reasons).toContainEqual({ code: "training_expired", text: `${person.name}'s BSAFE expired on ${expiredOn}` });
  });

  it("does not let the traveller replace the file of a certificate their focal point entered (403)", async () => {
    const held = (await send(traveller, "GET", `/api/personnel/${person.id}/certificates`)).json().items as Certificate[];
    const entered = held.find((item) => item.source !== "upload") as Certificate;
    expect(entered.actions).not.toContain("attach_file");
    expect((await upload(traveller, entered.id, { name: "bsafe.pdf", type: "application/pdf", content: await certificatePdf() })).statusCode).toBe(403);
  });

  it("lets the trip proceed once the traveller records a new certificate and uploads it as a PDF", async () => {
    const created = await send(traveller, "POST", "/api/training/certificates", { personId: person.id, courseId: bsafe, completedOn: todayIso(), issuer: "UN learning platform" });
    expect(created.statusCode, created.body).toBe(201);
    renewed = created.json();
    expect(renewed).toMatchObject({ source: "upload", hasFile: false, actions: ["attach_file"] });

    const uploaded = await upload(traveller, renewed.id, { name: "BSAFE certificate.pdf", type: "application/pdf", content: await certificatePdf() });
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    expect(uploaded.json()).toMatchObject({ id: renewed.id, hasFile: true, status: "valid" });

    const after: Trip = (await send(traveller, "GET", `/api/travel/requests/${trip.id}`)).json();
    expect(after.legs.flatMap((leg) => leg.reasons).map((reason) => reason.code)).not.toContain("training_expired");
    // Bamako Security Area clears level 4 automatically: nothing else stands in the way.
    expect(after.status).toBe("cleared");
  });

  it("refuses a file that lies about its type, a type not allowed, an oversized file and none at all, on `file` (422)", async () => {
    const refusals = [
      { name: "certificate.pdf", type: "application/pdf", content: Buffer.from("<!doctype html><script>alert(1)</script>") },
      { name: "certificate.pdf", type: "application/pdf", content: Buffer.concat([Buffer.from("MZ\x90\x00"), Buffer.alloc(200)]) },
      { name: "certificate.png", type: "image/png", content: Buffer.from("%PDF-1.7 not a picture") },
      { name: "certificate.txt", type: "text/plain", content: Buffer.from("I completed BSAFE") },
      { name: "certificate.webp", type: "image/webp", content: Buffer.from("RIFF0000WEBPVP8 ") },
      { name: "certificate.pdf", type: "application/pdf", content: Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(10 * 1024 * 1024)]) },
    ];
    const answers = [];
    for (const file of refusals) {
      const response = await upload(traveller, renewed.id, file);
      answers.push([response.statusCode, response.json().issues?.[0]?.field, response.json().issues?.[0]?.message]);
    }
    expect(answers).toEqual([
      [422, "file", "is not a valid application/pdf file: its content does not match its type"],
      [422, "file", "is not a valid application/pdf file: its content does not match its type"],
      [422, "file", "is not a valid image/png file: its content does not match its type"],
      [422, "file", "must be a PDF, JPEG or PNG file"],
      [422, "file", "must be a PDF, JPEG or PNG file"],
      [422, "file", "is larger than 10 MB"],
    ]);
    const wrongField = await upload(traveller, renewed.id, { name: "bsafe.pdf", type: "application/pdf", content: await certificatePdf() }, "attachment");
    expect([wrongField.statusCode, wrongField.json().issues[0].field]).toEqual([422, "file"]);
    const noBody = await send(traveller, "POST", `/api/training/certificates/${renewed.id}/file`);
    expect([noBody.statusCode, noBody.json().issues[0].field]).toEqual([422, "file"]);
    // The stored PDF survived every refusal.
    expect((await send(traveller, "GET", `/api/training/certificates/${renewed.id}/file`)).body.startsWith("%PDF-")).toBe(true);
  });

  it("refuses someone who does not cover the traveller as a missing certificate (404)", async () => {
    expect((await upload(demo.staff, renewed.id, { name: "bsafe.pdf", type: "application/pdf", content: await certificatePdf() })).statusCode).toBe(404);
    expect((await send(demo.staff, "GET", `/api/training/certificates/${renewed.id}/file`)).statusCode).toBe(404);
  });

  it("gives the file back to the traveller unaudited, and to their P/C/SA with a sensitive-read entry", async () => {
    const own = await send(traveller, "GET", `/api/training/certificates/${renewed.id}/file`);
    expect(own.statusCode).toBe(200);
    expect(own.headers["content-type"]).toBe("application/pdf");
    expect(own.headers["content-disposition"]).toContain("BSAFE");
    const reads = () => t.database.query("select 1 from audit_log where entity_type = 'training_certificate' and entity_id = $1 and action = 'read_sensitive'", [renewed.id]);
    expect(await reads()).toHaveLength(0);
    const pcsa = await send(demo.pcsaMali, "GET", `/api/training/certificates/${renewed.id}/file`);
    expect(pcsa.statusCode).toBe(200);
    expect(pcsa.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect(await reads()).toHaveLength(1);
  });

  it("replaces the file with a photograph, deleting the old one in the same change, audited", async () => {
    const before = await fileIdOf(renewed.id);
    const replaced = await upload(traveller, renewed.id, { name: "photo.png", type: "image/png", content: png });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const after = await fileIdOf(renewed.id);
    expect(after).not.toBe(before);
    expect(await t.database.query("select 1 from files where id = $1", [before])).toHaveLength(0);
    const download = await send(traveller, "GET", `/api/training/certificates/${renewed.id}/file`);
    expect(download.headers["content-type"]).toBe("image/png");
    const audit = await t.database.query<{ action: string }>(
      "select action from audit_log where entity_type = 'training_certificate' and entity_id = $1 and action <> 'read_sensitive' order by seq",
      [renewed.id],
    );
    expect(audit.map((entry) => entry.action)).toEqual(["create", "update", "update"]);
  });

  it("answers 404 for the file of a certificate that has none", async () => {
    const bare = await send(demo.pcsaMali, "POST", "/api/training/certificates", { personId: person.id, courseId: bsafe, completedOn: addDays(todayIso(), -1) });
    expect(bare.statusCode).toBe(201);
    expect((await send(traveller, "GET", `/api/training/certificates/${bare.json().id}/file`)).statusCode).toBe(404);
  });
});
