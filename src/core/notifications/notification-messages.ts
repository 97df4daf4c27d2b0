import { type FlashAlertFacts, flashAlertMessage } from "../incidents/incident-alert-message.ts";
import { frenchTypography } from "../language/french-typography.ts";
import { type OverdueMeasureFacts, overdueMeasureMessage } from "../risk/measure-overdue-message.ts";
import { type LevelNoticeFacts, type LevelNoticeKind, securityLevelNotice } from "../risk/security-level-message.ts";
import { type TrainingReminderFacts, trainingReminderMessage } from "../travel/training-reminder-message.ts";
import { type TravelNoticeParams, travelNotice } from "../travel/travel-notice.ts";
import { type TravelAlertParams, travelAlertNotice } from "../travel/alerts.ts";

/**
 * In-app notifications are stored as a message key and its parameters, not as text, and are
 * put into words when they are read, in the reader's language (issue 12 §3.5): an alert written
 * while an English user acted reads in French for a French reader. Server and web render from
 * this one catalogue. Parameters are plain JSON (dates as ISO strings) since they live in a
 * jsonb column.
 *
 * To add a notification: either a template (below, both languages, `{name}` placeholders; the
 * parity test checks that the two languages have the same keys and placeholders), or a renderer
 * built on an existing message builder.
 */
export type NotificationLanguage = "en" | "fr";
export type RenderedNotification = { title: string; body: string };

type Params = Record<string, string | number | null>;

/** Simple notifications: one title and one body per language, with `{placeholder}`s. */
export const notificationTemplates = {
  srm_submitted: {
    en: { title: "SRM awaiting your decision: {areaName}", body: "{submittedBy} submitted version {version} of the assessment for approval." },
    fr: { title: "GRS en attente de votre décision : {areaName}", body: "{submittedBy} a soumis la version {version} de l'évaluation pour approbation." },
  },
  srm_returned: {
    en: { title: "SRM returned: {areaName}", body: "{returnedBy} returned version {version} of the assessment: {reason}" },
    fr: { title: "GRS renvoyée : {areaName}", body: "{returnedBy} a renvoyé la version {version} de l'évaluation : {reason}" },
  },
  // Mass notification and check-ins (issue 14 §4).
  checkin: {
    en: { title: "Are you safe? {title}", body: "{sentBy} asks everyone in {areaName} to answer. {body}" },
    fr: { title: "Êtes-vous en sécurité ? {title}", body: "{sentBy} demande à chacun dans {areaName} de répondre. {body}" },
  },
  broadcast: {
    en: { title: "Security message: {title}", body: "{sentBy}, {areaName}: {body}" },
    fr: { title: "Message de sécurité : {title}", body: "{sentBy}, {areaName} : {body}" },
  },
  checkin_need_help: {
    en: { title: "Needs help: {personName}", body: '{personName} answered "I need help" to the check-in "{title}" ({areaName}). {note}' },
    fr: { title: "Besoin d'aide : {personName}", body: "{personName} a répondu « J'ai besoin d'aide » au pointage « {title} » ({areaName}). {note}" },
  },
} as const satisfies Record<string, Record<NotificationLanguage, RenderedNotification>>;

export type TemplateKey = keyof typeof notificationTemplates;

/** A flash alert's parameters: no narrative or link are kept, and none but the flag for a sensitive case. */
export type FlashAlertParams =
  | { isSensitive: true }
  | (Pick<FlashAlertFacts, "categoryCode" | "placeName" | "areaName" | "timeZone" | "peopleAffected" | "reasons"> & { isSensitive: false; occurredAt: string });

export type LevelNoticeParams = { kind: LevelNoticeKind } & Omit<LevelNoticeFacts, "justification" | "link">;
export type OverdueMeasureParams = Omit<OverdueMeasureFacts, "link">;
export type TrainingExpiryParams = Omit<TrainingReminderFacts, "link">;

/** What `notifyUsers` takes: a key and the parameters that key needs. */
export type NotificationMessage =
  | { key: "flash_alert"; params: FlashAlertParams }
  | { key: "security_level"; params: LevelNoticeParams }
  | { key: "measure_overdue"; params: OverdueMeasureParams }
  | { key: "training_expiry"; params: TrainingExpiryParams }
  | { key: "travel"; params: TravelNoticeParams }
  | { key: "travel_alert"; params: TravelAlertParams }
  | { key: TemplateKey; params: Params };

/** The parameters a flash alert notification keeps, from the facts of the alert. */
export function flashAlertParams(facts: FlashAlertFacts): FlashAlertParams {
  if (facts.isSensitive) return { isSensitive: true };
  const { categoryCode, placeName, areaName, timeZone, peopleAffected, reasons } = facts;
  return { isSensitive: false, categoryCode, placeName, areaName, timeZone, peopleAffected, reasons, occurredAt: facts.occurredAt.toISOString() };
}

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => (params[name] === undefined || params[name] === null ? "" : String(params[name])));
}

function words(message: NotificationMessage, language: NotificationLanguage): RenderedNotification {
  switch (message.key) {
    case "flash_alert": {
      const params = message.params;
      const facts: FlashAlertFacts = params.isSensitive
        ? { isSensitive: true, incidentId: "", categoryCode: "", placeName: "", areaName: null, occurredAt: new Date(0), timeZone: "UTC", peopleAffected: [], description: "", reasons: [], link: "" }
        : { ...params, incidentId: "", occurredAt: new Date(params.occurredAt), description: "", link: "" };
      const { title, body } = flashAlertMessage(facts, language);
      return { title, body };
    }
    case "security_level": {
      const { kind, ...facts } = message.params;
      const { title, body } = securityLevelNotice(kind, { ...facts, justification: null, link: "" }, language);
      return { title, body };
    }
    case "measure_overdue": {
      const { title, body } = overdueMeasureMessage({ ...message.params, link: "" }, language);
      return { title, body };
    }
    case "training_expiry": {
      const { title, body } = trainingReminderMessage({ ...message.params, link: "" }, language);
      return { title, body };
    }
    case "travel":
      return travelNotice(message.params, language);
    case "travel_alert":
      return travelAlertNotice(message.params, language);
    default: {
      const template = notificationTemplates[message.key]?.[language];
      if (!template) return { title: message.key, body: "" };
      return { title: fill(template.title, message.params), body: fill(template.body, message.params) };
    }
  }
}

/** The notification in the reader's language (French with its typography). */
export function renderNotification(message: NotificationMessage, language: NotificationLanguage): RenderedNotification {
  const rendered = words(message, language);
  return language === "fr" ? { title: frenchTypography(rendered.title), body: frenchTypography(rendered.body) } : rendered;
}

export const notificationLanguageOf = (tag: string | null | undefined): NotificationLanguage => (tag?.toLowerCase().startsWith("fr") ? "fr" : "en");
