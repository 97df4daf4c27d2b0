import { eq, inArray } from "drizzle-orm";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { ForbiddenError, NotFoundError, RuleError } from "../../platform/http/errors.ts";
import { afterIncidentSubmitted, afterIncidentVerified } from "./incident-alerts.ts";
import { flashAlertRaised } from "./incident-alert-listeners.ts";
import { persons } from "./incident-deps.ts";
import { getIncident, incidentAccess } from "./incidents.service.ts";
import { incidentPolicy } from "./incidents.policy.ts";
import { incidentNeedToKnow, incidents } from "./incidents.tables.ts";

export type Transition = "submitted" | "verified" | "closed";

/** draft → submitted → verified (P/C/SA or delegate) → closed; each step time-stamped and audited. */
export async function transitionIncident(context: ServiceContext, id: string, to: Transition) {
  const { row, isNamed } = await incidentAccess(context, id);
  const rule = {
    submitted: { isAllowed: incidentPolicy.canSubmit, from: "draft" },
    verified: { isAllowed: incidentPolicy.canVerify, from: "submitted" },
    closed: { isAllowed: incidentPolicy.canClose, from: "verified" },
  }[to];
  if (row.status !== rule.from) {
    throw new RuleError("to", `An incident can become ${to} only from ${rule.from}; this one is ${row.status}`);
  }
  if (!rule.isAllowed(context.actor, row, isNamed)) throw new ForbiddenError(`You may not mark this incident ${to}`);
  const now = new Date();
  const stamp =
    to === "submitted"
      ? { submittedAt: now }
      : to === "verified"
        ? { verifiedAt: now, verifiedByName: context.actor.displayName }
        : { closedAt: now };
  const alert = await context.database.db.transaction(async (tx) => {
    await tx.update(incidents).set({ status: to, ...stamp, updatedAt: now }).where(eq(incidents.id, id));
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "incident",
      entityId: id,
      changes: { status: { from: row.status, to } },
    });
    if (to === "verified") await afterIncidentVerified(tx, context, id);
    return to === "submitted" ? afterIncidentSubmitted(tx, context, id) : null;
  });
  await flashAlertRaised(context, alert);
  return getIncident(context, id);
}

/** Replaces the people named on a sensitive incident's need-to-know list (the area's P/C/SA only). */
export async function setNeedToKnow(context: ServiceContext, id: string, personIds: string[]) {
  const { row } = await incidentAccess(context, id);
  if (!row.isSensitive) throw new RuleError("personIds", "Only sensitive incidents have a need-to-know list");
  if (!incidentPolicy.canManageNeedToKnow(context.actor, row)) throw new ForbiddenError("Only the area's P/C/SA manages this list");
  const unique = [...new Set(personIds)];
  const { db } = context.database;
  if (unique.length) {
    const found = await db.select({ id: persons.id }).from(persons).where(inArray(persons.id, unique));
    if (found.length !== unique.length) throw new RuleError("personIds", "names a person who does not exist");
  }
  const before = await db.select({ personId: incidentNeedToKnow.personId }).from(incidentNeedToKnow).where(eq(incidentNeedToKnow.incidentId, id));
  await db.transaction(async (tx) => {
    await tx.delete(incidentNeedToKnow).where(eq(incidentNeedToKnow.incidentId, id));
    if (unique.length) await tx.insert(incidentNeedToKnow).values(unique.map((personId) => ({ incidentId: id, personId })));
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "incident",
      entityId: id,
      changes: { needToKnow: { from: before.map((entry) => entry.personId), to: unique } },
    });
  });
  return { personIds: unique };
}

export async function needToKnowOf(context: ServiceContext, id: string) {
  const { row } = await incidentAccess(context, id);
  if (!row.isSensitive || !incidentPolicy.canManageNeedToKnow(context.actor, row)) throw new NotFoundError("Need-to-know list");
  const rows = await context.database.db.select({ personId: incidentNeedToKnow.personId }).from(incidentNeedToKnow).where(eq(incidentNeedToKnow.incidentId, id));
  return { personIds: rows.map((entry) => entry.personId) };
}
