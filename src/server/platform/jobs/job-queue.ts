import type { Database } from "../db/database.ts";

/**
 * Work a module hands to the background at run time, with its data (a re-evaluation of many trips):
 * put on the jobs' durable queue (pg-boss) when this process runs jobs, so it survives a restart
 * and one node takes it. A process without jobs (JOBS=off, the command line) gets `false` and does
 * the work itself. The runner binds the queue when it starts (job-runner.ts).
 */
type Enqueue = (name: string, data: Record<string, unknown>) => Promise<void>;

const queues = new WeakMap<Database, Enqueue>();

export function bindJobQueue(database: Database, enqueue: Enqueue | null): void {
  if (enqueue) queues.set(database, enqueue);
  else queues.delete(database);
}

/** Queues a run of `name` with `data`; false when no job runner serves this database here. */
export async function enqueueJob(database: Database, name: string, data: Record<string, unknown>): Promise<boolean> {
  const enqueue = queues.get(database);
  if (!enqueue) return false;
  await enqueue(name, data);
  return true;
}
