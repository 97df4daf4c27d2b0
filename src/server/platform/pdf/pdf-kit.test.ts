import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type Doc, header, newDocument } from "./pdf-kit.ts";

/** The drawn text of a PDF: its content streams inflated, with the hex glyph strings pdfkit writes joined up. */
async function drawnHex(build: (doc: Doc) => void, lang: "en" | "fr"): Promise<string> {
  const doc = await newDocument("Test", "portrait", lang);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on("end", resolve));
  build(doc);
  doc.end();
  await done;
  const pdf = Buffer.concat(chunks);
  let hex = "";
  for (let at = pdf.indexOf("stream\n"); at !== -1; at = pdf.indexOf("stream\n", at + 7)) {
    const start = at + 7;
    const end = pdf.indexOf("\nendstream", start);
    if (end === -1) break;
    try {
      const content = inflateSync(pdf.subarray(start, end)).toString("latin1");
      hex += [...content.matchAll(/<([0-9a-f]+)>/g)].map((match) => match[1]).join("");
    } catch {
      // Not a deflated content stream (fonts, metadata).
    }
  }
  return hex;
}

const hexOf = (text: string) => Buffer.from(text, "latin1").toString("hex");

describe("PDF typography", () => {
  it("puts a non-breaking space before the colon of a French PDF's labels, and none in English", async () => {
    const french = await drawnHex((doc) => header(doc, "Rapport trimestriel", [["Période", "T2 2023"]]), "fr");
    expect(french).toContain(hexOf("P\u00e9riode\u00a0:"));
    const english = await drawnHex((doc) => header(doc, "Quarterly report", [["Period", "2023 Q2"]]), "en");
    expect(english).toContain(hexOf("Period:"));
    expect(english).not.toContain("a03a");
  });
});
