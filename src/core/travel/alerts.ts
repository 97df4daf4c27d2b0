import { findCategory } from "../incidents/incident-taxonomy.data.ts";
import { type SecurityLevel, securityLevelLabels } from "../risk/security-levels.ts";

/**
 * In-trip alerts (issue 13 §4; JIU 2016: the UN's tool gives travellers no alert during the trip):
 * what a traveller in an area, or due there within 72 hours, is told when a flash alert is raised
 * or the area's security level changes. Worded when read, in the reader's language.
 *
 * A sensitive incident (sexual assault) is never described to travellers: neither its category
 * nor its exact place, only that a serious incident was reported in the area, since travellers
 * are not on its need-to-know list.
 */
export const arrivalWindowHours = 72;

export type TravelAlertParams =
  | {
      kind: "flash_alert";
      /** Null for a sensitive incident. */
      categoryCode: string | null;
      /** The incident's place; null for a sensitive incident (only the area is named). */
      placeName: string | null;
      areaName: string;
      /** The traveller is there now, or due to arrive (first arrival, ISO instant). */
      arrivesAt: string | null;
    }
  | { kind: "security_level"; areaName: string; overall: SecurityLevel; arrivesAt: string | null };

type Language = "en" | "fr";

const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

export function travelAlertNotice(params: TravelAlertParams, language: Language): { title: string; body: string } {
  const fr = language === "fr";
  const where = params.arrivesAt
    ? fr
      ? `Vous devez arriver dans la zone ${params.areaName} le ${when(params.arrivesAt)}.`
      : `You are due to arrive in ${params.areaName} on ${when(params.arrivesAt)}.`
    : fr
      ? `Vous êtes dans la zone ${params.areaName}.`
      : `You are in ${params.areaName}.`;
  const advice = fr
    ? "Suivez les consignes de la sécurité de la zone et confirmez que vous êtes en sécurité auprès de votre point focal."
    : "Follow the instructions of the area's security and confirm to your focal point that you are safe.";
  if (params.kind === "security_level") {
    const label = securityLevelLabels[params.overall][language];
    return fr
      ? { title: `Nouveau niveau de sécurité : ${params.areaName}`, body: `Le niveau de sécurité de la zone ${params.areaName} est désormais ${params.overall} (${label}). ${where} ${advice}` }
      : { title: `New security level: ${params.areaName}`, body: `The security level of ${params.areaName} is now ${params.overall} (${label}). ${where} ${advice}` };
  }
  const category = params.categoryCode ? (findCategory(params.categoryCode)?.label[language] ?? params.categoryCode) : null;
  const place = params.placeName && params.placeName !== params.areaName ? `${params.placeName}, ${params.areaName}` : params.areaName;
  const what = category
    ? fr
      ? `Incident critique signalé (${category}) à ${place}.`
      : `Critical incident reported (${category}) at ${place}.`
    : fr
      ? `Un incident grave a été signalé dans la zone ${params.areaName}.`
      : `A serious incident was reported in ${params.areaName}.`;
  return fr
    ? { title: `Alerte de sécurité : ${params.areaName}`, body: `${what} ${where} ${advice}` }
    : { title: `Security alert: ${params.areaName}`, body: `${what} ${where} ${advice}` };
}

/** The e-mail: the notice, the link to the traveller's trip, and why they receive it. */
export function travelAlertEmail(params: TravelAlertParams, language: Language, link: string): { subject: string; text: string } {
  const { title, body } = travelAlertNotice(params, language);
  const footer =
    language === "fr"
      ? "Vous recevez ce message parce qu'un voyage autorisé vous place dans cette zone maintenant ou dans les 72 prochaines heures."
      : "You receive this message because a cleared trip places you in this area now or within the next 72 hours.";
  const open = language === "fr" ? "Votre voyage" : "Your trip";
  return { subject: `[Vigil] ${title}`, text: `${body}\n\n${open}: ${link}\n\n${footer}\n` };
}
