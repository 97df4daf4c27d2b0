import type { FastifyInstance } from "fastify";
import { loadAppointmentGrants } from "./modules/appointments/index.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/database.ts";
import { startWebhookDelivery } from "./platform/events/webhook-delivery.ts";
import { buildApp } from "./platform/http/app.ts";
import { bindAppConfig } from "./platform/notify/app-config.ts";
import { startEmailDelivery } from "./platform/notify/email-outbox.ts";
import { allRoutes } from "./routes.ts";

/** Composition root: the platform plus every module's routes, and the outgoing e-mail and webhook workers. */
export async function createServer(config: Config, database: Database, options: { webRoot?: string } = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config, database, routes: allRoutes(config), loadGrants: loadAppointmentGrants, webRoot: options.webRoot });
  bindAppConfig(database, config);
  const workers = [startEmailDelivery({ config, database, logger: app.log }), startWebhookDelivery({ config, database, logger: app.log })];
  app.addHook("onClose", async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
  });
  return app;
}
