import { expect } from "vitest";
import type { TestApp } from "../../testing/test-app.ts";

/** Helpers shared by the victims register's API tests. */
export function victimsTestKit(t: () => TestApp) {
  const places = new Map<string, string>();

  async function loadPlaces() {
    for (const row of await t().database.query<{ id: string; name: string }>("select id, name from places")) places.set(row.name, row.id);
  }
  const place = (name: string) => places.get(name) as string;

  const send = (email: string, method: "GET" | "POST" | "PATCH" | "DELETE", url: string, payload?: unknown) =>
    t().request(email, { method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  /** An incident recorded through the API (a robbery at the station by default). */
  async function incident(email: string, overrides: Record<string, unknown> = {}): Promise<string> {
    const response = await send(email, "POST", "/api/incidents", {
      occurredAt: "2026-02-03T18:15:00Z",
      timeZone: "Africa/Bamako",
      place: { dutyStationId: place("Bamako") },
      categoryCode: "injury_violence",
      description: "A staff member was stabbed during a robbery near the office.",
      source: "un_security",
      reporter: { name: "Security officer" },
      peopleAffected: [{ outcome: "injured", recruitmentType: "locally_recruited", sex: "male", count: 1 }],
      ...overrides,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().id;
  }

  async function openCase(email: string, body: Record<string, unknown>) {
    const response = await send(email, "POST", "/api/victim-cases", { perpetratorKind: "non_state", ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  }

  /** The register's audit entries of one kind for one entity, oldest first. */
  const auditOf = (action: string, entityId: string) =>
    t().database.query<{ actor_name: string; changes: Record<string, { from: unknown; to: unknown }> }>(
      "select actor_name, changes from audit_log where entity_type = 'victim_case' and action = $1 and entity_id = $2 order by seq",
      [action, entityId],
    );

  return { loadPlaces, place, send, incident, openCase, auditOf };
}
