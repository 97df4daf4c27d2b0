import type { Database } from "../../../platform/db/database.ts";
import { systemContext } from "../../../platform/http/context.ts";
import type { JobDefinition } from "../../../platform/jobs/job-runner.ts";
import { reEvaluateAll } from "./reevaluate.service.ts";

/** Daily at 05:30 UTC, before the working day in the areas Vigil serves: trips decided again. */
export const clearanceReevaluationJobName = "travel-clearance-reevaluation";

export function clearanceReevaluationJob(database: Database): JobDefinition {
  return {
    name: clearanceReevaluationJobName,
    cron: "30 5 * * *",
    run: async () => ({ changed: await reEvaluateAll(systemContext(database, "daily clearance re-evaluation")) }),
  };
}
