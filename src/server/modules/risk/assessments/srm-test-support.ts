import { addDays } from "../../../../core/appointments/continuity.ts";
import { todayIso } from "../../../platform/clock.ts";
import { type TestApp, demo } from "../../../testing/test-app.ts";

/** Shared set-up of the SRM tests: demo places and organisations, request bodies, extra logins. */

export const deskMali = "desk.mali@vigil.example";
export const doDrc = "do.drc@srm-test.example";
const doDrcPassword = "srm-test-passphrase-2026";

export type Scenario = {
  id: string;
  key: string;
  title: string;
  residualLikelihood: number;
  activityKeys: string[];
  inherent: { level: { code: string }; score: number | null; strategies: string[] };
  residual: { level: { code: string }; score: number | null; strategies: string[] };
};
export type Assessment = {
  id: string;
  lineageId: string;
  version: number;
  status: string;
  reviewDueOn: string;
  matrix: { id: string; code: string; version: number };
  activities: { id: string; key: string; organisationCode: string; name: string; description: string }[];
  threats: { category: string; id: string | null; key: string | null; intent: number | null; narrative: string }[];
  scenarios: Scenario[];
  versions: { id: string; version: number; status: string }[];
  approval: { byName: string; at: string; conditions: string | null; smtConsultedOn: string } | null;
  actions: string[];
};

export async function demoReferences(t: TestApp) {
  const tree = (await t.request(demo.admin, { method: "GET", url: "/api/places/tree" })).json().items as { id: string; name: string }[];
  const place = (name: string) => tree.find((item) => item.name === name)?.id as string;
  const organisationList = (await t.request(demo.admin, { method: "GET", url: "/api/organisations?pageSize=50" })).json().items as { id: string; code: string }[];
  const organisation = (code: string) => organisationList.find((item) => item.code === code)?.id as string;
  return {
    mali: place("Mali"),
    moptiArea: place("Mopti Security Area"),
    bamakoStation: place("Bamako"),
    haiti: place("Haiti"),
    drc: place("Democratic Republic of the Congo"),
    wfp: organisation("WFP"),
    unicef: organisation("UNICEF"),
  };
}
export type References = Awaited<ReturnType<typeof demoReferences>>;

/** A login for the DO of DR Congo (in the demo data without an account): a DO out of Mali. */
export async function addDrcDoLogin(t: TestApp, drc: string) {
  const list = await t.request(demo.admin, { method: "GET", url: `/api/appointments?role=do&placeId=${drc}` });
  const personId = list.json().items[0].personId as string;
  const created = await t.request(demo.admin, { method: "POST", url: "/api/users", payload: { email: doDrc, displayName: "DO DR Congo", password: doDrcPassword, personId } });
  if (created.statusCode !== 201) throw new Error(`account for the DO of DR Congo: ${created.statusCode} ${created.body}`);
  await t.login(doDrc, doDrcPassword);
}

export const assessmentBody = (placeId: string, overrides: Record<string, unknown> = {}) => ({
  placeId,
  title: "SRM assessment",
  periodFrom: todayIso(),
  periodTo: addDays(todayIso(), 365),
  reviewDueOn: addDays(todayIso(), 180),
  summary: "Volatile in the centre and north.",
  ...overrides,
});

export const scenarioBody = (overrides: Record<string, unknown> = {}) => ({
  threatCategory: "armed_conflict",
  title: "Ambush on a road mission",
  description: "A convoy is attacked between two checkpoints.",
  exposed: ["people", "assets"],
  inherentLikelihood: 4,
  inherentImpact: 4,
  residualLikelihood: 3,
  residualImpact: 3,
  measuresText: "Armed escort; movement windows; tracking.",
  strategies: ["control"],
  ...overrides,
});

/** Sends a request and returns the status and parsed body (null for an empty one). */
export async function call<T = Assessment>(t: TestApp, email: string, method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, payload?: unknown) {
  const response = await t.request(email, { method, url, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: response.statusCode, body: (response.body ? response.json() : null) as T, fields: (response.body ? (response.json().issues ?? []) : []).map((issue: { field: string }) => issue.field) as string[] };
}

/** A draft with one scenario, submitted and approved by the DO of Mali. */
export async function approvedAssessment(t: TestApp, placeId: string, overrides: Record<string, unknown> = {}, scenario: Record<string, unknown> = {}) {
  const created = await call(t, demo.pcsaMali, "POST", "/api/srm-assessments", assessmentBody(placeId, overrides));
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${id}/scenarios`, scenarioBody(scenario));
  await call(t, demo.pcsaMali, "POST", `/api/srm-assessments/${id}/submit`);
  const approved = await call(t, demo.doMali, "POST", `/api/srm-assessments/${id}/approve`, { smtConsultedOn: todayIso() });
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved.body;
}
