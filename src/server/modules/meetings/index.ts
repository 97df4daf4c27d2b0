// The meetings module's public surface: other modules import only from here.
export { actionPoints, meetingAttendees, meetings } from "./meetings.tables.ts";
export { meetingRoutes } from "./meetings.routes.ts";
export { addActionPoint, upcomingActionPoints } from "./action-points.service.ts";
export { createMeeting } from "./meetings.service.ts";
