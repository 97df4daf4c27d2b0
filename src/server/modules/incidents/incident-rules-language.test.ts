import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, demo, startTestApp } from "../../testing/test-app.ts";

/** The SSIRS rule messages come back in the language of the caller's account. */
let t: TestApp;
const placeIds = new Map<string, string>();
const place = (name: string) => placeIds.get(name) as string;

function incidentBody(overrides: Record<string, unknown> = {}) {
  return {
    occurredAt: "2026-03-02T08:15:00Z",
    timeZone: "Africa/Bamako",
    place: { dutyStationId: place("Bamako") },
    categoryCode: "burglary",
    description: "Someone entered the compound at night.",
    source: "un_security",
    reporter: { name: "Warden Bamako" },
    premisesAffected: [{ kind: "office", description: "Main office" }],
    ...overrides,
  };
}

type Refusal = { error: string; message: string; issues: { field: string; message: string }[] };
const post = async (email: string, url: string, payload: Record<string, unknown>) => (await t.request(email, { method: "POST", url, payload })).json() as Refusal;
const setLocale = (email: string, locale: "en" | "fr") => t.request(email, { method: "PATCH", url: "/api/auth/me", payload: { locale } });

beforeAll(async () => {
  t = await startTestApp();
  for (const row of await t.database.query<{ id: string; name: string }>("select id, name from places")) placeIds.set(row.name, row.id);
});
afterAll(() => t.close());

describe("rule messages in the caller's language", () => {
  const military = { involvesMilitaryOrFormedPolice: true };

  it("answers in English by default", async () => {
    const refusal = await post(demo.wardenBamako, "/api/incidents", incidentBody(military));
    expect(refusal.error).toBe("rule_violation");
    expect(refusal.issues).toEqual([{ field: "involvesMilitaryOrFormedPolice", message: expect.stringMatching(/^Incidents involving members of military contingents/) }]);
  });

  it("answers in French once the account is in French, when recording and revising", async () => {
    expect((await setLocale(demo.pcsaMali, "fr")).statusCode).toBe(200);
    const refusal = await post(demo.pcsaMali, "/api/incidents", incidentBody({ ...military, assetsAffected: [{ kind: "vehicle", description: "UN-1234" }] }));
    expect(refusal.issues).toEqual([
      { field: "involvesMilitaryOrFormedPolice", message: expect.stringMatching(/^Les incidents impliquant des membres de contingents militaires/) },
      { field: "assetsAffected.0.kind", message: expect.stringMatching(/^La catégorie Cambriolage s'applique aux locaux, jamais à un véhicule/) },
    ]);
    expect(refusal.message).toBe(refusal.issues.map((issue) => issue.message).join("; "));

    const created = await t.request(demo.pcsaMali, { method: "POST", url: "/api/incidents", payload: incidentBody() });
    expect(created.statusCode, created.body).toBe(201);
    const revised = await t.request(demo.pcsaMali, { method: "PATCH", url: `/api/incidents/${created.json().id}`, payload: { premisesAffected: [] } });
    expect(revised.statusCode).toBe(422);
    expect(revised.json().issues[0].message).toMatch(/^La catégorie Cambriolage ne s'applique qu'aux locaux/);
  });

  it("answers a quick report in French too", async () => {
    await setLocale(demo.wardenBamako, "fr");
    const refusal = await post(demo.wardenBamako, "/api/incidents/quick-reports", {
      categoryCode: "abduction",
      timeZone: "Africa/Bamako",
      place: { dutyStationId: place("Bamako") },
      description: "A driver was taken at a checkpoint.",
    });
    expect(refusal.issues).toEqual([
      {
        field: "peopleAffected",
        message:
          "La catégorie Enlèvement exige au moins une personne avec la conséquence « Enlevé » lorsque l'incident concerne l'ONU : ajoutez une ligne avec cette conséquence",
      },
    ]);
    await setLocale(demo.wardenBamako, "en");
    expect((await post(demo.wardenBamako, "/api/incidents", incidentBody(military))).issues[0].message).toMatch(/^Incidents involving/);
  });
});
