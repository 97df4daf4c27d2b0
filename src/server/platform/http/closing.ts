import type { FastifyInstance } from "fastify";

declare module "fastify" {
  interface FastifyInstance {
    /** Aborted when the server starts closing: long-lived answers (server-sent events) end then, or closing would wait for them. */
    closing: AbortSignal;
  }
}

export function installClosingSignal(app: FastifyInstance): void {
  const controller = new AbortController();
  app.decorate("closing", controller.signal);
  app.addHook("preClose", (done) => {
    controller.abort();
    done();
  });
}
