import type { Caller, Fixtures, Response } from "../../authorization/matrix-driver.ts";
import { type RouteRule, everyone, ownOnly } from "../../authorization/matrix-rules.ts";

/**
 * The authorization table: in-app notifications. Each user reaches only their own; the
 * fixtures hold the flash alert of an abduction at Bamako, one notification for Mali's DO
 * (`doNotification`) and one for its P/C/SA (`pcsaNotification`). Someone else's notification
 * is "not found", exactly like a missing one.
 */
const allBut = (kept: Caller) => everyone.filter((user) => user !== kept);

function onlyOwnNotifications(caller: Caller, response: Response, f: Fixtures) {
  const ids = (response.json().items as { id: string }[]).map((item) => item.id);
  const owned = { pcsaMali: f.pcsaNotification, doMali: f.doNotification } as Record<string, string>;
  for (const [owner, id] of Object.entries(owned)) {
    if (owner === caller && !ids.includes(id)) return "does not see its own flash alert";
    if (owner !== caller && ids.includes(id)) return `sees the flash alert of ${owner}`;
  }
  return undefined;
}

export const notificationRules: Record<string, RouteRule> = {
  "GET /api/notifications": {
    access: "authenticated",
    inScope: {
      name: "the caller's own notifications",
      request: () => ({ query: { pageSize: "200" } }),
      expect: { ok: everyone },
      check: onlyOwnNotifications,
    },
    outOfScope: { notApplicable: ownOnly },
  },
  "PATCH /api/notifications/:id": {
    access: "authenticated",
    inScope: {
      name: "marking the P/C/SA's flash alert read",
      request: ({ f }) => ({ params: { id: f.pcsaNotification }, body: { isRead: true } }),
      expect: { ok: ["pcsaMali"], notFound: allBut("pcsaMali") },
      check: (_caller, response) => (response.json().readAt ? undefined : "not marked read"),
    },
    outOfScope: { notApplicable: ownOnly },
    more: [
      {
        name: "marking the DO's flash alert unread",
        request: ({ f }) => ({ params: { id: f.doNotification }, body: { isRead: false } }),
        expect: { ok: ["doMali"], notFound: allBut("doMali") },
      },
    ],
  },
  "POST /api/notifications/mark-all-read": {
    access: "authenticated",
    inScope: {
      name: "the caller's own notifications up to now",
      request: () => ({ body: { upTo: new Date().toISOString() } }),
      expect: { ok: everyone },
      check: (_caller, response) => (response.json().unreadCount === 0 ? undefined : "leaves notifications unread"),
    },
    outOfScope: { notApplicable: ownOnly },
  },
};
