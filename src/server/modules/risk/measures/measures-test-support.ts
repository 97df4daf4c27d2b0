import { expect } from "vitest";
import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo, testPassword } from "../../../testing/test-app.ts";

/** Helpers the measures tests share: demo places and organisations, requests, and a Haiti writer. */

export type Measure = {
  id: string;
  kind: string;
  placeId: string;
  placeName: string;
  organisationId: string | null;
  organisationCode: string | null;
  title: string;
  ownerName: string;
  description: string;
  dueOn: string;
  status: string;
  costAmount: number | null;
  costCurrency: string | null;
  implementedOn: string | null;
  effectiveness: number | null;
  isOverdue: boolean;
  evidenceCount: number;
  evidence: { fileId: string; name: string; contentType: string; size: number }[];
  actions: string[];
};

export const haitiCsfp = "csfp.haiti@measures.example";

export async function measureSupport(t: TestApp) {
  const placeRows = await t.database.query<{ id: string; name: string; kind: string }>("select id, name, kind from places");
  const organisationRows = await t.database.query<{ id: string; code: string }>("select id, code from organisations");
  const place = (name: string) => placeRows.find((row) => row.name === name)?.id as string;
  const organisation = (code: string) => organisationRows.find((row) => row.code === code)?.id as string;
  const dutyStation = placeRows.find((row) => row.kind === "duty_station" && row.name === "Bamako")?.id as string;

  const send = (email: string, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    t.request(email, { method, url, ...(payload === undefined ? {} : { payload: payload as object }) });

  const body = (placeName: string, overrides: Record<string, unknown> = {}) => ({
    kind: "area",
    placeId: place(placeName),
    category: "telecoms",
    title: "HF radio in every vehicle",
    ownerName: "Aïssata Coulibaly",
    dueOn: addDays(todayIso(), 30),
    ...overrides,
  });

  async function create(email: string, placeName: string, overrides: Record<string, unknown> = {}): Promise<Measure> {
    const response = await send(email, "POST", "/api/srm-measures", body(placeName, overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  let hasHaitiAccount = false;
  /** An account for the CSFP of Haiti (the demo has none), who manages Haiti's measures. */
  async function haitiWriter(): Promise<string> {
    if (hasHaitiAccount) return haitiCsfp;
    const [holder] = await t.database.query<{ person_id: string }>(
      "select a.person_id from appointments a join places p on p.id = a.place_id where a.role = 'csfp' and p.name = 'Haiti'",
    );
    const created = await send(demo.admin, "POST", "/api/users", { email: haitiCsfp, displayName: "CSFP Haiti", password: testPassword, personId: holder.person_id });
    expect(created.statusCode, created.body).toBe(201);
    hasHaitiAccount = true;
    return haitiCsfp;
  }

  return { place, organisation, dutyStation, send, body, create, haitiWriter };
}

/** Issues of a 400 or 422 answer, as `field: message`. */
export function issuesOf(response: { json: () => { issues?: { field: string; message: string }[] } }): string[] {
  return (response.json().issues ?? []).map((issue) => `${issue.field}: ${issue.message}`);
}
