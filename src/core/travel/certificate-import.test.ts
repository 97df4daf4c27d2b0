import { describe, expect, it } from "vitest";
import { courseLookup, personKey, readCertificateRow, readDay, resolveCertificateColumns, suggestCertificateMapping } from "./certificate-import.ts";

const bsafe = { id: "0b7c0d5e-0000-4000-8000-000000000001", code: "BSAFE", nameEn: "BSAFE (basic security in the field)", nameFr: "BSAFE (sécurité de base)", validityMonths: 36, isActive: true };
const induction = { id: "0b7c0d5e-0000-4000-8000-000000000002", code: "SAIT-MLI", nameEn: "Induction", nameFr: "Initiation", validityMonths: 24, isActive: true };
const otherInduction = { ...induction, id: "0b7c0d5e-0000-4000-8000-000000000003", code: "SAIT-NER" };
const person = { id: "0b7c0d5e-0000-4000-8000-0000000000aa", placePath: "/ml/", organisationId: "0b7c0d5e-0000-4000-8000-0000000000bb" };

describe("a day in an imported row", () => {
  it("reads ISO (with a spreadsheet's midnight) and day/month/year, never month first", () => {
    expect(readDay("2025-03-31")).toEqual({ value: "2025-03-31" });
    expect(readDay("2025-03-31 00:00:00")).toEqual({ value: "2025-03-31" });
    expect(readDay("03/04/2025")).toEqual({ value: "2025-04-03" });
    expect(readDay("3.4.2025")).toEqual({ value: "2025-04-03" });
    expect(readDay("2024-02-29")).toEqual({ value: "2024-02-29" });
  });

  it("refuses days that do not exist, two-digit years and years out of range", () => {
    for (const text of ["2023-02-29", "04/31/2025", "31/03/25", "March 31, 2025", ""]) expect(readDay(text), text).toEqual({ problem: "format" });
    expect(readDay("01/01/1850")).toEqual({ problem: "range" });
  });
});

describe("the people and courses a row names", () => {
  it("compares index numbers without spaces or case, and e-mails by their lower case", () => {
    expect(personKey(" ab 12 34 ")).toBe("index:ab1234");
    expect(personKey("Awa.Traore@UNICEF.org")).toBe("email:awa.traore@unicef.org");
  });

  it("finds a course by code or name in either language; a name two courses share is ambiguous, a code never", () => {
    const courses = courseLookup([bsafe, induction, otherInduction]);
    expect(courses.get("bsafe")).toBe(bsafe);
    expect(courses.get("bsafe securite de base")).toBe(bsafe);
    expect(courses.get("sait mli")).toBe(induction);
    expect(courses.get("induction")).toBe("ambiguous");
  });
});

describe("a row", () => {
  const headers = ["Staff ID", "Course", "Completed", "Expires"];
  const { columns } = resolveCertificateColumns(headers, suggestCertificateMapping(headers), "en");
  const lookups = { people: new Map([[personKey("1234"), person]]), courses: courseLookup([bsafe]) };
  const read = (cells: string[]) => readCertificateRow(cells, columns, lookups, "en", "2026-01-01");

  it("keeps an expiry equal to the computed one as computed, and a different one as an override with its reason", () => {
    expect(read(["1234", "bsafe", "15/01/2020", "2023-01-15"])).toMatchObject({ ok: true, input: { expiresOn: "2023-01-15", expiryReason: null } });
    expect(read(["1234", "bsafe", "15/01/2020", "2023-06-30"])).toMatchObject({ ok: true, input: { expiresOn: "2023-06-30", expiryReason: "Imported from the learning platform" } });
  });

  it("reports every problem at once under the file's columns", () => {
    expect(read(["", "", "", "soon"])).toEqual({
      ok: false,
      issues: [
        { field: "Staff ID", message: "Is required: the person's index number or e-mail" },
        { field: "Course", message: "Is required: the course's code or name" },
        { field: "Completed", message: "Is required" },
        { field: "Expires", message: '"soon" is not a date: write it as 2025-03-31 (ISO, year first) or 31/03/2025 (day/month/year)' },
      ],
    });
  });

  it("asks for the three columns it cannot do without, in the reader's language", () => {
    expect(resolveCertificateColumns(["Notes"], {}, "fr").problems.map((problem) => problem.field)).toEqual(["mapping.person", "mapping.course", "mapping.completedOn"]);
    expect(resolveCertificateColumns(["Notes"], {}, "fr").problems[2].message).toBe("Associez une colonne à la date de fin de formation");
  });
});
