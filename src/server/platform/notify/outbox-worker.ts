import type { FastifyBaseLogger } from "fastify";
import type pg from "pg";
import type { Database } from "../db/database.ts";

/**
 * A background sender for an outbox table (e-mail, webhooks). Rows are written in the
 * transaction of the change that causes them, together with `pg_notify(channel)`: PostgreSQL
 * and PGlite deliver a notification only when that transaction commits (never on rollback), so
 * listening on the channel is the "kick right after the commit". A slow poll catches anything a
 * lost connection missed and rows other nodes wrote; a timer wakes the worker for the next retry.
 */
export type OutboxWorker = {
  /** Runs a pass soon (coalesced with one already running). */
  kick(): void;
  /** Stops timers and listening, aborts requests in flight, and waits for the pass to end. */
  stop(): Promise<void>;
};

export type OutboxPass = (signal: AbortSignal) => Promise<{ secondsUntilNextDue: number | null }>;

export type OutboxWorkerOptions = {
  name: string;
  database: Database;
  channel: string;
  logger: FastifyBaseLogger;
  runPass: OutboxPass;
  pollSeconds?: number;
  onStop?: () => void;
};

export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { name, logger } = options;
  const abort = new AbortController();
  let running: Promise<void> | null = null;
  let isAgain = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const scheduleRetry = (seconds: number | null) => {
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    if (seconds === null || abort.signal.aborted) return;
    // setTimeout holds at most ~24.8 days; the poll covers anything further away.
    retryTimer = setTimeout(kick, Math.min(Math.max(seconds, 0) * 1000 + 50, 2 ** 31 - 1));
    retryTimer.unref();
  };

  function kick() {
    if (abort.signal.aborted) return;
    if (running) {
      isAgain = true;
      return;
    }
    running = (async () => {
      do {
        isAgain = false;
        try {
          const { secondsUntilNextDue } = await options.runPass(abort.signal);
          scheduleRetry(secondsUntilNextDue);
        } catch (error) {
          if (!abort.signal.aborted) logger.error({ err: error }, `${name} delivery: a pass failed`);
        }
      } while (isAgain && !abort.signal.aborted);
    })().finally(() => {
      running = null;
    });
  }

  const poll = setInterval(kick, (options.pollSeconds ?? 60) * 1000);
  poll.unref();
  const listening = listenToChannel(options.database, options.channel, kick, (error) =>
    logger.warn({ err: error }, `${name} delivery: not listening for new rows; polling only until reconnected`),
  );
  // Rows left from before a restart go out at once.
  kick();

  return {
    kick,
    async stop() {
      abort.abort();
      clearInterval(poll);
      if (retryTimer) clearTimeout(retryTimer);
      const unlisten = await listening;
      await unlisten();
      await running;
      options.onStop?.();
    },
  };
}

/**
 * Calls `onNotify` after each commit of a transaction that ran `pg_notify(channel)`, on PGlite
 * or PostgreSQL (one pooled connection held for LISTEN, reconnected after a failure). Returns
 * the function that stops listening.
 */
async function listenToChannel(
  database: Database,
  channel: string,
  onNotify: () => void,
  onError: (error: unknown) => void,
): Promise<() => Promise<void>> {
  if (database.pglite) {
    try {
      const unlisten = await database.pglite.listen(channel, () => onNotify());
      return async () => {
        await unlisten().catch(() => undefined);
      };
    } catch (error) {
      onError(error);
      return async () => undefined;
    }
  }
  const pool = database.pool;
  if (!pool) return async () => undefined;
  let client: pg.PoolClient | null = null;
  let isStopped = false;
  let reconnectTimer: NodeJS.Timeout | null = null;
  const onMessage = (message: pg.Notification) => {
    if (message.channel === channel) onNotify();
  };
  const reconnectLater = () => {
    if (isStopped || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      void connect();
    }, 5_000);
    reconnectTimer.unref();
  };
  const released = new WeakSet<pg.PoolClient>();
  const drop = (connected: pg.PoolClient, error?: Error) => {
    if (released.has(connected)) return;
    released.add(connected);
    connected.removeListener("notification", onMessage);
    if (client === connected) client = null;
    connected.release(error ?? true);
  };
  const connect = async () => {
    let connected: pg.PoolClient | null = null;
    try {
      connected = await pool.connect();
      if (isStopped) {
        connected.release();
        return;
      }
      const held = connected;
      held.on("notification", onMessage);
      held.on("error", (error) => {
        onError(error);
        drop(held, error);
        reconnectLater();
      });
      await held.query(`listen ${channel}`);
      client = held;
      // Anything committed while no one listened.
      onNotify();
    } catch (error) {
      onError(error);
      if (connected) drop(connected);
      reconnectLater();
    }
  };
  await connect();
  return async () => {
    isStopped = true;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    const held = client;
    if (!held) return;
    await held.query(`unlisten ${channel}`).catch(() => undefined);
    held.removeListener("notification", onMessage);
    client = null;
    released.add(held);
    held.release();
  };
}
