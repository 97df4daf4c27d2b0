import { and, asc, eq, isNull } from "drizzle-orm";
import { type TravelProfileValues, profileProblems } from "../../../../core/travel/profile.ts";
import { diffRecords } from "../../../platform/audit/audit-diff.ts";
import type { AuditChanges } from "../../../platform/audit/audit.tables.ts";
import { recordAudit } from "../../../platform/audit/audit.service.ts";
import { todayIso } from "../../../platform/clock.ts";
import type { Db } from "../../../platform/db/database.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { AppError, NotFoundError, databaseErrorCode } from "../../../platform/http/errors.ts";
import { iso } from "../../../platform/http/schemas.ts";
import { dependants, persons } from "../../personnel/index.ts";
import { profilePolicy } from "./profiles.policy.ts";
import { travelProfiles } from "./profiles.tables.ts";

/**
 * Travel profiles (issue 13 §2): the person's own and one per eligible dependant. Every read is
 * written to the audit trail as `read_sensitive` in the transaction that reads; every change as a
 * create or update whose diff never holds the passport number or a proof-of-life answer in clear.
 */
type ProfileRow = typeof travelProfiles.$inferSelect;
type Holder = { id: string; placePath: string; organisationId: string; givenName: string; familyName: string };
type DependantRow = { id: string; givenName: string; familyName: string; relationship: string };

const masked = "(masked)";

async function holderOf(db: Db, personId: string): Promise<Holder | undefined> {
  const [row] = await db
    .select({ id: persons.id, placePath: persons.placePath, organisationId: persons.organisationId, givenName: persons.givenName, familyName: persons.familyName })
    .from(persons)
    .where(eq(persons.id, personId));
  return row;
}

/** A profile as the API gives it; a profile never filled is the empty shape, so a form can fill it. */
function profileOut(personId: string, dependant: DependantRow | null, name: string, row: ProfileRow | undefined) {
  return {
    personId,
    dependantId: dependant?.id ?? null,
    name,
    relationship: dependant?.relationship ?? null,
    emergencyContactName: row?.emergencyContactName ?? null,
    emergencyContactRelationship: row?.emergencyContactRelationship ?? null,
    emergencyContactPhone: row?.emergencyContactPhone ?? null,
    travelPhone: row?.travelPhone ?? null,
    nationality: row?.nationality ?? null,
    passportNumber: row?.passportNumber ?? null,
    passportCountry: row?.passportCountry ?? null,
    passportExpiresOn: row?.passportExpiresOn ?? null,
    proofOfLife: row?.proofOfLife ?? [],
    updatedAt: iso(row?.updatedAt),
  };
}

/** The person's profile and their eligible dependants', read and audited in one transaction. */
async function profilesOf(context: ServiceContext, holder: Holder, view: "own" | "reader") {
  return context.database.db.transaction(async (tx) => {
    const [kin, rows] = await Promise.all([
      tx
        .select({ id: dependants.id, givenName: dependants.givenName, familyName: dependants.familyName, relationship: dependants.relationship })
        .from(dependants)
        .where(and(eq(dependants.personId, holder.id), eq(dependants.isEligible, true)))
        .orderBy(asc(dependants.givenName), asc(dependants.id)),
      tx.select().from(travelProfiles).where(eq(travelProfiles.personId, holder.id)),
    ]);
    await recordAudit(tx, context.audit, {
      action: "read_sensitive",
      entityType: "travel_profile",
      entityId: holder.id,
      changes: { view: { from: null, to: view }, profiles: { from: null, to: 1 + kin.length } },
    });
    const byDependant = new Map(rows.map((row) => [row.dependantId, row]));
    return {
      personId: holder.id,
      name: `${holder.givenName} ${holder.familyName}`,
      own: profileOut(holder.id, null, `${holder.givenName} ${holder.familyName}`, byDependant.get(null)),
      dependants: kin.map((one) => profileOut(holder.id, one, `${one.givenName} ${one.familyName}`, byDependant.get(one.id))),
      actions: profilePolicy.actions(context.actor, holder),
    };
  });
}

/** The caller's own person: an account without a personnel record keeps no travel profile. */
async function ownHolder(context: ServiceContext): Promise<Holder> {
  const holder = context.actor.personId ? await holderOf(context.database.db, context.actor.personId) : undefined;
  if (!holder) throw new NotFoundError("Personnel record");
  return holder;
}

export async function myProfiles(context: ServiceContext) {
  return profilesOf(context, await ownHolder(context), "own");
}

/** A person's profiles for whoever may see their contacts; anyone else is told the person does not exist. */
export async function personProfiles(context: ServiceContext, personId: string) {
  const holder = await holderOf(context.database.db, personId);
  if (!holder || !profilePolicy.canRead(context.actor, holder)) throw new NotFoundError("Person");
  return profilesOf(context, holder, holder.id === context.actor.personId ? "own" : "reader");
}

/** What the audit trail keeps of a profile: the passport number and proof-of-life answers only as "(masked)". */
function auditable(row: ProfileRow | null) {
  if (!row) return null;
  const { id: _id, createdAt: _created, updatedAt: _updated, updatedByUserId: _by, passportNumber, proofOfLife, ...rest } = row;
  return { ...rest, passportNumber: passportNumber ? masked : null, proofOfLife: proofOfLife.map((item) => ({ question: item.question, answer: masked })) };
}

export function profileAuditChanges(before: ProfileRow | null, after: ProfileRow): AuditChanges {
  const changes = diffRecords(auditable(before), auditable(after));
  // A new number or answer looks the same once masked: record that it changed, never what it is.
  if (before?.passportNumber && after.passportNumber && before.passportNumber !== after.passportNumber) {
    changes.passportNumber = { from: masked, to: `${masked} (changed)` };
  }
  if (before && !changes.proofOfLife && JSON.stringify(before.proofOfLife) !== JSON.stringify(after.proofOfLife)) {
    changes.proofOfLife = { from: auditable(before)?.proofOfLife ?? [], to: [...(auditable(after)?.proofOfLife ?? []), `${masked} (answers changed)`] };
  }
  return changes;
}

const isUniqueViolation = (error: unknown) => databaseErrorCode(error) === "23505";

/** Creates or replaces one profile (PUT: every field as given), audited in the same transaction. */
async function saveProfile(context: ServiceContext, personId: string, dependantId: string | null, values: TravelProfileValues) {
  const problems = profileProblems(values, todayIso());
  if (problems.length) throw new AppError(422, "rule_violation", problems.map((problem) => `${problem.field} ${problem.message}`).join("; "), problems);
  const fields = { ...values, updatedByUserId: context.actor.userId, updatedAt: new Date() };
  const which = and(eq(travelProfiles.personId, personId), dependantId ? eq(travelProfiles.dependantId, dependantId) : isNull(travelProfiles.dependantId));
  const attempt = () =>
    context.database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(travelProfiles).where(which).for("update");
      const [after] = before
        ? await tx.update(travelProfiles).set(fields).where(eq(travelProfiles.id, before.id)).returning()
        : await tx.insert(travelProfiles).values({ personId, dependantId, ...fields }).returning();
      await recordAudit(tx, context.audit, {
        action: before ? "update" : "create",
        entityType: "travel_profile",
        entityId: after.id,
        changes: profileAuditChanges(before ?? null, after),
      });
      return after;
    });
  // Two first saves at once: the unique index lets one insert; the other becomes an update.
  return attempt().catch((error: unknown) => {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  });
}

export async function saveOwnProfile(context: ServiceContext, values: TravelProfileValues) {
  const holder = await ownHolder(context);
  const row = await saveProfile(context, holder.id, null, values);
  return profileOut(holder.id, null, `${holder.givenName} ${holder.familyName}`, row);
}

/** A dependant's profile: only theirs who sponsors them, and only while eligible; anyone else's is "not found". */
export async function saveDependantProfile(context: ServiceContext, dependantId: string, values: TravelProfileValues) {
  const holder = await ownHolder(context);
  const [dependant] = await context.database.db
    .select({ id: dependants.id, givenName: dependants.givenName, familyName: dependants.familyName, relationship: dependants.relationship })
    .from(dependants)
    .where(and(eq(dependants.id, dependantId), eq(dependants.personId, holder.id), eq(dependants.isEligible, true)));
  if (!dependant) throw new NotFoundError("Dependant");
  const row = await saveProfile(context, holder.id, dependant.id, values);
  return profileOut(holder.id, dependant, `${dependant.givenName} ${dependant.familyName}`, row);
}
