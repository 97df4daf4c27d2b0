import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { AssessmentStatus } from "../../../core/risk/risk-enums.ts";
import type { ThreatCategory } from "../../../core/risk/security-levels.ts";
import type { TestApp } from "../../testing/test-app.ts";
import { organisations, places } from "../structure/index.ts";
import { riskMatrices, srmActivities, srmAssessments, srmScenarios } from "./assessments/srm.tables.ts";

/**
 * Helpers for the decisions tests: SRM assessments are written straight into their tables (the
 * SRM routes are another part's), then the decisions are driven through the API.
 */

export type AssessmentSpec = {
  placeName: string;
  status?: AssessmentStatus;
  periodFrom?: string;
  periodTo?: string;
  matrixCode?: string;
  activities: { name: string; organisationCode: string }[];
  /** residual: [likelihood, impact]; activities: names of the activities the scenario concerns. */
  scenarios: { title: string; residual: [number, number]; activities: string[]; threatCategory?: ThreatCategory }[];
};

export type InsertedAssessment = { id: string; placeId: string; keyOf: (activityName: string) => string };

export async function insertAssessment(t: TestApp, spec: AssessmentSpec): Promise<InsertedAssessment> {
  const { db } = t.database;
  const [place] = await db.select().from(places).where(eq(places.name, spec.placeName));
  const [matrix] = await db
    .select({ id: riskMatrices.id })
    .from(riskMatrices)
    .where(eq(riskMatrices.code, spec.matrixCode ?? "un_srm_5x5"));
  const orgs = new Map((await db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((row) => [row.code, row.id]));
  const [assessment] = await db
    .insert(srmAssessments)
    .values({
      lineageId: crypto.randomUUID(),
      version: 1,
      placeId: place.id,
      placePath: place.path,
      matrixId: matrix.id,
      status: spec.status ?? "approved",
      title: `SRM ${spec.placeName}`,
      periodFrom: spec.periodFrom ?? "2026-01-01",
      periodTo: spec.periodTo ?? "2026-12-31",
      reviewDueOn: "2026-09-30",
      authorName: "Test author",
      ...(spec.status === "approved" || spec.status === undefined ? { approvedAt: new Date(), approvedByName: "DO Mali", smtConsultedOn: "2026-01-10" } : {}),
    })
    .returning();
  const keys = new Map<string, string>();
  for (const [position, activity] of spec.activities.entries()) {
    const organisationId = orgs.get(activity.organisationCode) as string;
    const [row] = await db.insert(srmActivities).values({ assessmentId: assessment.id, organisationId, name: activity.name, position }).returning();
    keys.set(activity.name, row.key);
  }
  for (const [position, scenario] of spec.scenarios.entries()) {
    const [likelihood, impact] = scenario.residual;
    await db.insert(srmScenarios).values({
      assessmentId: assessment.id,
      threatCategory: scenario.threatCategory ?? "crime",
      title: scenario.title,
      inherentLikelihood: 5,
      inherentImpact: 5,
      residualLikelihood: likelihood,
      residualImpact: impact,
      activityKeys: scenario.activities.map((name) => keys.get(name) as string),
      position,
    });
  }
  return {
    id: assessment.id,
    placeId: place.id,
    keyOf: (name) => {
      const key = keys.get(name);
      if (!key) throw new Error(`No activity named ${name}`);
      return key;
    },
  };
}

export function decisionsTestKit(t: () => TestApp) {
  const placeIds = new Map<string, string>();
  const organisationIds = new Map<string, string>();

  async function load() {
    for (const row of await t().database.query<{ id: string; name: string }>("select id, name from places")) placeIds.set(row.name, row.id);
    for (const row of await t().database.query<{ id: string; code: string }>("select id, code from organisations")) organisationIds.set(row.code, row.id);
  }
  const place = (name: string) => placeIds.get(name) as string;
  const organisation = (code: string) => organisationIds.get(code) as string;

  const send = (email: string, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    t().request(email, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  /** A PC rating recorded through the API; fails the test unless it is created. */
  async function rate(email: string, body: Record<string, unknown>) {
    const response = await send(email, "POST", "/api/pc-assessments", {
      periodFrom: "2026-01-01",
      periodTo: "2026-12-31",
      rationale: "Rated by the programme committee against the PC framework.",
      approverName: "Country Representative",
      approvedOn: "2026-01-15",
      ...body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; level: string };
  }

  /** The audit entries of one entity, oldest first. */
  const auditOf = (entityType: string, entityId: string) =>
    t().database.query<{ action: string; actor_name: string; changes: Record<string, { from: unknown; to: unknown }> }>(
      "select action, actor_name, changes from audit_log where entity_type = $1 and entity_id = $2 order by seq",
      [entityType, entityId],
    );

  return { load, place, organisation, send, rate, auditOf };
}
