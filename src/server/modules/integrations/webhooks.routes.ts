import { z } from "zod";
import { webhookDeliveryStatuses, webhookEventTypes, webhookInput, webhookPatch } from "../../../core/integrations/webhook.schemas.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { actionsField, errorResponses, idParams, noContent, pageOf, pagingQuery, timestamp } from "../../platform/http/schemas.ts";
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, updateWebhook } from "./webhooks.service.ts";

const webhookOut = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  placeId: z.string().nullable().describe("Events only from this place and below; null: everywhere"),
  placeName: z.string().nullable(),
  isActive: z.boolean(),
  deliveries: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int() }),
  createdAt: timestamp,
  updatedAt: timestamp,
  actions: actionsField,
});

const deliveryOut = z.object({
  id: z.string().describe("Sent as X-Vigil-Delivery"),
  eventType: z.string(),
  entityId: z.string().nullable().describe("The record the event is about"),
  status: z.enum(webhookDeliveryStatuses),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: timestamp.nullable(),
  createdAt: timestamp,
  deliveredAt: timestamp.nullable(),
});

const paging = z.object({ page: pagingQuery.page, pageSize: pagingQuery.pageSize });
/** A log to see whether a receiver is healthy, not an archive: the latest deliveries only. */
const recentDeliveries = 50;
const tags = ["Webhooks"];

export const webhookRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/webhooks",
    access: "webhook.manage",
    summary: `Subscriptions of other systems to events (${webhookEventTypes.join(", ")})`,
    tags,
    querystring: paging,
    response: { 200: pageOf(webhookOut), ...errorResponses },
    handler: ({ context, query }) => listWebhooks(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/webhooks",
    access: "webhook.manage",
    summary:
      "Subscribe a URL to events. Each event is POSTed as JSON with X-Vigil-Event, X-Vigil-Delivery and X-Vigil-Signature (sha256=HMAC-SHA256 of the body with the secret, which this answer alone shows)",
    tags,
    body: webhookInput,
    response: { 201: webhookOut.extend({ secret: z.string().describe("Shown once: keep it to check signatures") }), ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createWebhook(context, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/webhooks/:id",
    access: "webhook.manage",
    summary: "Rename, re-point, (de)activate a subscription or change its events or place",
    tags,
    params: idParams,
    body: webhookPatch,
    response: { 200: webhookOut, ...errorResponses },
    handler: ({ context, params, body }) => updateWebhook(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/webhooks/:id",
    access: "webhook.manage",
    summary: "Delete a subscription and its delivery log",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteWebhook(context, params.id);
      return reply.code(204).send();
    },
  }),
  defineRoute({
    method: "GET",
    url: "/api/webhooks/:id/deliveries",
    access: "webhook.manage",
    summary: `The ${recentDeliveries} latest deliveries of a subscription, newest first, with their status and last error, and how many there are in all`,
    tags,
    params: idParams,
    response: { 200: z.object({ items: z.array(deliveryOut), total: z.number().int() }), ...errorResponses },
    handler: ({ context, params }) => listDeliveries(context, params.id, recentDeliveries),
  }),
];
