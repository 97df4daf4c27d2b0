// The integrations module's public surface: other modules import only from here.
// Events are emitted by other modules through the platform (`emitEvent`).
export { webhookRoutes } from "./webhooks.routes.ts";
