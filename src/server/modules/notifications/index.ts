// The notifications module's public surface: other modules import only from here.
// Notifications are written by other modules through the platform (`notifyUsers`).
export { notificationRoutes } from "./notifications.routes.ts";
