import { reasonText } from "./clearance-reasons.ts";
import type { Reason } from "./clearance.ts";

/**
 * The in-app notices of a trip's clearance (issue 13 §3), worded when read in the reader's
 * language: the reason is kept as data (code and figures), not as text in the filer's language.
 */
export const travelNoticeKinds = ["review", "cleared", "refused", "changes_requested", "blocked", "back_to_review"] as const;
export type TravelNoticeKind = (typeof travelNoticeKinds)[number];

export type TravelNoticeParams = {
  kind: TravelNoticeKind;
  number: string;
  destination: string;
  travellers?: string;
  departure?: string;
  /** The rule that weighed (blocked, back to review). */
  reason?: Reason | null;
  /** The reviewer's own words (refused, changes asked). */
  note?: string | null;
  decidedBy?: string | null;
};

type Language = "en" | "fr";

export function travelNotice(params: TravelNoticeParams, language: Language): { title: string; body: string } {
  const fr = language === "fr";
  const why = params.reason ? reasonText(params.reason, language) : (params.note ?? "");
  const by = params.decidedBy ? `${params.decidedBy}: ` : "";
  switch (params.kind) {
    case "review":
      return fr
        ? { title: `Voyage en attente de votre autorisation : ${params.number}`, body: `${params.travellers ?? ""} vers ${params.destination}, départ le ${params.departure ?? ""} (UTC).` }
        : { title: `Trip awaiting your clearance: ${params.number}`, body: `${params.travellers ?? ""} to ${params.destination}, departing ${params.departure ?? ""} (UTC).` };
    case "cleared":
      return fr
        ? { title: `Voyage autorisé : ${params.number}`, body: `Votre voyage vers ${params.destination} est autorisé. Lisez le briefing et prenez acte des conditions.` }
        : { title: `Trip cleared: ${params.number}`, body: `Your trip to ${params.destination} is cleared. Read the briefing and acknowledge the conditions.` };
    case "refused":
      return fr ? { title: `Voyage refusé : ${params.number}`, body: `${by}${why}` } : { title: `Trip refused: ${params.number}`, body: `${by}${why}` };
    case "changes_requested":
      return fr
        ? { title: `Modifications demandées pour le voyage ${params.number}`, body: `${by}${why}` }
        : { title: `Changes asked for trip ${params.number}`, body: `${by}${why}` };
    case "blocked":
      return fr ? { title: `Voyage bloqué : ${params.number}`, body: why } : { title: `Trip blocked: ${params.number}`, body: why };
    case "back_to_review":
      return fr
        ? { title: `Voyage à réexaminer : ${params.number}`, body: `Votre autorisation pour ${params.destination} doit être réexaminée : ${why}` }
        : { title: `Trip back to review: ${params.number}`, body: `Your clearance to ${params.destination} must be decided again: ${why}` };
  }
}
