import { typeset } from "../language/french-typography.ts";
import type { Reason } from "./clearance.ts";

/**
 * Each clearance reason in words, in English and French. The reasons are stored as data (code and
 * figures) so that a decision reads in the reader's language, not the filer's; the traveller, the
 * reviewer, the PDF and the briefing all word them here.
 */
type Language = "en" | "fr";
type Words = { [Code in Reason["code"]]: (reason: Extract<Reason, { code: Code }>, language: Language) => string };

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const day = (iso: string, language: Language) => (language === "fr" ? frDate(iso) : iso);
const pick = (language: Language, en: string, fr: string) => (language === "fr" ? fr : en);

const words: Words = {
  level_auto: (r, l) => pick(l, `Security level ${r.level}: cleared automatically`, `Niveau de sécurité ${r.level} : autorisation automatique`),
  level_review: (r, l) =>
    pick(
      l,
      `Security level ${r.level} is above the automatic level (${r.autoMaxLevel}): the area's security reviews it`,
      `Le niveau de sécurité ${r.level} dépasse le niveau automatique (${r.autoMaxLevel}) : la sécurité de la zone l'examine`,
    ),
  level_do: (r, l) => pick(l, `Security level ${r.level}: the Designated Official decides`, `Niveau de sécurité ${r.level} : le responsable désigné décide`),
  level_unknown: (_r, l) => pick(l, "No security level is recorded for the destination: a reviewer decides", "Aucun niveau de sécurité n'est enregistré pour la destination : un examinateur décide"),
  activity_missing: (r, l) =>
    pick(l, `At security level ${r.level} the trip must name the activity it serves`, `Au niveau de sécurité ${r.level}, le voyage doit indiquer l'activité qu'il sert`),
  activity_blocked: (r, l) =>
    pick(l, `The acceptable-risk decision does not allow the activity “${r.activity}”`, `La décision de risque acceptable n'autorise pas l'activité « ${r.activity} »`),
  activity_not_accepted: (r, l) =>
    pick(l, `The risk of the activity “${r.activity}” has not been accepted yet`, `Le risque de l'activité « ${r.activity} » n'a pas encore été accepté`),
  training_missing: (r, l) => pick(l, `${r.traveller} has no ${r.course} certificate`, `${r.traveller} n'a pas de certificat ${r.course}`),
  training_expired: (r, l) =>
    pick(l, `${r.traveller}'s ${r.course} expired on ${day(r.expiresOn, l)}`, `Le certificat ${r.course} de ${r.traveller} a expiré le ${day(r.expiresOn, l)}`),
  training_lapses: (r, l) =>
    pick(
      l,
      `${r.traveller}'s ${r.course} expires on ${day(r.expiresOn, l)}, before the return on ${day(r.returnOn, l)}`,
      `Le certificat ${r.course} de ${r.traveller} expire le ${day(r.expiresOn, l)}, avant le retour le ${day(r.returnOn, l)}`,
    ),
  late_request: (r, l) =>
    pick(
      l,
      `Filed ${r.days} days before departure; the area asks for ${r.leadDays}: a reviewer decides`,
      `Déposée ${r.days} jours avant le départ ; la zone en demande ${r.leadDays} : un examinateur décide`,
    ),
  late_notification: (_r, l) => pick(l, "Recorded after departure (late notification): a reviewer decides", "Enregistrée après le départ (notification tardive) : un examinateur décide"),
  ceiling: (r, l) => {
    const who = r.kind === "international" ? pick(l, "international personnel", "personnel international") : pick(l, "personnel", "personnes");
    const of = r.organisation ? pick(l, ` of ${r.organisation}`, ` de ${r.organisation}`) : "";
    return pick(
      l,
      `${r.present} ${who}${of} already present, ${r.adding} more would exceed the ceiling of ${r.limit}`,
      `${r.present} ${who}${of} déjà présents, ${r.adding} de plus dépasseraient le plafond de ${r.limit}`,
    );
  },
  organisation_suspended: (r, l) =>
    pick(l, `Clearance of ${r.organisation} is suspended in the area: ${r.reason}`, `L'autorisation de ${r.organisation} est suspendue dans la zone : ${r.reason}`),
  operator_restricted: (r, l) => pick(l, `${r.operator} is a Restricted operator: refused`, `${r.operator} est un exploitant de catégorie Restreinte : refusé`),
  operator_unknown: (r, l) => pick(l, `${r.operator} is not in the register of air operators`, `${r.operator} ne figure pas au registre des exploitants aériens`),
  operator_conditional_no_rmt: (r, l) =>
    r.mandatory
      ? pick(
          l,
          `${r.operator} is Conditional and no approved Risk Management Tool assessment covers it (mandatory for the organisation)`,
          `${r.operator} est de catégorie Conditionnelle et aucune évaluation RMT approuvée ne le couvre (obligatoire pour l'organisation)`,
        )
      : pick(
          l,
          `${r.operator} is Conditional and no approved Risk Management Tool assessment covers it: a reviewer decides`,
          `${r.operator} est de catégorie Conditionnelle et aucune évaluation RMT approuvée ne le couvre : un examinateur décide`,
        ),
  operator_special_kind: (r, l) =>
    r.kind === "charter_operator"
      ? pick(l, `${r.operator} is a charter operator: a charter follows its own rules, a reviewer decides`, `${r.operator} est un exploitant d'affrètement : un vol affrété suit ses propres règles, un examinateur décide`)
      : pick(l, `${r.operator} provides donated flights: a donated flight follows its own rules, a reviewer decides`, `${r.operator} fournit des vols offerts : un vol offert suit ses propres règles, un examinateur décide`),
  operator_conditional_rmt: (r, l) =>
    pick(l, `${r.operator} is Conditional; an approved RMT (${r.rmtLevel}) covers it`, `${r.operator} est de catégorie Conditionnelle ; une évaluation RMT approuvée (${r.rmtLevel}) le couvre`),
};

export function reasonText(reason: Reason, language: string): string {
  const lang: Language = language === "fr" ? "fr" : "en";
  const word = words[reason.code] as (reason: Reason, language: Language) => string;
  return typeset(word(reason, lang), lang);
}
