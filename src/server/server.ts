import type { FastifyInstance } from "fastify";
import { loadAppointmentGrants } from "./modules/appointments/index.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/db/database.ts";
import { buildApp } from "./platform/http/app.ts";
import { allRoutes } from "./routes.ts";

/** Composition root: the platform plus every module's routes. */
export function createServer(config: Config, database: Database, options: { webRoot?: string } = {}): Promise<FastifyInstance> {
  return buildApp({ config, database, routes: allRoutes(config), loadGrants: loadAppointmentGrants, webRoot: options.webRoot });
}
