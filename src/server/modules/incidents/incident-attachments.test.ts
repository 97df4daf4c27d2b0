import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { maxAttachmentBytes } from "../../../core/incidents/incident-attachment-types.ts";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/**
 * Files attached to an incident: uploaded by whoever may revise it, downloaded by whoever may
 * read it, each upload and removal in the incident's history; a sexual assault's files are
 * need-to-know, and every download of one is audited.
 */
let t: TestApp;
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;

type Part = { name: string; value: string | Buffer; fileName?: string; contentType?: string };

function multipart(parts: Part[]) {
  const boundary = "----vigil-attachment-test";
  const chunks = parts.flatMap((part) => {
    const disposition = `form-data; name="${part.name}"${part.fileName !== undefined ? `; filename="${part.fileName}"` : ""}`;
    const type = part.contentType !== undefined ? `Content-Type: ${part.contentType}\r\n` : "";
    return [Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`), Buffer.from(part.value), Buffer.from("\r\n")];
  });
  return { payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const filePart = (fileName: string, contentType: string, value: string | Buffer): Part => ({ name: "file", fileName, contentType, value });
const pngBytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("rest of a tiny image")]);

const upload = (email: string, incidentId: string, parts: Part[]) =>
  t.request(email, { method: "POST", url: `/api/incidents/${incidentId}/attachments`, ...multipart(parts) });

function incidentBody(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: "2026-03-02T08:15:00Z",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: place("Mopti") },
    categoryCode: "road_traffic_accident",
    description: "A UN vehicle left the road near Sévaré.",
    source: "un_security",
    reporter: { name: "P/C/SA Mali" },
    peopleAffected: [{ outcome: "injured", recruitmentType: "international", sex: "male", count: 1 }],
    assetsAffected: [{ kind: "vehicle", description: "Land Cruiser UN-1234" }],
    ...overrides,
  };
}

async function record(email: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await t.request(email, { method: "POST", url: "/api/incidents", payload: incidentBody(overrides) });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const history = async (email: string, id: string) =>
  (await t.request(email, { method: "GET", url: `/api/history/incident/${id}` })).json().items as { action: string; changes: Record<string, { from: unknown; to: unknown }> }[];

beforeAll(async () => {
  t = await startTestApp();
  for (const row of await t.database.query<{ id: string; name: string }>("select id, name from places")) placeIds.set(row.name, row.id);
});
afterAll(() => t.close());

describe("attaching files to an incident", () => {
  let incidentId: string;
  beforeAll(async () => {
    incidentId = await record(demo.pcsaMali);
  });

  it("uploads, lists, downloads and deletes an attachment, each change in the incident's history", async () => {
    const created = await upload(demo.pcsaMali, incidentId, [{ name: "description", value: "Photo of the vehicle" }, filePart("Véhicule accidenté.png", "image/png", pngBytes)]);
    expect(created.statusCode, created.body).toBe(201);
    const attachment = created.json();
    expect(attachment).toMatchObject({ name: "Véhicule accidenté.png", contentType: "image/png", size: pngBytes.length, description: "Photo of the vehicle" });

    const detail = (await t.request(demo.ascMopti, { method: "GET", url: `/api/incidents/${incidentId}` })).json();
    expect(detail.attachments).toEqual([attachment]);

    const download = await t.request(demo.ascMopti, { method: "GET", url: `/api/incidents/${incidentId}/attachments/${attachment.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pngBytes)).toBe(true);
    expect(download.headers["content-type"]).toBe("image/png");
    expect(download.headers["content-disposition"]).toBe(`attachment; filename="V_hicule accident_.png"; filename*=UTF-8''${encodeURIComponent("Véhicule accidenté.png")}`);

    const removed = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/incidents/${incidentId}/attachments/${attachment.id}` });
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${incidentId}` })).json().attachments).toEqual([]);
    const gone = await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${incidentId}/attachments/${attachment.id}` });
    expect(gone.json()).toEqual({ error: "not_found", message: "Attachment not found" });
    const stored = await t.database.query("select 1 from files where name = $1", ["Véhicule accidenté.png"]);
    expect(stored).toEqual([]);

    const entries = await history(demo.pcsaMali, incidentId);
    const described = { id: attachment.id, name: "Véhicule accidenté.png", contentType: "image/png", size: pngBytes.length, description: "Photo of the vehicle" };
    expect(entries.find((entry) => entry.action === "attachment_add")?.changes).toEqual({ attachment: { from: null, to: described } });
    expect(entries.find((entry) => entry.action === "attachment_delete")?.changes).toEqual({ attachment: { from: described, to: null } });
  });

  it("takes plain text, WebP and a DOCX a phone sends without a type", async () => {
    const text = await upload(demo.pcsaMali, incidentId, [filePart("statement.txt", "text/plain", "Le chauffeur déclare…")]);
    expect(text.json()).toMatchObject({ contentType: "text/plain", description: null });
    const webp = await upload(demo.pcsaMali, incidentId, [filePart("scene.webp", "image/webp", "RIFF\u0000\u0000\u0000\u0000WEBPVP8 data")]);
    expect(webp.statusCode, webp.body).toBe(201);
    const docx = await upload(demo.pcsaMali, incidentId, [filePart("police report.docx", "application/octet-stream", "PK\u0003\u0004word/document.xml")]);
    expect(docx.json().contentType).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const download = await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${incidentId}/attachments/${text.json().id}` });
    expect(download.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(download.body).toBe("Le chauffeur déclare…");
  });

  it.each([
    { name: "a type it does not take", parts: [filePart("page.html", "text/html", "<script>alert(1)</script>")], status: 422, field: "file", message: /^must be a PDF, PNG, JPEG or WebP image/ },
    { name: "content that is not what its type says", parts: [filePart("photo.png", "image/png", "<html></html>")], status: 422, field: "file", message: /content does not match its type/ },
    { name: "an empty file", parts: [filePart("empty.pdf", "application/pdf", "")], status: 422, field: "file", message: /^is empty$/ },
    { name: "no file", parts: [{ name: "description", value: "Only words" }], status: 400, field: "file", message: /^is required/ },
    { name: "a file in another field", parts: [{ ...filePart("statement.txt", "text/plain", "words"), name: "document" }], status: 400, field: "file", message: /^is required/ },
    { name: "a description too long", parts: [{ name: "description", value: "d".repeat(501) }, filePart("s.txt", "text/plain", "words")], status: 400, field: "description", message: /at most 500/ },
    { name: "a NUL in the description", parts: [{ name: "description", value: "a\u0000b" }, filePart("s.txt", "text/plain", "words")], status: 400, field: "description", message: /control characters/ },
  ])("refuses $name, naming the field", async ({ parts, status, field, message }) => {
    const response = await upload(demo.pcsaMali, incidentId, parts);
    expect(response.statusCode, response.body).toBe(status);
    const issues = response.json().issues as { field: string; message: string }[];
    expect(issues.map((issue) => issue.field)).toEqual([field]);
    expect(issues[0].message).toMatch(message);
  });

  it("refuses a file over the upload limit, naming the field", async () => {
    const response = await upload(demo.pcsaMali, incidentId, [filePart("big.pdf", "application/pdf", Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(maxAttachmentBytes)]))]);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(422);
    expect(response.json().issues).toEqual([{ field: "file", message: "is larger than 10 MB" }]);
  });

  it("lets only whoever may revise the incident attach or remove files", async () => {
    const asDo = await upload(demo.doMali, incidentId, [filePart("s.txt", "text/plain", "words")]);
    expect(asDo.statusCode).toBe(403);
    const kept = (await upload(demo.pcsaMali, incidentId, [filePart("kept.txt", "text/plain", "words")])).json();
    const removeAsAsc = await t.request(demo.ascMopti, { method: "DELETE", url: `/api/incidents/${incidentId}/attachments/${kept.id}` });
    expect(removeAsAsc.statusCode).toBe(403);
    const outsideScope = await upload(demo.wardenBamako, incidentId, [filePart("s.txt", "text/plain", "words")]);
    expect(outsideScope.json()).toEqual({ error: "not_found", message: "Incident not found" });
  });

  it("answers 404 for another incident's file", async () => {
    const other = await record(demo.pcsaMali);
    const file = (await upload(demo.pcsaMali, other, [filePart("other.txt", "text/plain", "words")])).json();
    const response = await t.request(demo.pcsaMali, { method: "GET", url: `/api/incidents/${incidentId}/attachments/${file.id}` });
    expect(response.json()).toEqual({ error: "not_found", message: "Attachment not found" });
    const removal = await t.request(demo.pcsaMali, { method: "DELETE", url: `/api/incidents/${incidentId}/attachments/${file.id}` });
    expect(removal.statusCode).toBe(404);
  });
});

describe("a sexual assault's attachments", () => {
  let incidentId: string;
  let attachmentId: string;
  const downloads = () =>
    t.database.query<{ actor_name: string; changes: Record<string, { to: string }> }>(
      "select actor_name, changes from audit_log where action = 'read_sensitive' and entity_type = 'incident' and entity_id = $1 and changes ? 'attachment' order by seq",
      [incidentId],
    );

  beforeAll(async () => {
    incidentId = await record(demo.wardenBamako, {
      place: { dutyStationId: place("Bamako") },
      categoryCode: "sexual_assault",
      description: "Restricted narrative.",
      peopleAffected: [{ outcome: "sexually_assaulted", recruitmentType: "locally_recruited", sex: "female", count: 1 }],
      assetsAffected: [],
    });
    const created = await upload(demo.wardenBamako, incidentId, [filePart("medical.pdf", "application/pdf", "%PDF-1.4 restricted")]);
    expect(created.statusCode, created.body).toBe(201);
    attachmentId = created.json().id;
  });

  it("is not found for callers without need-to-know, exactly like a missing file", async () => {
    const missing = await t.request(demo.analyst, { method: "GET", url: `/api/incidents/${incidentId}/attachments/00000000-0000-4000-8000-000000000000` });
    for (const email of [demo.doMali, demo.ascMopti, demo.analyst]) {
      const response = await t.request(email, { method: "GET", url: `/api/incidents/${incidentId}/attachments/${attachmentId}` });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(missing.json());
    }
    expect(await downloads()).toEqual([]);
  });

  it("audits every download by the need-to-know list", async () => {
    for (const email of [demo.pcsaMali, demo.wardenBamako]) {
      const response = await t.request(email, { method: "GET", url: `/api/incidents/${incidentId}/attachments/${attachmentId}` });
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe("%PDF-1.4 restricted");
    }
    const audited = await downloads();
    expect(audited.map((entry) => entry.changes.attachment.to)).toEqual([`${attachmentId} (medical.pdf)`, `${attachmentId} (medical.pdf)`]);
    expect(audited).toHaveLength(2);
  });
});
