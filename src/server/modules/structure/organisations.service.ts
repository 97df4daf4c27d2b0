import { and, asc, count, desc, eq, ilike, or } from "drizzle-orm";
import type { OrganisationInput } from "../../../core/structure/structure.schemas.ts";
import { diffRecords } from "../../platform/audit/audit-diff.ts";
import { recordAudit } from "../../platform/audit/audit.service.ts";
import type { ServiceContext } from "../../platform/http/context.ts";
import { ConflictError, NotFoundError } from "../../platform/http/errors.ts";
import { iso, likePattern } from "../../platform/http/schemas.ts";
import { organisationPolicy } from "./structure.policy.ts";
import { organisations } from "./structure.tables.ts";

type OrganisationRow = typeof organisations.$inferSelect;

function present(context: ServiceContext, row: OrganisationRow) {
  return {
    ...row,
    createdAt: iso(row.createdAt) as string,
    updatedAt: iso(row.updatedAt) as string,
    actions: organisationPolicy.actions(context.actor),
  };
}

export type OrganisationListQuery = {
  page: number;
  pageSize: number;
  q?: string;
  sort: "code" | "name" | "kind";
  order: "asc" | "desc";
  kind?: OrganisationRow["kind"];
};

export async function listOrganisations(context: ServiceContext, query: OrganisationListQuery) {
  const { db } = context.database;
  const conditions = [];
  if (query.q) {
    conditions.push(or(ilike(organisations.name, likePattern(query.q)), ilike(organisations.code, likePattern(query.q))));
  }
  if (query.kind) conditions.push(eq(organisations.kind, query.kind));
  const where = and(...conditions);
  const sortColumn = organisations[query.sort];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(organisations)
      .where(where)
      .orderBy(query.order === "desc" ? desc(sortColumn) : asc(sortColumn), asc(organisations.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(organisations).where(where),
  ]);
  return { items: rows.map((row) => present(context, row)), total, page: query.page, pageSize: query.pageSize };
}

async function loadOrganisation(context: ServiceContext, id: string): Promise<OrganisationRow> {
  const [row] = await context.database.db.select().from(organisations).where(eq(organisations.id, id));
  if (!row) throw new NotFoundError("Organisation");
  return row;
}

export async function getOrganisation(context: ServiceContext, id: string) {
  return present(context, await loadOrganisation(context, id));
}

async function assertCodeFree(context: ServiceContext, code: string, exceptId?: string) {
  const [clash] = await context.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(ilike(organisations.code, code));
  if (clash && clash.id !== exceptId) throw new ConflictError("code", `An organisation with code ${code} already exists`);
}

export async function createOrganisation(context: ServiceContext, input: OrganisationInput) {
  await assertCodeFree(context, input.code);
  const row = await context.database.db.transaction(async (tx) => {
    const [created] = await tx.insert(organisations).values(input).returning();
    await recordAudit(tx, context.audit, {
      action: "create",
      entityType: "organisation",
      entityId: created.id,
      changes: diffRecords(null, created),
    });
    return created;
  });
  return present(context, row);
}

export async function updateOrganisation(context: ServiceContext, id: string, patch: Partial<OrganisationInput>) {
  const before = await loadOrganisation(context, id);
  if (patch.code) await assertCodeFree(context, patch.code, id);
  const row = await context.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(organisations)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(organisations.id, id))
      .returning();
    await recordAudit(tx, context.audit, {
      action: "update",
      entityType: "organisation",
      entityId: id,
      changes: diffRecords(before, after),
    });
    return after;
  });
  return present(context, row);
}

export async function deleteOrganisation(context: ServiceContext, id: string) {
  const before = await loadOrganisation(context, id);
  await context.database.db.transaction(async (tx) => {
    await tx.delete(organisations).where(eq(organisations.id, id));
    await recordAudit(tx, context.audit, {
      action: "delete",
      entityType: "organisation",
      entityId: id,
      changes: diffRecords(before, null),
    });
  });
}
