import type { FastifyInstance } from "fastify";
import { loadAppointmentGrants } from "./modules/appointments/index.ts";
import { onSecurityLevelInForce, riskJobs } from "./modules/risk/index.ts";
import {
  alertCatchUpJob,
  alertTravellersOfIncident,
  alertTravellersOfLevel,
  clearanceReevaluationJob,
  queuedReevaluationJob,
  reEvaluateArea,
  trainingJobs,
} from "./modules/travel/index.ts";
import { answerBySms } from "./modules/readiness/index.ts";
import { onFlashAlert } from "./modules/incidents/index.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/database.ts";
import { startWebhookDelivery } from "./platform/events/webhook-delivery.ts";
import { buildApp } from "./platform/http/app.ts";
import { type JobRunner, startJobs } from "./platform/jobs/job-runner.ts";
import { bindAppConfig } from "./platform/notify/app-config.ts";
import { startEmailDelivery } from "./platform/notify/email-outbox.ts";
import { onInboundSms, startSmsDelivery } from "./platform/notify/sms-outbox.ts";
import { allRoutes } from "./routes.ts";
import { enableSessionCache } from "./platform/auth/session-cache.ts";

const reEvaluateOnLevel = (context: Parameters<typeof reEvaluateArea>[0], areaPath: string) => reEvaluateArea(context, areaPath, "security level");

const jobRunners = new WeakMap<FastifyInstance, JobRunner>();

/** The scheduled jobs' runner of an app (to run one now), when the app runs them (`JOBS`). */
export function jobRunnerOf(app: FastifyInstance): JobRunner | undefined {
  return jobRunners.get(app);
}

/**
 * Composition root: the platform plus every module's routes, the outgoing e-mail and webhook
 * workers, and the modules' scheduled jobs (unless JOBS=off).
 */
const laterJobs = new WeakMap<FastifyInstance, () => Promise<void>>();

/**
 * Starts the scheduled jobs of an app created with `jobsAfterListen` (the server's start: pg-boss
 * creating its queues is a quarter of a second the first requests need not wait for). Until then a
 * module's queued work is done in the request (job-queue.ts), so nothing waits on the jobs.
 */
export async function startJobsAfterListen(app: FastifyInstance): Promise<void> {
  const start = laterJobs.get(app);
  laterJobs.delete(app);
  await start?.();
}

export async function createServer(config: Config, database: Database, options: { webRoot?: string; jobsAfterListen?: boolean } = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config, database, routes: allRoutes(config), loadGrants: loadAppointmentGrants, webRoot: options.webRoot });
  bindAppConfig(database, config);
  // A security level taking effect sends the trips into its area back through clearance (issue 13 §3).
  onSecurityLevelInForce(reEvaluateOnLevel);
  // Then the travellers there or due within 72 hours are told (issue 13 §4): after the re-evaluation,
  // so that those whose trip went back to review (and were told so) are no longer counted as cleared.
  onSecurityLevelInForce(alertTravellersOfLevel);
  onFlashAlert(alertTravellersOfIncident);
  enableSessionCache(database, config.sessionCacheSeconds);
  // Answers to check-ins sent by SMS (issue 14 §4).
  onInboundSms(answerBySms);
  // The SMS worker only where an operator is configured: each worker holds a pooled connection to LISTEN.
  const workers = [
    startEmailDelivery({ config, database, logger: app.log }),
    ...(config.smppUrl ? [startSmsDelivery({ config, database, logger: app.log })] : []),
    startWebhookDelivery({ config, database, logger: app.log }),
  ];
  let jobs: JobRunner | undefined;
  const start = async () => {
    if (!config.isJobsOn) return;
    jobs = await startJobs({ database, logger: app.log, jobs: [...riskJobs(database), ...trainingJobs(database), clearanceReevaluationJob(database), queuedReevaluationJob(database), alertCatchUpJob(database)] });
    jobRunners.set(app, jobs);
  };
  if (options.jobsAfterListen) laterJobs.set(app, start);
  else {
    try {
      await start();
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.stop()));
      throw error;
    }
  }
  app.addHook("onClose", async () => {
    // Jobs first: a job's last run may still write e-mail for the workers.
    await jobs?.stop();
    await Promise.all(workers.map((worker) => worker.stop()));
  });
  return app;
}
