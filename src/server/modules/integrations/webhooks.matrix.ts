import { type Caller, type Response, webhookBody } from "../../authorization/matrix-driver.ts";
import { type RouteRule, everyone } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table: webhook subscriptions (`webhook.manage`, the system administrator's,
 * everywhere). The fixture `webhook` is an inactive subscription limited to Mali. The secret
 * appears in the answer to a creation only.
 */
const adminOnly = { ok: ["admin" as const], forbidden: everyone.filter((user) => user !== "admin") };
const noScope = "only the system administrator manages webhooks, and everywhere: no caller has a subscription out of scope";

const hasNoSecret = (_caller: Caller, response: Response) => {
  const body = response.json() as { items?: unknown[] };
  return JSON.stringify(body).includes("whsec_") ? "answers with a secret" : undefined;
};

export const webhookRules: Record<string, RouteRule> = {
  "GET /api/webhooks": {
    access: "webhook.manage",
    inScope: { name: "every subscription", request: () => ({}), expect: adminOnly, check: hasNoSecret },
    outOfScope: { notApplicable: noScope },
  },
  "POST /api/webhooks": {
    access: "webhook.manage",
    inScope: {
      name: "subscribing a receiver to verified incidents in Mali",
      request: ({ f }) => ({ body: webhookBody(f.mali) }),
      expect: adminOnly,
      check: (_caller, response) => (/^whsec_[0-9a-f]{64}$/.test(response.json().secret) ? undefined : "no secret in the answer"),
    },
    outOfScope: { notApplicable: noScope },
  },
  "PATCH /api/webhooks/:id": {
    access: "webhook.manage",
    inScope: {
      name: "renaming the Mali subscription",
      request: ({ f }) => ({ params: { id: f.webhook }, body: { name: "Matrix receiver (renamed)" } }),
      expect: adminOnly,
      check: hasNoSecret,
    },
    outOfScope: { notApplicable: noScope },
  },
  "DELETE /api/webhooks/:id": {
    access: "webhook.manage",
    inScope: {
      name: "deleting a subscription",
      request: async ({ setup }) => ({ params: { id: (await setup.as("admin", "POST", "/api/webhooks", webhookBody(null))).id } }),
      expect: adminOnly,
    },
    outOfScope: { notApplicable: noScope },
  },
  "GET /api/webhooks/:id/deliveries": {
    access: "webhook.manage",
    inScope: { name: "the deliveries of the Mali subscription", request: ({ f }) => ({ params: { id: f.webhook } }), expect: adminOnly },
    outOfScope: { notApplicable: noScope },
  },
};
