import { and, eq } from "drizzle-orm";
import { type SrmNoticeKind, srmNotice } from "../../../../core/risk/srm-notice.ts";
import { users } from "../../../platform/auth/auth.tables.ts";
import type { Database, Db } from "../../../platform/db/database.ts";
import { appConfigOf } from "../../../platform/notify/app-config.ts";
import { enqueueEmailInEachLanguage } from "../../../platform/notify/email-outbox.ts";
import { notifyUsers } from "../../../platform/notify/notifications.ts";
import { places } from "../../structure/index.ts";
import { type Recipient, holdersOf } from "../levels/security-level-notices.ts";
import type { AssessmentRow } from "./srm-records.ts";

/**
 * Who hears of an SRM assessment's workflow (issue 12 §3.3), as for security level changes:
 * a submission goes in-app to the area's DO and DO a.i. (as a proposed level change does; the
 * dashboard's "awaiting your decision" card lists it too); a return for revision goes in-app and
 * by e-mail to the author (as a rejected level change goes to its proposer). Written in the
 * caller's transaction: nothing is sent unless the step commits.
 */

async function authorOf(tx: Db, row: AssessmentRow): Promise<Recipient[]> {
  if (!row.authorUserId) return [];
  return tx
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, row.authorUserId), eq(users.isActive, true)));
}

export async function notifySrm(
  tx: Db,
  database: Database,
  kind: SrmNoticeKind,
  row: AssessmentRow,
  actor: { userId: string | null; displayName: string },
  reason: string | null,
): Promise<void> {
  const everyone = kind === "submitted" ? await holdersOf(tx, ["do", "do_ai"], row.placePath) : await authorOf(tx, row);
  // Nobody is told of their own step (a DO who drafts and submits).
  const recipients = everyone.filter((recipient) => recipient.id !== actor.userId);
  if (recipients.length === 0) return;
  const [place] = await tx.select({ name: places.name }).from(places).where(eq(places.id, row.placeId));
  const link = `${appConfigOf(database).baseUrl.replace(/\/+$/, "")}/risk/assessments/${row.id}`;
  const facts = { title: row.title, version: row.version, placeName: place?.name ?? "", actorName: actor.displayName, reason, link };
  // In-app: a key and parameters (core/notifications/notification-messages.ts), worded when read in the reader's language.
  const params: Record<string, string | number> =
    kind === "submitted"
      ? { areaName: facts.placeName, version: row.version, submittedBy: actor.displayName }
      : { areaName: facts.placeName, version: row.version, returnedBy: actor.displayName, reason: reason ?? "" };
  await notifyUsers(
    tx,
    recipients.map((recipient) => recipient.id),
    { kind: `srm_${kind}`, message: { key: `srm_${kind}`, params }, entityType: "srm_assessment", entityId: row.id },
  );
  if (kind !== "returned") return;
  // E-mail: worded now, in each recipient's language.
  await enqueueEmailInEachLanguage(tx, recipients, (language) => srmNotice(kind, facts, language), {
    kind: `srm_${kind}`,
    entityType: "srm_assessment",
    entityId: row.id,
  });
}
