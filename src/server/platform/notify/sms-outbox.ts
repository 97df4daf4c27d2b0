import { randomInt } from "node:crypto";
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { FastifyBaseLogger } from "fastify";
import type { Pdu, Session } from "smpp";
import { smsParts } from "../../../core/notifications/sms.ts";
import type { Config } from "../config.ts";
import type { Database, Db } from "../db/database.ts";
import { smsOutbox } from "./notify.tables.ts";
import { type OutboxWorker, startOutboxWorker } from "./outbox-worker.ts";
import { claimLeaseSeconds, retryDelaySeconds, secondsUntilEarliest, shortError } from "./retry.ts";

export const smsChannel = "vigil_sms_outbox";

export type SmsInput = { kind: string; to: string; text: string; entityType?: string; entityId?: string };

/** SMS written in the caller's transaction, in batches of 1,000, with one wake-up of the worker. */
export async function enqueueSms(tx: Db, inputs: readonly SmsInput[]): Promise<number> {
  const rows = inputs
    .filter((input) => input.to.trim())
    .map((input) => ({ kind: input.kind, to: input.to.trim(), text: input.text, parts: smsParts(input.text).parts.length, entityType: input.entityType ?? null, entityId: input.entityId ?? null }));
  for (let start = 0; start < rows.length; start += 1000) await tx.insert(smsOutbox).values(rows.slice(start, start + 1000));
  if (rows.length) await tx.execute(sql`select pg_notify(${smsChannel}, '')`);
  return rows.length;
}

/** An SMS a person sent to the deployment's number (an answer to a check-in). */
export type InboundSms = { from: string; text: string };
type InboundHandler = (database: Database, sms: InboundSms) => Promise<void>;
const inboundHandlers: InboundHandler[] = [];

/** Registered at composition time by the module that answers SMS (readiness: check-in answers). */
export function onInboundSms(handler: InboundHandler): void {
  if (!inboundHandlers.includes(handler)) inboundHandlers.push(handler);
}

type SmsRow = typeof smsOutbox.$inferSelect;

async function claimDue(db: Db, limit: number): Promise<SmsRow[]> {
  const due = db
    .select({ id: smsOutbox.id })
    .from(smsOutbox)
    .where(and(eq(smsOutbox.status, "pending"), lte(smsOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(asc(smsOutbox.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(smsOutbox)
    .set({ attempts: sql`${smsOutbox.attempts} + 1`, nextAttemptAt: sql`now() + make_interval(secs => ${claimLeaseSeconds})` })
    .where(inArray(smsOutbox.id, due))
    .returning();
}

const submit = (session: Session, fields: Record<string, unknown>) =>
  new Promise<string>((resolve, reject) =>
    session.submit_sm(fields, (pdu) => (pdu.command_status === 0 ? resolve(String(pdu.message_id ?? "")) : reject(new Error(`the operator refused the SMS (status ${pdu.command_status})`)))),
  );

/** The text of a received SMS, whatever form the library decoded it to. */
function textOf(pdu: Pdu): string {
  const message = pdu.short_message as { message?: unknown } | string | Buffer | undefined;
  if (typeof message === "string") return message;
  if (Buffer.isBuffer(message)) return message.toString("latin1");
  if (message && typeof message.message === "string") return message.message;
  return "";
}

/**
 * Sends pending SMS through the operator's SMPP server (`SMPP_URL`), as one SMS or as a
 * concatenated message (a header naming the part, so phones show one message), retrying with
 * backoff like e-mail. The same bound session (transceiver) receives the SMS people send back:
 * each goes to the registered handlers, and is acknowledged whatever they make of it. Without
 * SMPP_URL, SMS waits in the outbox.
 */
export function startSmsDelivery({ config, database, logger }: { config: Config; database: Database; logger: FastifyBaseLogger }): OutboxWorker {
  const { db } = database;
  let bound: Promise<Session> | null = null;
  const isAlphanumeric = /[A-Za-z]/.test(config.smsSender);

  function connect(): Promise<Session> {
    bound ??= (async () => {
      const smpp = await import("smpp");
      const url = new URL(config.smppUrl as string);
      const session = await new Promise<Session>((resolve, reject) => {
        const opened = smpp.connect({ url: `${url.protocol}//${url.host}`, auto_enquire_link_period: 30_000, connectTimeout: 30_000 }, () => resolve(opened));
        opened.once("error", reject);
      });
      await new Promise<void>((resolve, reject) =>
        session.bind_transceiver({ system_id: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }, (pdu) =>
          pdu.command_status === 0 ? resolve() : reject(new Error(`the operator refused the SMPP bind (status ${pdu.command_status})`)),
        ),
      );
      const forget = () => {
        bound = null;
      };
      session.on("close", forget);
      session.on("error", (error: Error) => {
        logger.warn({ err: error }, "SMPP session error");
        forget();
      });
      session.on("deliver_sm", (pdu: Pdu) => {
        session.send(pdu.response());
        // A delivery receipt (esm_class bit 2) reports on an SMS sent; it is not a person's answer.
        if ((Number(pdu.esm_class) & 0x04) !== 0) return;
        const sms = { from: String(pdu.source_addr ?? ""), text: textOf(pdu) };
        for (const handler of inboundHandlers) handler(database, sms).catch((error) => logger.error({ err: error }, "an SMS received could not be handled"));
      });
      return session;
    })();
    bound.catch(() => {
      bound = null;
    });
    return bound;
  }

  async function deliver(session: Session, row: SmsRow) {
    try {
      const { parts } = smsParts(row.text);
      const reference = randomInt(256);
      const ids: string[] = [];
      for (const [index, part] of parts.entries()) {
        const udh = parts.length > 1 ? Buffer.from([0x05, 0x00, 0x03, reference, parts.length, index + 1]) : null;
        ids.push(
          await submit(session, {
            source_addr: config.smsSender,
            source_addr_ton: isAlphanumeric ? 5 : 1,
            destination_addr: row.to.replace(/[^\d+]/g, ""),
            destination_addr_ton: 1,
            short_message: udh ? { udh, message: part } : part,
          }),
        );
      }
      await db.update(smsOutbox).set({ status: "sent", sentAt: sql`now()`, smscIds: ids, lastError: null }).where(eq(smsOutbox.id, row.id));
    } catch (error) {
      const isFinal = row.attempts >= config.delivery.maxAttempts;
      await db
        .update(smsOutbox)
        .set(isFinal ? { status: "failed", lastError: shortError(error) } : { lastError: shortError(error), nextAttemptAt: sql`now() + make_interval(secs => ${retryDelaySeconds(config, row.attempts)})` })
        .where(eq(smsOutbox.id, row.id));
      logger.warn({ err: error, smsId: row.id, attempt: row.attempts, isFinal }, "SMS delivery failed");
    }
  }

  const worker = startOutboxWorker({
    name: "SMS",
    database,
    channel: smsChannel,
    logger,
    onStop: () => {
      void bound?.then((session) => session.close()).catch(() => undefined);
    },
    async runPass(signal) {
      if (!config.smppUrl) return { secondsUntilNextDue: null };
      let session: Session;
      try {
        session = await connect();
      } catch (error) {
        logger.warn({ err: error }, "SMPP: could not connect; SMS waits in the outbox");
        return { secondsUntilNextDue: 30 };
      }
      for (;;) {
        const batch = await claimDue(db, 20);
        if (batch.length === 0) break;
        for (const row of batch) {
          if (signal.aborted) return { secondsUntilNextDue: null };
          await deliver(session, row);
        }
      }
      const [next] = await db.select({ seconds: secondsUntilEarliest(smsOutbox.nextAttemptAt) }).from(smsOutbox).where(eq(smsOutbox.status, "pending"));
      return { secondsUntilNextDue: next?.seconds === null || next?.seconds === undefined ? null : Number(next.seconds) };
    },
  });
  // Bound from the start, so that answers sent by SMS arrive even when nothing is waiting to go out.
  if (config.smppUrl) worker.kick();
  return worker;
}
