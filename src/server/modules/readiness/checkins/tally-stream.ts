import { sql } from "drizzle-orm";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { readTally, tallyOf } from "./tally.service.ts";

/** How often the stream asks whether an answer arrived, and when it ends (the browser's EventSource reconnects, signing in anew). */
const pollMs = 1000;
const heartbeatMs = 15_000;
const lifetimeMs = 5 * 60_000;

/**
 * The tally as server-sent events (issue 14 §4). The database is the only thing the nodes share,
 * so the stream asks it, once a second, for the latest answer's number (an index lookup) and sends
 * the tally again only when it changed: an answer recorded on any node reaches every open page
 * within a second. A stream ends after five minutes, so that a revoked session stops being served;
 * the browser reconnects by itself.
 */
export async function streamTally(context: ServiceContext, messageId: string, request: FastifyRequest, reply: FastifyReply) {
  // Refusals (404, 403) are answered as JSON before the stream starts.
  let tally = await readTally(context, messageId);
  // A client that does not ask for events (EventSource does) gets the tally once, as JSON.
  if (!String(request.headers.accept ?? "").includes("text/event-stream")) return reply.send(tally);
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-store",
    connection: "keep-alive",
    "x-accel-buffering": "no",
    "x-request-id": request.id,
  });
  const send = (event: string, data: unknown) => raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  send("tally", tally);
  let isClosed = false;
  let lastBeat = Date.now();
  const started = Date.now();
  const stop = () => {
    isClosed = true;
  };
  request.raw.on("close", stop);
  request.server.closing.addEventListener("abort", stop, { once: true });
  const db = context.database.db;
  while (!isClosed && Date.now() - started < lifetimeMs) {
    await new Promise((resolve) => setTimeout(resolve, pollMs).unref());
    if (isClosed) break;
    try {
      const result = (await db.execute(sql`select coalesce(max(id), 0)::bigint::text as version from mass_message_replies where message_id = ${messageId}::uuid`)) as unknown as { rows: { version: string }[] };
      if (result.rows[0]?.version !== tally.version) {
        tally = await tallyOf(db, messageId);
        send("tally", tally);
        lastBeat = Date.now();
      } else if (Date.now() - lastBeat >= heartbeatMs) {
        raw.write(": still here\n\n");
        lastBeat = Date.now();
      }
    } catch (error) {
      request.log.warn({ err: error }, "tally stream stopped");
      break;
    }
  }
  request.server.closing.removeEventListener("abort", stop);
  raw.end();
}
