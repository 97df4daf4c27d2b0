import { type ZipEntry, zipChunks } from "../files/zip-write.ts";

/**
 * Hostile workbooks for the import limit tests of every import (incidents, training
 * certificates): minimal but valid XLSX packages whose sheet XML is given as chunks (so a sheet
 * of 800,000 rows is compressed without being one string first), and a way to make the zip's
 * directory lie about a size.
 */

const contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const packageRelationships = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Incidents" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const workbookRelationships = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const sheetStart = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const sheetEnd = "</sheetData></worksheet>";

const inlineCell = (reference: string, text: string) => `<c r="${reference}" t="inlineStr"><is><t>${text}</t></is></c>`;

/**
 * Sheet XML with a header row and `rows` data rows of one number cell: 800,000 of them compress
 * to about a megabyte, as in the attack this guards against.
 */
export function sheetOfRows(rows: number): Buffer {
  const chunks = [`${sheetStart}<row r="1">${inlineCell("A1", "duty_station")}</row>`];
  for (let row = 2; row <= rows + 1; row += 1) chunks.push(`<row r="${row}"><c r="A${row}"><v>1</v></c></row>`);
  chunks.push(sheetEnd);
  return Buffer.from(chunks.join(""));
}

/** Sheet XML of one row padded with `bytes` of spaces: valid, and compressed to a thousandth of its size. */
export function paddedSheet(bytes: number): Buffer {
  return Buffer.concat([Buffer.from(`${sheetStart}<row r="1">${inlineCell("A1", "description")}</row>`), Buffer.alloc(bytes, 0x20), Buffer.from(sheetEnd)]);
}

/** A one-row sheet whose row uses `columns` cells. */
export function wideSheet(columns: number): Buffer {
  const cells = Array.from({ length: columns }, (_, index) => `<c t="inlineStr"><is><t>c${index + 1}</t></is></c>`);
  return Buffer.from(`${sheetStart}<row r="1">${cells.join("")}</row>${sheetEnd}`);
}

/** An XLSX package around the given sheet XML, deflated as spreadsheets are. */
export function workbookWithSheet(sheet: Buffer, extraEntries: ZipEntry[] = []): Buffer {
  const entries: ZipEntry[] = [
    { name: "[Content_Types].xml", content: Buffer.from(contentTypes) },
    { name: "_rels/.rels", content: Buffer.from(packageRelationships) },
    { name: "xl/workbook.xml", content: Buffer.from(workbook) },
    { name: "xl/_rels/workbook.xml.rels", content: Buffer.from(workbookRelationships) },
    { name: "xl/worksheets/sheet1.xml", content: sheet },
    ...extraEntries,
  ];
  return Buffer.concat(zipChunks(entries.map((entry) => ({ ...entry, isDeflated: true }))));
}

/**
 * Rewrites the unpacked size the archive declares for one entry, in its local header and in the
 * central directory, as a forged zip would (the CRC is left as it was).
 */
export function withDeclaredSize(archive: Buffer, entryName: string, size: number): Buffer {
  const forged = Buffer.from(archive);
  const name = Buffer.from(entryName);
  for (let at = forged.indexOf(name); at !== -1; at = forged.indexOf(name, at + 1)) {
    if (at >= 30 && forged.readUInt32LE(at - 30) === 0x04034b50) forged.writeUInt32LE(size, at - 30 + 22);
    if (at >= 46 && forged.readUInt32LE(at - 46) === 0x02014b50) forged.writeUInt32LE(size, at - 46 + 24);
  }
  return forged;
}
