import fc from "fast-check";
import { validIncidentOf } from "../../../core/incidents/incident.fixtures.ts";
import type { IncidentInput } from "../../../core/incidents/incident.schemas.ts";
import { incidentCategories } from "../../../core/incidents/incident-taxonomy.data.ts";
import type { TestApp } from "../../testing/test-app.ts";

/**
 * Helpers of the analysis tests (dashboard, map, reports, rollups): places by name, a Haiti
 * account, and incidents recorded through the API and moved along the workflow.
 */
export type Step = "submitted" | "verified" | "closed";
export const stepsTo: Record<"draft" | Step, Step[]> = {
  draft: [],
  submitted: ["submitted"],
  verified: ["submitted", "verified"],
  closed: ["submitted", "verified", "closed"],
};

export const haitiEmail = "csfp.haiti@analysis.example";
const haitiPassword = "analysis-helper-passphrase-2026";

export async function analysisFixtures(t: TestApp) {
  const places = new Map<string, { id: string; path: string; kind: string }>();
  for (const row of await t.database.query<{ id: string; name: string; path: string; kind: string }>("select id, name, path, kind from places")) {
    places.set(row.name, row);
  }
  const organisations = (await t.database.query<{ id: string; code: string }>("select id, code from organisations order by code")).map((row) => row.id);
  const place = (name: string) => {
    const found = places.get(name);
    if (!found) throw new Error(`no place ${name}`);
    return found;
  };
  return { places, place, organisations };
}

/** The analysis tests count exactly what they record: incidents the demo data may hold are removed first. */
export async function clearIncidents(t: TestApp) {
  await t.database.query("delete from incidents");
}

/** An account holding the CSFP appointment of Haiti, to record incidents there. */
export async function createHaitiAccount(t: TestApp, haitiId: string) {
  const list = await t.request("admin@vigil.example", { method: "GET", url: `/api/appointments?role=csfp&placeId=${haitiId}` });
  const personId = (list.json().items as { personId: string }[])[0].personId;
  const created = await t.request("admin@vigil.example", {
    method: "POST",
    url: "/api/users",
    payload: { email: haitiEmail, displayName: "CSFP Haiti (analysis tests)", password: haitiPassword, personId },
  });
  if (created.statusCode !== 201) throw new Error(`Haiti account: ${created.statusCode} ${created.body}`);
  await t.login(haitiEmail, haitiPassword);
}

/** Records an incident through the API as `email`, then moves it along the workflow (verified by `verifier`). */
export async function recordIncident(t: TestApp, email: string, body: Record<string, unknown>, status: "draft" | Step = "submitted", verifier = email) {
  const created = await t.request(email, { method: "POST", url: "/api/incidents", payload: body });
  if (created.statusCode !== 201) throw new Error(`create as ${email}: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  for (const to of stepsTo[status]) {
    const moved = await t.request(to === "submitted" ? email : verifier, { method: "POST", url: `/api/incidents/${id}/transition`, payload: { to } });
    if (moved.statusCode !== 200) throw new Error(`${to} as ${email}: ${moved.statusCode} ${moved.body}`);
  }
  return id;
}

/** A valid body from the core generator, with real organisations, no personnel links, at a real place. */
export function bodyFrom(input: IncidentInput, place: Record<string, unknown>, organisations: string[]): Record<string, unknown> {
  const real = new Map(input.organisationsAffected.map((id, index) => [id, organisations[index % organisations.length]]));
  return {
    ...input,
    place,
    description: `Analysis test: ${input.categoryCode}`,
    organisationsAffected: input.organisationsAffected.map((id) => real.get(id)),
    peopleAffected: input.peopleAffected.map((line) => ({ ...line, personId: null, organisationId: line.organisationId ? real.get(line.organisationId) : null })),
  };
}

/** Zones without daylight saving, so an instant's written offset is always right. */
const zones = ["Africa/Bamako", "Africa/Nairobi", "Asia/Kathmandu", "America/Bogota", "Pacific/Kiritimati", "Pacific/Pago_Pago"] as const;

/** A valid incident of any category, at an instant between the two years (inclusive), written in UTC. */
export function incidentArbitrary(fromYear: number, toYear: number): fc.Arbitrary<IncidentInput> {
  const instant = fc.integer({ min: Date.UTC(fromYear, 0, 1), max: Date.UTC(toYear, 11, 31, 23, 59) }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));
  return fc
    .tuple(fc.constantFrom(...incidentCategories).chain(validIncidentOf), instant, fc.constantFrom(...zones))
    .map(([input, at, timeZone]) => ({ ...input, occurredAt: at.toISOString().replace(".000Z", "Z"), timeZone }));
}

/** The local month (YYYY-MM) of an instant in a time zone, computed in JavaScript (not SQL). */
export function localMonth(occurredAt: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(new Date(occurredAt));
  const part = (type: string) => parts.find((item) => item.type === type)?.value;
  return `${part("year")}-${part("month")}`;
}

/** A place path cut after two levels, as the rollups key areas, computed in JavaScript. */
export function areaPathOf(placePath: string): string {
  const parts = placePath.split("/").filter(Boolean);
  return parts.length <= 2 ? placePath : `/${parts[0]}/${parts[1]}/`;
}
