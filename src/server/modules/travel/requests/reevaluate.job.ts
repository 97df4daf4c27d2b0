import type { Database } from "../../../platform/db/database.ts";
import { systemContext } from "../../../platform/http/context.ts";
import type { JobDefinition } from "../../../platform/jobs/job-runner.ts";
import { type ReEvaluationTarget, reEvaluateAll, reEvaluateTrips, reEvaluationJobName } from "./reevaluate.service.ts";

/** Daily at 05:30 UTC, before the working day in the areas Vigil serves: trips decided again. */
export const clearanceReevaluationJobName = "travel-clearance-reevaluation";

export function clearanceReevaluationJob(database: Database): JobDefinition {
  return {
    name: clearanceReevaluationJobName,
    cron: "30 5 * * *",
    run: async () => ({ changed: await reEvaluateAll(systemContext(database, "daily clearance re-evaluation")) }),
  };
}

/**
 * On demand: the trips a change concerns when they were too many to re-evaluate within the request
 * (reevaluate.service.ts). Queued with the change's target and cause; pg-boss gives it to one node.
 */
export function queuedReevaluationJob(database: Database): JobDefinition {
  return {
    name: reEvaluationJobName,
    cron: null,
    run: async (data) => {
      const { target, cause } = data as { target: ReEvaluationTarget; cause: string };
      return reEvaluateTrips(systemContext(database, `clearance re-evaluation: ${cause}`), target, cause, true);
    },
  };
}
