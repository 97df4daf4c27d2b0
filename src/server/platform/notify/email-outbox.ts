import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type nodemailer from "nodemailer";
import { typeset } from "../../../core/language/french-typography.ts";
import type { Config } from "../config.ts";
import type { Database, Db } from "../db/database.ts";
import { emailOutbox } from "./notify.tables.ts";
import { type OutboxWorker, startOutboxWorker } from "./outbox-worker.ts";
import { claimLeaseSeconds, retryDelaySeconds, secondsUntilEarliest, shortError } from "./retry.ts";

export const emailChannel = "vigil_email_outbox";

export type EmailInput = {
  kind: string;
  recipients: string[];
  subject: string;
  text: string;
  entityType?: string;
  entityId?: string;
  meta?: Record<string, unknown>;
};

/**
 * One message per recipient, worded in each recipient's language (their account locale): a notice
 * to everyone in an area must not show each address to all. `word` runs once per language used.
 */
export async function enqueueEmailInEachLanguage(
  tx: Db,
  recipients: { email: string; locale: string | null }[],
  word: (language: "en" | "fr") => { subject: string; text: string },
  message: { kind: string; entityType: string; entityId: string },
): Promise<void> {
  const worded = new Map<"en" | "fr", { subject: string; text: string }>();
  for (const recipient of recipients) {
    const language = recipient.locale === "fr" ? "fr" : "en";
    if (!worded.has(language)) worded.set(language, word(language));
    const notice = worded.get(language) as { subject: string; text: string };
    await enqueueEmail(tx, { ...message, recipients: [recipient.email], subject: notice.subject, text: notice.text, meta: { language } });
  }
}

/**
 * Writes a message to the outbox in the caller's transaction: it is sent only if that
 * transaction commits, and then at once (the commit wakes the delivery worker).
 */
export async function enqueueEmail(tx: Db, input: EmailInput): Promise<string | null> {
  const row = outboxRow(input);
  if (!row) return null;
  const [written] = await tx.insert(emailOutbox).values(row).returning({ id: emailOutbox.id });
  await tx.execute(sql`select pg_notify(${emailChannel}, '')`);
  return written.id;
}

/** The outbox row of a message (null without a recipient), worded with the typography of `meta.language`. */
function outboxRow(input: EmailInput) {
  const recipients = [...new Set(input.recipients.map((address) => address.trim()).filter(Boolean))];
  if (recipients.length === 0) return null;
  // Callers word each message in its recipients' language and say which in `meta.language`.
  const language = typeof input.meta?.language === "string" ? input.meta.language : "en";
  return {
    kind: input.kind,
    recipients,
    subject: typeset(input.subject, language),
    text: typeset(input.text, language),
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    meta: input.meta ?? {},
  };
}

/**
 * Many messages, one recipient each, written in batches of 1,000 rows with one wake-up of the
 * delivery worker: a check-in to tens of thousands of people must not cost a statement each.
 */
export async function enqueueEmails(tx: Db, inputs: readonly EmailInput[]): Promise<number> {
  const rows = inputs.flatMap((input) => outboxRow(input) ?? []);
  for (let start = 0; start < rows.length; start += 1000) await tx.insert(emailOutbox).values(rows.slice(start, start + 1000));
  if (rows.length) await tx.execute(sql`select pg_notify(${emailChannel}, '')`);
  return rows.length;
}

type EmailRow = typeof emailOutbox.$inferSelect;

/** Takes up to `limit` due messages and leases them, so that another node or pass skips them. */
async function claimDue(db: Db, limit: number): Promise<EmailRow[]> {
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(emailOutbox.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(emailOutbox)
    .set({ attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${claimLeaseSeconds})` })
    .where(inArray(emailOutbox.id, due))
    .returning();
}

/** An SMTP 5xx answer is permanent (unknown mailbox, refused sender): retrying cannot help. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

export type EmailDeliveryOptions = { config: Config; database: Database; logger: FastifyBaseLogger };

/**
 * Sends pending outbox messages through SMTP (`SMTP_URL`, from `MAIL_FROM`), retrying with
 * exponential backoff and marking each sent or failed (with the last error). Without
 * SMTP_URL, mail waits in the outbox and a warning is logged once.
 */
export function startEmailDelivery({ config, database, logger }: EmailDeliveryOptions): OutboxWorker {
  const { db } = database;
  const smtpUrl = config.smtpUrl;
  // The mailer is loaded when the first message goes out, not at start-up (a seventh of a second).
  let transport: nodemailer.Transporter | null = null;
  const transporter = async () => {
    if (!transport && smtpUrl) {
      const { default: mailer } = await import("nodemailer");
      transport ??= mailer.createTransport(smtpUrl, { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 });
    }
    return transport as nodemailer.Transporter;
  };
  let hasWarned = false;

  async function deliver(row: EmailRow) {
    try {
      const info = await (await transporter()).sendMail({
        from: config.mailFrom,
        to: row.recipients,
        subject: row.subject,
        text: row.text,
        headers: { "X-Vigil-Kind": row.kind, ...(row.entityId ? { "X-Vigil-Entity": `${row.entityType}/${row.entityId}` } : {}) },
      });
      const refusals = (info as { rejectedErrors?: { recipient?: string; responseCode?: number }[] }).rejectedErrors ?? [];
      const refusedForNow = refusals.filter((refusal) => !isPermanent(refusal)).flatMap((refusal) => refusal.recipient ?? []);
      const refused = (info.rejected ?? []).map(String);
      if (refusedForNow.length && row.attempts < config.delivery.maxAttempts) {
        // Sent to the others: the row stays pending for the recipients refused for now only.
        await db
          .update(emailOutbox)
          .set({
            recipients: refusedForNow,
            meta: { ...row.meta, sentTo: [...((row.meta.sentTo as string[] | undefined) ?? []), ...(info.accepted ?? []).map(String)] },
            lastError: `refused for now by the server: ${refusedForNow.join(", ")}`,
            nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(config, row.attempts)})`,
          })
          .where(eq(emailOutbox.id, row.id));
        return;
      }
      await db
        .update(emailOutbox)
        .set({ status: "sent", sentAt: sql`now()`, messageId: info.messageId ?? null, lastError: refused.length ? `refused by the server: ${refused.join(", ")}` : null })
        .where(eq(emailOutbox.id, row.id));
    } catch (error) {
      const isFinal = isPermanent(error) || row.attempts >= config.delivery.maxAttempts;
      await db
        .update(emailOutbox)
        .set(
          isFinal
            ? { status: "failed", lastError: shortError(error) }
            : { lastError: shortError(error), nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(config, row.attempts)})` },
        )
        .where(eq(emailOutbox.id, row.id));
      logger.warn({ err: error, emailId: row.id, attempt: row.attempts, isFinal }, "e-mail delivery failed");
    }
  }

  return startOutboxWorker({
    name: "e-mail",
    database,
    channel: emailChannel,
    logger,
    onStop: () => transport?.close(),
    async runPass(signal) {
      if (!smtpUrl) {
        if (!hasWarned) {
          const [waiting] = await db.select({ id: emailOutbox.id }).from(emailOutbox).where(eq(emailOutbox.status, "pending")).limit(1);
          if (waiting) {
            hasWarned = true;
            logger.warn("SMTP_URL is not set: e-mail (flash alerts) stays in the outbox until it is configured");
          }
        }
        return { secondsUntilNextDue: null };
      }
      for (;;) {
        const batch = await claimDue(db, 10);
        if (batch.length === 0) break;
        for (const row of batch) {
          if (signal.aborted) return { secondsUntilNextDue: null };
          await deliver(row);
        }
      }
      const [next] = await db
        .select({ seconds: secondsUntilEarliest(emailOutbox.nextAttemptAt) })
        .from(emailOutbox)
        .where(eq(emailOutbox.status, "pending"));
      return { secondsUntilNextDue: next?.seconds === null || next?.seconds === undefined ? null : Number(next.seconds) };
    },
  });
}
