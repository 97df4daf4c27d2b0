import { z } from "zod";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses, idParams, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import { listMyNotifications, markAllRead, markNotification } from "./notifications.service.ts";

const notificationOut = z.object({
  id: z.string(),
  kind: z.string().describe("flash_alert, …"),
  title: z.string().describe("Worded when read, in the reader's language"),
  body: z.string(),
  entityType: z.string().nullable().describe("The kind of record it is about (incident, …)"),
  entityId: z.string().nullable(),
  createdAt: timestamp,
  readAt: timestamp.nullable(),
});

const tags = ["Notifications"];

export const notificationRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/notifications",
    access: "authenticated",
    summary: "Your own in-app notifications, newest first, with the number unread",
    tags,
    querystring: z.object({
      page: pagingQuery.page,
      pageSize: pagingQuery.pageSize,
      unreadOnly: z.enum(["true", "false"], { message: "must be true or false" }).optional(),
      language: z.enum(["en", "fr"], { message: "must be en or fr" }).optional().describe("The language to word them in; by default your account's"),
    }),
    response: {
      200: z.object({
        items: z.array(notificationOut),
        total: z.number().int(),
        page: z.number().int(),
        pageSize: z.number().int(),
        unreadCount: z.number().int(),
      }),
      ...errorResponses,
    },
    handler: ({ context, query }) => listMyNotifications(context, query),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/notifications/:id",
    access: "authenticated",
    summary: "Mark one of your notifications read or unread",
    tags,
    params: idParams,
    body: z.object({ isRead: z.boolean({ message: "must be true or false" }) }),
    response: { 200: notificationOut, ...errorResponses },
    handler: ({ context, params, body }) => markNotification(context, params.id, body.isRead),
  }),
  defineRoute({
    method: "POST",
    url: "/api/notifications/mark-all-read",
    access: "authenticated",
    summary: "Mark read all your notifications created up to a time (the newest you have seen)",
    tags,
    body: z.object({ upTo: z.iso.datetime({ offset: true, message: "must be an ISO 8601 date-time, e.g. 2026-01-10T09:30:00Z" }) }),
    response: { 200: z.object({ marked: z.number().int(), unreadCount: z.number().int() }), ...errorResponses },
    handler: ({ context, body }) => markAllRead(context, body.upTo),
  }),
];
