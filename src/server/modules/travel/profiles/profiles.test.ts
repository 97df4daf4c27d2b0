import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../../testing/test-app.ts";

/**
 * Travel profiles (issue 13 §2): a person keeps their own and their eligible dependants'; the
 * fields are checked and named when wrong; whoever may see the person's contacts may read them,
 * and every read and change is audited without the passport number or a proof-of-life answer in
 * clear. Who may call each route is in profiles.matrix.ts; acceptance 7 in need-to-know.test.ts.
 */
const traveller = "traveller.mali@vigil.example";
let t: TestApp;
let person: string;
let organisationCode: string;

const send = (email: string | null, method: "GET" | "PUT" | "POST", url: string, payload?: unknown) => t.request(email, { method, url, payload: payload as never });
const putOwn = (payload: unknown) => send(traveller, "PUT", "/api/travel/profiles/me", payload);
type Issue = { field: string; message: string };
const fieldsOf = (body: { issues?: Issue[] }) => (body.issues ?? []).map((issue) => issue.field);

const filled = {
  emergencyContactName: "Awa Traoré",
  emergencyContactRelationship: "Sister",
  emergencyContactPhone: "+223 76 12 34 56",
  travelPhone: "+223 66 98 76 54",
  nationality: "ml",
  passportNumber: "b 0417 2291",
  passportCountry: "ML",
  passportExpiresOn: "2031-03-14",
  proofOfLife: [{ question: "Name of your first teacher?", answer: "Madame Keita-Quartz" }],
};

beforeAll(async () => {
  t = await startTestApp();
  person = (await send(traveller, "GET", "/api/auth/me")).json().personId;
  const [row] = await t.database.query<{ code: string }>("select o.code from persons p join organisations o on o.id = p.organisation_id where p.id = $1", [person]);
  organisationCode = row.code;
});
afterAll(() => t.close());

describe("one's own travel profile", () => {
  it("is returned whole, filled by the demo, with a shape for each eligible dependant", async () => {
    const response = await send(traveller, "GET", "/api/travel/profiles/me");
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.personId).toBe(person);
    expect(body.actions).toEqual(["update"]);
    expect(body.own.dependantId).toBeNull();
    expect(body.own.passportNumber).toMatch(/^[A-Z0-9]{5,20}$/);
    for (const kin of body.dependants) expect(kin).toHaveProperty("passportNumber");
  });

  it("is saved as given, the passport number in capitals without spaces", async () => {
    const response = await putOwn(filled);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ nationality: "ML", passportNumber: "B04172291", passportExpiresOn: "2031-03-14", proofOfLife: filled.proofOfLife });
    const read = (await send(traveller, "GET", "/api/travel/profiles/me")).json();
    expect(read.own).toMatchObject({ emergencyContactName: "Awa Traoré", travelPhone: "+223 66 98 76 54", passportNumber: "B04172291" });
  });

  it("names each field that is wrong", async () => {
    const wrong = await putOwn({ nationality: "XX", passportCountry: "Mali", passportExpiresOn: "2031-02-30", travelPhone: "call me", emergencyContactPhone: "12", passportNumber: "B-1" });
    expect(wrong.statusCode).toBe(400);
    expect(fieldsOf(wrong.json()).sort()).toEqual(["emergencyContactPhone", "nationality", "passportCountry", "passportExpiresOn", "passportNumber", "travelPhone"]);
    const tooMany = await putOwn({ proofOfLife: Array.from({ length: 4 }, (_, index) => ({ question: `Question ${index}?`, answer: "yes" })) });
    expect(tooMany.statusCode).toBe(400);
    expect(fieldsOf(tooMany.json())).toContain("proofOfLife");
    const halfAsked = await putOwn({ proofOfLife: [{ question: "Favourite river?", answer: "  " }] });
    expect(halfAsked.statusCode).toBe(400);
    expect(fieldsOf(halfAsked.json())).toEqual(["proofOfLife.0.answer"]);
    const halfPassport = await putOwn({ passportNumber: "C1234567" });
    expect(halfPassport.statusCode).toBe(422);
    expect(fieldsOf(halfPassport.json()).sort()).toEqual(["passportCountry", "passportExpiresOn"]);
    // A year typed wrong (2093 for 2029): no passport runs that long.
    const farYear = `${new Date().getUTCFullYear() + 16}-03-14`;
    const typo = await putOwn({ passportNumber: "C1234567", passportCountry: "ML", passportExpiresOn: farYear });
    expect(typo.statusCode).toBe(422);
    expect(typo.json().issues).toEqual([{ field: "passportExpiresOn", message: "is more than 15 years ahead: check the year" }]);
  });

  it("empties what the person clears (a PUT replaces the whole profile)", async () => {
    const response = await putOwn({ ...filled, emergencyContactName: "", proofOfLife: [] });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ emergencyContactName: null, proofOfLife: [] });
    await putOwn(filled);
  });

  it("is refused to an account without a personnel record (not found)", async () => {
    expect((await send(demo.admin, "GET", "/api/travel/profiles/me")).statusCode).toBe(404);
    expect((await send(demo.admin, "PUT", "/api/travel/profiles/me", filled)).statusCode).toBe(404);
  });
});

describe("a dependant's travel profile", () => {
  let eligible: string;
  let ineligible: string;
  let strangers: string;

  beforeAll(async () => {
    const add = async (personId: string, givenName: string, isEligible: boolean) => {
      const response = await send(demo.pcsaMali, "POST", `/api/personnel/${personId}/dependants`, { givenName, familyName: "Profile", relationship: "child", sex: "female", isEligible });
      expect(response.statusCode, response.body).toBe(201);
      return (response.json().dependants as { id: string; givenName: string }[]).find((one) => one.givenName === givenName)?.id as string;
    };
    eligible = await add(person, "Eligible", true);
    ineligible = await add(person, "Ineligible", false);
    const [other] = await t.database.query<{ id: string }>("select id from persons where id <> $1 and place_path like (select place_path from persons where id = $1) limit 1", [person]);
    strangers = await add(other.id, "Stranger", true);
  });

  it("is kept by the person for an eligible dependant, and listed with theirs", async () => {
    const response = await send(traveller, "PUT", `/api/travel/profiles/me/dependants/${eligible}`, { ...filled, passportNumber: "D7654321" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ dependantId: eligible, name: "Eligible Profile", passportNumber: "D7654321" });
    const listed = (await send(traveller, "GET", "/api/travel/profiles/me")).json().dependants as { dependantId: string; passportNumber: string | null }[];
    expect(listed.find((one) => one.dependantId === eligible)?.passportNumber).toBe("D7654321");
    expect(listed.some((one) => one.dependantId === ineligible)).toBe(false);
  });

  it("answers not found for an ineligible dependant, another person's, or none", async () => {
    for (const id of [ineligible, strangers, "00000000-0000-4000-8000-000000000000"]) {
      expect((await send(traveller, "PUT", `/api/travel/profiles/me/dependants/${id}`, filled)).statusCode).toBe(404);
    }
  });
});

describe("reading another person's profile", () => {
  const readOf = (email: string) => send(email, "GET", `/api/travel/profiles/person/${person}`);

  it("is open to whoever may see the person's contacts, and each read is audited", async () => {
    const before = await t.database.query<{ n: number }>("select count(*)::int as n from audit_log where entity_type = 'travel_profile' and action = 'read_sensitive' and entity_id = $1", [person]);
    for (const email of [demo.pcsaMali, demo.wardenBamako]) {
      const response = await readOf(email);
      expect(response.statusCode, `${email}: ${response.body}`).toBe(200);
      expect(response.json().own.passportNumber).toBe("B04172291");
      expect(response.json().actions).toEqual([]);
    }
    const after = await t.database.query<{ n: number; actors: string[] }>(
      "select count(*)::int as n, array_agg(actor_name) as actors from audit_log where entity_type = 'travel_profile' and action = 'read_sensitive' and entity_id = $1",
      [person],
    );
    expect(after[0].n).toBe(before[0].n + 2);
  });

  it("is refused to those without contacts rights (403) and hidden from another organisation's focal point (404)", async () => {
    for (const email of [demo.analyst, demo.admin, demo.doMali, demo.ascMopti, demo.repUnicefMali, demo.staff]) {
      expect((await readOf(email)).statusCode, email).toBe(403);
    }
    if (organisationCode !== "WFP") expect((await readOf(demo.sfpWfpMali)).statusCode).toBe(404);
  });
});

describe("the audit trail of a change", () => {
  it("records who changed what, never the passport number or a proof-of-life answer in clear", async () => {
    await putOwn({ ...filled, passportNumber: "E99887766", proofOfLife: [{ question: "Name of your first teacher?", answer: "Monsieur Diarra-Zircon" }] });
    const entries = await t.database.query<{ action: string; changes: Record<string, { from: unknown; to: unknown }> }>(
      "select action, changes from audit_log where entity_type = 'travel_profile' and action in ('create', 'update') order by seq",
    );
    expect(entries.length).toBeGreaterThanOrEqual(3);
    const trail = JSON.stringify(entries);
    for (const secret of ["B04172291", "E99887766", "D7654321", "Madame Keita-Quartz", "Monsieur Diarra-Zircon"]) expect(trail).not.toContain(secret);
    const last = entries.at(-1) as (typeof entries)[number];
    expect(last.changes.passportNumber).toEqual({ from: "(masked)", to: "(masked) (changed)" });
    expect(JSON.stringify(last.changes.proofOfLife)).toContain("answers changed");
  });
});
