import { z } from "zod";
import { patchOf } from "../structure/patch.ts";

/** Events other systems may subscribe to. A new event type is added here and emitted by its module. */
export const webhookEventTypes = ["incident.verified"] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

export const webhookDeliveryStatuses = ["pending", "delivered", "failed"] as const;

const eventTypes = z
  .array(z.enum(webhookEventTypes, { message: `must be one of: ${webhookEventTypes.join(", ")}` }), { message: "must be a list of event types" })
  .min(1, { message: "must name at least one event type" })
  .max(webhookEventTypes.length * 2, { message: "lists too many event types" })
  .transform((items) => [...new Set(items)]);

/**
 * A subscription of another system. The URL is where events are POSTed; only http(s), since
 * z.url() alone also takes "javascript:" and "mailto:". `placeId` limits events to one branch of
 * the place tree (null: everywhere).
 */
export const webhookInput = z.object({
  name: z.string().trim().min(1, { message: "is required" }).max(120, { message: "must be at most 120 characters" }),
  url: z
    .url({ protocol: /^https?$/, message: "must be an absolute http:// or https:// URL" })
    .max(2000, { message: "must be at most 2000 characters" }),
  eventTypes,
  placeId: z.uuid({ message: "must be a valid id" }).nullable().default(null),
  isActive: z.boolean({ message: "must be true or false" }).default(true),
});
export type WebhookInput = z.infer<typeof webhookInput>;

export const webhookPatch = patchOf(webhookInput);
export type WebhookPatch = z.infer<typeof webhookPatch>;
