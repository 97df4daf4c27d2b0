import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { authorizationTable } from "./authorization/authorization-table.ts";
import {
  type Caller,
  type Driver,
  type Fixtures,
  type MatrixRequest,
  type Response,
  type SetupActor,
  createDriver,
  csvFile,
  freshAddress,
  incidentBody,
  loadFixtures,
} from "./authorization/matrix-driver.ts";
import { loadConfig } from "./platform/config.ts";
import type { RouteSpec } from "./platform/http/route.ts";
import { incidentCsv } from "./modules/incidents/incident-exchange.matrix.ts";
import { allRoutes } from "./routes.ts";
import { type TestApp, startTestApp } from "./testing/test-app.ts";

/**
 * Bad input never breaks the server: random and mutated bodies, query strings, path
 * parameters and uploads get a 4xx, and every 400 names the fields at fault.
 */
const routes = allRoutes(loadConfig({ LOG_LEVEL: "silent" }));
const keyOf = (route: RouteSpec) => `${route.method} ${route.url}`;
const bodyRoutes = routes.filter((route) => route.method !== "GET" && route.method !== "DELETE" && route.body);
const queryRoutes = routes.filter((route) => route.method === "GET" && route.querystring);
const paramRoutes = routes.filter((route) => route.params);
const runs = { numRuns: 30, seed: 20261123 };

let t: TestApp;
let driver: Driver;
let f: Fixtures;

beforeAll(async () => {
  t = await startTestApp();
  driver = createDriver(t);
  f = await loadFixtures(driver);
});
afterAll(() => t.close());

/** A caller allowed to use the route, and a valid request for it (from the authorization table). */
async function validRequest(route: RouteSpec): Promise<{ caller: Caller | SetupActor; request: MatrixRequest }> {
  const rule = authorizationTable[keyOf(route)];
  if (!rule) throw new Error(`${keyOf(route)} has no rule in authorizationTable`);
  const caller = route.access === "public" ? "anonymous" : (rule.inScope.expect.ok?.[0] ?? rule.inScope.fuzzAs ?? "admin");
  const request = await rule.inScope.request({ f, caller: caller as Caller, setup: driver.setup });
  // Failed sign-ins count towards the account lockout: fuzz an unknown account instead.
  if (route.url === "/api/auth/login") request.body = { email: "fuzz@vigil.example", password: "not the password" };
  return { caller, request };
}

type ErrorBody = { error?: string; issues?: { field?: unknown; message?: unknown }[] };

/** What is wrong with an answer to bad input, if anything. */
function answerProblem(response: Response): string | undefined {
  const shown = `${response.statusCode} ${response.body.slice(0, 300)}`;
  if (response.statusCode >= 500) return `answered ${shown}`;
  if (response.statusCode !== 400) return undefined;
  let body: ErrorBody;
  try {
    body = response.json();
  } catch {
    return `a 400 that is not JSON: ${shown}`;
  }
  if (body.error !== "validation") return `a 400 without error "validation": ${shown}`;
  const issues = body.issues ?? [];
  const isFieldLevel = issues.length > 0 && issues.every((issue) => typeof issue.field === "string" && issue.field && typeof issue.message === "string" && issue.message);
  return isFieldLevel ? undefined : `a 400 without field-level issues: ${shown}`;
}

function assertAnswer(response: Response, input: unknown) {
  const problem = answerProblem(response);
  if (problem) throw new Error(`${problem}\n  for input ${JSON.stringify(input)?.slice(0, 300)}`);
}

// ----- Arbitraries ----------------------------------------------------------------------

const nastyStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uFEFF",
  "🛡️🇲🇱",
  "Ségou – Sévaré",
  "0000-00-00",
  "2023-02-29",
  "2024-13-01",
  "9999-12-31",
  "00000000-0000-0000-0000-000000000000",
  "00000000-0000-4000-8000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "<script>alert(1)</script>",
  "'; drop table persons; --",
  "%_\\",
  "NaN",
  "-1",
  "1e400",
);
const hugeString = fc.integer({ min: 1_000, max: 300_000 }).map((length) => "x".repeat(length));
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nastyStrings, weight: 4 },
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1_000_000_000, max: -1 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  hugeString,
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
);

function bodyArbitrary(valid: Record<string, unknown>, schema: z.ZodObject): fc.Arbitrary<unknown> {
  const keys = [...new Set([...Object.keys(schema.shape), ...Object.keys(valid)])];
  const without = (dropped: string[]) => Object.fromEntries(Object.entries(valid).filter(([key]) => !dropped.includes(key)));
  return fc.oneof(
    fc.anything({ maxDepth: 2 }),
    fc.object({ maxDepth: 2 }),
    fc.jsonValue({ maxDepth: 2 }),
    // One field of a valid body given a wrong type, a wrong value, a huge or exotic string.
    fc.record({ key: fc.constantFrom(...keys), value: junk }).map(({ key, value }) => ({ ...valid, [key]: value })),
    // Several fields at once (a dictionary cannot hold more keys than there are: a body of
    // one field, as a workflow transition, would make fast-check search forever).
    fc.dictionary(fc.constantFrom(...keys), junk, { minKeys: Math.min(2, keys.length), maxKeys: 5 }).map((patch) => ({ ...valid, ...patch })),
    // Required fields missing.
    fc.subarray(keys, { minLength: 1 }).map(without),
    // Unknown fields added.
    fc.dictionary(fc.string({ maxLength: 12 }), junk, { minKeys: 1, maxKeys: 3 }).map((extra) => ({ ...extra, ...valid })),
  );
}

// ----- Bodies -------------------------------------------------------------------------

describe("random bodies on every write endpoint", () => {
  it("leaves no write endpoint out: each takes a JSON body (fuzzed here), an upload (fuzzed below) or no input", () => {
    const takesNoInput = ["POST /api/auth/logout"];
    // SRM and security-level workflow steps: their whole input is the record in the path.
    takesNoInput.push(
      "POST /api/risk-matrices/:id/default",
      "POST /api/srm-assessments/:id/submit",
      "POST /api/srm-assessments/:id/return",
      "POST /api/srm-assessments/:id/versions",
      "POST /api/security-level-changes/:id/approve",
      "POST /api/security-level-changes/:id/endorse",
      // Travel: acknowledging a trip's conditions and lifting a suspension name only the record.
      "POST /api/travel/requests/:id/acknowledge",
      "POST /api/travel/suspensions/:id/lift",
      // Closing a check-in names only the record.
      "POST /api/checkins/:id/close",
      "POST /api/checkins/:id/resend",
      // The check-in reply page's HTML form (no JSON): its two fields are read leniently, anything
      // else shows the page again; fuzzed in readiness/checkins/checkins.test.ts.
      "POST /r/:token",
    );
    const uploads = ["POST /api/personnel/import", "PUT /api/appointments/:id/letter", "POST /api/incidents/imports", "POST /api/incidents/imports/preview", "POST /api/training/certificates/imports", "POST /api/training/certificates/imports/preview", "POST /api/incidents/:id/attachments", "POST /api/srm-measures/:id/evidence", "POST /api/training/certificates/:id/file"];
    const writes = routes.filter((route) => route.method === "POST" || route.method === "PATCH" || route.method === "PUT");
    const untested = writes.filter((route) => !route.body && !(route.isMultipart && uploads.includes(keyOf(route))) && !takesNoInput.includes(keyOf(route)));
    expect(untested.map(keyOf)).toEqual([]);
  });

  for (const route of bodyRoutes) {
    it(`never answers 500 to random bodies on ${keyOf(route)}, and names the fields of each 400`, async () => {
      const { caller, request } = await validRequest(route);
      const valid = (request.body ?? {}) as Record<string, unknown>;
      await fc.assert(
        fc.asyncProperty(bodyArbitrary(valid, route.body as z.ZodObject), async (body) => {
          const response = await driver.send(caller, route.method, route.url, {
            ...request,
            body,
            headers: { ...request.headers, "x-forwarded-for": freshAddress() },
          });
          assertAnswer(response, body);
        }),
        runs,
      );
    });
  }
});

describe("field-level messages for bad bodies", () => {
  const postRoutes = bodyRoutes.filter((route) => route.method === "POST");
  for (const route of postRoutes) {
    it(`answers an empty body on ${keyOf(route)} with 400 naming a required field`, async () => {
      const { caller, request } = await validRequest(route);
      const response = await driver.send(caller, route.method, route.url, { ...request, body: {}, headers: { "x-forwarded-for": freshAddress() } });
      expect(response.statusCode, response.body).toBe(400);
      expect(answerProblem(response)).toBeUndefined();
      const shape = (route.body as z.ZodObject).shape;
      const required = Object.keys(shape).filter((key) => !shape[key].safeParse(undefined).success);
      const named = (response.json().issues as { field: string }[]).map((issue) => issue.field);
      expect(named.some((field) => required.includes(field)), `issues ${named} name none of ${required}`).toBe(true);
    });
  }

  for (const route of bodyRoutes) {
    it(`names the field given a wrong type on ${keyOf(route)}`, async () => {
      const { caller, request } = await validRequest(route);
      const shape = (route.body as z.ZodObject).shape;
      const unnamed: string[] = [];
      for (const key of Object.keys(shape)) {
        const wrong = [12345, "wrong type", true, [1], { nested: 1 }].find((value) => !shape[key].safeParse(value).success);
        const body = { ...(request.body as object), [key]: wrong };
        const response = await driver.send(caller, route.method, route.url, { ...request, body, headers: { "x-forwarded-for": freshAddress() } });
        const fields = response.statusCode === 400 ? (response.json().issues as { field: string }[]).map((issue) => issue.field) : [];
        if (answerProblem(response) || !fields.some((field) => field === key || field.startsWith(`${key}.`))) {
          unnamed.push(`${key} = ${JSON.stringify(wrong)}: ${response.statusCode} ${response.body.slice(0, 200)}`);
        }
      }
      expect(unnamed).toEqual([]);
    });
  }

  for (const route of bodyRoutes) {
    it(`answers a body that is not JSON on ${keyOf(route)} with a 400 on the body`, async () => {
      const { caller, request } = await validRequest(route);
      const problems: string[] = [];
      for (const raw of ['{"name": ', "not json", '{"__proto__": {"isAdmin": true}}']) {
        const response = await driver.send(caller, route.method, route.url, { params: request.params, rawJson: raw, headers: { "x-forwarded-for": freshAddress() } });
        const fields = response.statusCode === 400 ? (response.json().issues as { field: string }[] | undefined)?.map((issue) => issue.field) : [];
        if (response.statusCode !== 400 || answerProblem(response) || !fields?.includes("body")) problems.push(`${raw}: ${response.statusCode} ${response.body}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe("text PostgreSQL cannot store", () => {
  for (const route of bodyRoutes) {
    it(`refuses a NUL character in each text field of ${keyOf(route)} with 400 naming the field`, async () => {
      const { caller, request } = await validRequest(route);
      const valid = request.body as Record<string, unknown>;
      const problems: string[] = [];
      for (const key of Object.keys(valid).filter((name) => typeof valid[name] === "string")) {
        const body = { ...valid, [key]: "a\u0000b" };
        const response = await driver.send(caller, route.method, route.url, { ...request, body, headers: { "x-forwarded-for": freshAddress() } });
        const fields = response.statusCode === 400 ? (response.json().issues as { field: string }[]).map((issue) => issue.field) : [];
        if (answerProblem(response) || !fields.includes(key)) problems.push(`${key}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
      expect(problems).toEqual([]);
    });
  }

  for (const route of queryRoutes) {
    it(`refuses a NUL character in each query parameter of ${keyOf(route)} with 400 naming it`, async () => {
      const { caller, request } = await validRequest(route);
      const problems: string[] = [];
      for (const key of Object.keys((route.querystring as z.ZodObject).shape)) {
        const response = await driver.send(caller, "GET", route.url, { params: request.params, query: { [key]: "a\u0000" } });
        const fields = response.statusCode === 400 ? (response.json().issues as { field: string }[]).map((issue) => issue.field) : [];
        if (answerProblem(response) || !fields.includes(key)) problems.push(`${key}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it("refuses a CSV import holding a NUL character without a server error", async () => {
    const multipart = csvFile(["Nul\u0000Name,Person,female,locally_recruited,general_service,UNICEF,Mopti"]);
    const response = await driver.send("pcsaMali", "POST", "/api/personnel/import", { multipart });
    expect(answerProblem(response)).toBeUndefined();
    expect(response.statusCode).toBe(400);
  });

  it("stores no letter whose file name holds a NUL character, without a server error", async () => {
    const multipart = { field: "file", fileName: "letter\u0000.pdf", contentType: "application/pdf", content: "%PDF-1.4" };
    const response = await driver.send("admin", "PUT", "/api/appointments/:id/letter", { params: { id: f.moptiAsaAppointment }, multipart });
    expect(answerProblem(response)).toBeUndefined();
  });
});

// ----- Path parameters and query strings -----------------------------------------------

describe("bad path parameters and query strings", () => {
  for (const route of paramRoutes) {
    it(`answers a malformed path parameter on ${keyOf(route)} with 400 naming it`, async () => {
      const { caller, request } = await validRequest(route);
      const problems: string[] = [];
      for (const name of Object.keys(request.params ?? {})) {
        const params = { ...request.params, [name]: "not-a-valid-id" };
        const response = await driver.send(caller, route.method, route.url, { ...request, params });
        const fields = response.statusCode === 400 ? (response.json().issues as { field: string }[]).map((issue) => issue.field) : [];
        if (answerProblem(response) || !fields.includes(name)) problems.push(`${name}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
      expect(problems).toEqual([]);
    });
  }

  for (const route of queryRoutes) {
    it(`never answers 500 to junk query strings on ${keyOf(route)}`, async () => {
      const { caller, request } = await validRequest(route);
      const keys = [...Object.keys((route.querystring as z.ZodObject).shape), "page", "pageSize", "sort", "order"];
      const value = fc.oneof(
        nastyStrings,
        fc.string({ unit: "binary", maxLength: 30 }),
        fc.integer().map(String),
        fc.constantFrom("0", "-5", "201", "1.5", "99999999999999999999", "9007199254740991", "desc", "DESC", "true", "[]", "{}"),
        fc.integer({ min: 201, max: 5_000 }).map((length) => "q".repeat(length)),
      );
      const query = fc.dictionary(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 6 })), value, { maxKeys: 5 });
      await fc.assert(
        fc.asyncProperty(query, async (parameters) => {
          const response = await driver.send(caller, "GET", route.url, { params: request.params ?? {}, query: parameters });
          assertAnswer(response, parameters);
        }),
        runs,
      );
    });
  }
});

// ----- Uploads --------------------------------------------------------------------------

describe("random uploads", () => {
  it("never answers 500 to a random CSV file on the personnel import", async () => {
    const cell = fc.oneof(nastyStrings, fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("UNICEF", "Mopti", "female", "locally_recruited", "general_service"));
    const row = fc.array(cell, { minLength: 0, maxLength: 9 }).map((cells) => cells.map((item) => `"${item.replaceAll('"', '""')}"`).join(","));
    const file = fc.oneof(fc.array(row, { maxLength: 5 }).map(csvFile), fc.string({ unit: "binary", maxLength: 300 }).map((content) => ({ ...csvFile([]), content })));
    await fc.assert(
      fc.asyncProperty(file, async (multipart) => {
        const response = await driver.send("pcsaMali", "POST", "/api/personnel/import", { multipart });
        assertAnswer(response, multipart.content);
      }),
      runs,
    );
  });

  it("never answers 500 to a random CSV file, or random mapping and defaults, on the incident import and its preview", async () => {
    const cell = fc.oneof(nastyStrings, fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("Mopti", "robbery", "2026-01-10 09:30", "Africa/Bamako", "injured:1", "vehicle: UN-1"));
    const row = fc.array(cell, { minLength: 0, maxLength: 8 }).map((cells) => cells.map((item) => `"${item.replaceAll('"', '""')}"`).join(","));
    const file = fc.oneof(fc.array(row, { maxLength: 5 }).map(incidentCsv), fc.string({ unit: "binary", maxLength: 300 }).map((content) => ({ ...incidentCsv([]), content })));
    const json = fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)), fc.string({ maxLength: 40 }), fc.constant('{"category": "duty_station", "timeZone": "x"}'));
    await fc.assert(
      fc.asyncProperty(file, json, json, fc.constantFrom("/api/incidents/imports", "/api/incidents/imports/preview"), async (multipart, mapping, defaults, url) => {
        const response = await driver.send("pcsaMali", "POST", url, { multipart: { ...multipart, fields: { mapping, defaults } } });
        assertAnswer(response, { file: multipart.content, mapping, defaults });
      }),
      runs,
    );
  });

  it("never answers 500 to a random CSV file, or a random mapping, on the certificate import and its preview", async () => {
    const cell = fc.oneof(nastyStrings, fc.string({ unit: "binary", maxLength: 20 }), fc.constantFrom("BSAFE", "2024-01-10", "10/01/2024", "31/02/2024", "a@b.example", "123456"));
    const row = fc.array(cell, { minLength: 0, maxLength: 6 }).map((cells) => cells.map((item) => `"${item.replaceAll('"', '""')}"`).join(","));
    const csv = (lines: string[]) => ({ field: "file", fileName: "completions.csv", contentType: "text/csv", content: ["Index number,Course,Completion date,Expiry date,Issuer", ...lines].join("\n") });
    const file = fc.oneof(fc.array(row, { maxLength: 5 }).map(csv), fc.string({ unit: "binary", maxLength: 300 }).map((content) => ({ ...csv([]), content })));
    const json = fc.oneof(fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)), fc.string({ maxLength: 40 }), fc.constant('{"person": "Course", "issuer": "x"}'));
    await fc.assert(
      fc.asyncProperty(file, json, fc.constantFrom("/api/training/certificates/imports", "/api/training/certificates/imports/preview"), async (multipart, mapping, url) => {
        const response = await driver.send("pcsaMali", "POST", url, { multipart: { ...multipart, fields: { mapping } } });
        assertAnswer(response, { file: multipart.content, mapping });
      }),
      runs,
    );
  });

  it("never answers 500 to a random file as an appointment letter", async () => {
    const file = fc.record({
      field: fc.constantFrom("file", "letter", ""),
      fileName: fc.oneof(fc.constantFrom("letter.pdf", "", "../../etc/passwd"), fc.string({ maxLength: 40 }).map((name) => name.replace(/["\r\n]/g, ""))),
      contentType: fc.constantFrom("application/pdf", "image/png", "image/jpeg", "text/html", "application/octet-stream"),
      content: fc.string({ unit: "binary", maxLength: 200 }),
    });
    await fc.assert(
      fc.asyncProperty(file, async (multipart) => {
        const response = await driver.send("admin", "PUT", "/api/appointments/:id/letter", { params: { id: f.moptiAsaAppointment }, multipart });
        assertAnswer(response, multipart);
      }),
      runs,
    );
  });

  it("never answers 500 to a random file as a training certificate's file", async () => {
    const courses = await driver.setup.as<{ items: { id: string; code: string }[] }>("pcsaMali", "GET", "/api/training/courses");
    const courseId = courses.items.find((course) => course.code === "BSAFE")?.id;
    const certificate = await driver.setup.as("pcsaMali", "POST", "/api/training/certificates", { personId: f.wfpMoptiPerson, courseId, completedOn: "2024-06-30" });
    const file = fc.record({
      field: fc.constantFrom("file", "certificate", ""),
      fileName: fc.oneof(fc.constantFrom("bsafe.pdf", "photo.jpg", "", "../../etc/passwd", "a\u0000b.pdf"), fc.string({ maxLength: 40 }).map((name) => name.replace(/["\r\n]/g, ""))),
      contentType: fc.constantFrom("application/pdf", "image/png", "image/jpeg", "image/webp", "text/html", "application/octet-stream", ""),
      content: fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("%PDF-1.4", "\u00ff\u00d8\u00ff", "MZ\u0090")),
    });
    await fc.assert(
      fc.asyncProperty(file, async (multipart) => {
        const response = await driver.send("pcsaMali", "POST", "/api/training/certificates/:id/file", { params: { id: certificate.id }, multipart });
        assertAnswer(response, multipart);
      }),
      runs,
    );
  });

  it("never answers 500 to a random file or description as an incident attachment", async () => {
    // A draft of its own: files that pass are kept, and an incident takes a limited number.
    const incident = await driver.setup.as("pcsaMali", "POST", "/api/incidents", incidentBody(f.moptiStation));
    const file = fc.record({
      field: fc.constantFrom("file", "attachment", ""),
      fileName: fc.oneof(fc.constantFrom("photo.jpg", "statement.txt", "report.docx", "", "../../etc/passwd", "a\u0000b.pdf"), fc.string({ maxLength: 40 }).map((name) => name.replace(/["\r\n]/g, ""))),
      contentType: fc.constantFrom("application/pdf", "image/png", "image/jpeg", "image/webp", "text/plain", "text/html", "application/octet-stream", "", "TEXT/PLAIN; charset=utf-8"),
      content: fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("%PDF-1.4", "RIFF0000WEBPVP8 ", "PK\u0003\u0004", "plain words")),
      fields: fc.record({ description: fc.oneof(nastyStrings, fc.string({ unit: "binary", maxLength: 40 }), fc.constant("d".repeat(3000))) }),
    });
    await fc.assert(
      fc.asyncProperty(file, async (multipart) => {
        const response = await driver.send("pcsaMali", "POST", "/api/incidents/:id/attachments", { params: { id: incident.id }, multipart });
        assertAnswer(response, multipart);
      }),
      runs,
    );
  });

  it("never answers 500 to a random file as a measure's evidence", async () => {
    // A measure of its own: files that pass are kept, and a measure takes a limited number.
    const measure = await driver.setup.as("pcsaMali", "POST", "/api/srm-measures", { kind: "area", placeId: f.moptiArea, category: "telecoms", title: "Fuzzed evidence", ownerName: "Radio officer", dueOn: "2030-06-30" });
    const file = fc.record({
      field: fc.constantFrom("file", "evidence", ""),
      fileName: fc.oneof(fc.constantFrom("photo.jpg", "report.pdf", "", "../../etc/passwd", "a\u0000b.pdf"), fc.string({ maxLength: 40 }).map((name) => name.replace(/["\r\n]/g, ""))),
      contentType: fc.constantFrom("application/pdf", "image/png", "image/jpeg", "text/plain", "text/html", "application/octet-stream", ""),
      content: fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("%PDF-1.4", "\u0089PNG\r\n\u001a\n", "plain words")),
    });
    await fc.assert(
      fc.asyncProperty(file, async (multipart) => {
        const response = await driver.send("pcsaMali", "POST", "/api/srm-measures/:id/evidence", { params: { id: measure.id }, multipart });
        assertAnswer(response, multipart);
      }),
      runs,
    );
  });
});
