import { type Actor, grantsFor, pathCovers } from "../../../core/access/scope.ts";
import { allowedActions } from "../../platform/access/scope-sql.ts";

/**
 * `webhook.manage` is the system administrator's, everywhere. Should a deployment grant it on a
 * place, that holder manages subscriptions limited to its branch only: a subscription to every
 * place (`placePath` null) needs a grant everywhere.
 */
export const webhookPolicy = {
  canManage: (actor: Actor, placePath: string | null) => grantsFor(actor, "webhook.manage").some((grant) => pathCovers(grant.placePath, placePath)),
  actions: (actor: Actor, record: { placePath: string | null }) =>
    allowedActions({
      update: webhookPolicy.canManage(actor, record.placePath),
      delete: webhookPolicy.canManage(actor, record.placePath),
    }),
};
