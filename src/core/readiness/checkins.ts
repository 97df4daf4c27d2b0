import { z } from "zod";
import { recruitmentTypes } from "../personnel/personnel.schemas.ts";
import type { HeaderNames } from "../language/csv-headers.ts";
import { requiredText, uuidSchema } from "../structure/structure.schemas.ts";

/**
 * Mass notification and "are you safe?" check-ins (issue 14 §4): a broadcast informs; a check-in
 * asks each person to answer. The audience is resolved when the message is sent and kept with it.
 */
export const messageKinds = ["broadcast", "checkin"] as const;
export type MessageKind = (typeof messageKinds)[number];

/** The answers of a check-in (TenFour's default three): what the tally counts. */
export const checkinAnswers = ["safe", "need_help", "not_in_area"] as const;
export type CheckinAnswer = (typeof checkinAnswers)[number];

export const replyChannels = ["app", "link", "sms", "warden"] as const;
export type ReplyChannel = (typeof replyChannels)[number];

/** How long a check-in stays open when the sender says nothing, and the longest it may. */
export const defaultOpenHours = 24;
export const longestOpenDays = 14;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { message: `must be one of ${values.join(", ")}` });

export const audienceInput = z.object({
  /** A Designated Area or Security Area: the people the headcount places there when it is sent. */
  placeId: uuidSchema,
  /** Only the households of these warden zones (of that area). */
  zoneIds: z.array(uuidSchema).max(50).default([]),
  organisationIds: z.array(uuidSchema).max(60).default([]),
  recruitmentTypes: z.array(oneOf(recruitmentTypes)).default([]),
  /** Travellers the headcount places in the area (cleared or notified trips under way). */
  includeTravellers: z.boolean().default(true),
  /** Count each person's eligible dependants with them: a household answers as one. */
  includeDependants: z.boolean().default(true),
});
export type AudienceInput = z.infer<typeof audienceInput>;

export const messageInput = z.object({
  kind: oneOf(messageKinds),
  audience: audienceInput,
  title: requiredText(120),
  body: z.string().trim().max(1000, { message: "must be at most 1000 characters" }).default(""),
  /** ISO time; a check-in's default is 24 hours after sending. */
  expiresAt: z.iso.datetime({ offset: true, message: "must be a date and time (ISO 8601)" }).nullable().default(null),
  channels: z
    .object({ app: z.boolean().default(true), email: z.boolean().default(true), sms: z.boolean().default(false) })
    .default({ app: true, email: true, sms: false })
    .refine((channels) => channels.app || channels.email || channels.sms, { message: "needs at least one channel" }),
  /** A test goes only to these people (a small group first), and is marked as a test everywhere. */
  testPersonIds: z.array(uuidSchema).max(20).default([]),
});
export type MessageInput = z.infer<typeof messageInput>;

export const replyInput = z.object({
  answer: oneOf(checkinAnswers),
  note: z.string().trim().max(500, { message: "must be at most 500 characters" }).nullable().default(null),
  latitude: z.number().min(-90).max(90).nullable().default(null),
  longitude: z.number().min(-180).max(180).nullable().default(null),
});
export type ReplyInput = z.infer<typeof replyInput>;

/** When a check-in closes, from its sending time and what the sender asked; the problem, if any, in words. */
export function expiryOf(sentAt: Date, asked: string | null): { expiresAt: Date } | { problem: string } {
  if (!asked) return { expiresAt: new Date(sentAt.getTime() + defaultOpenHours * 3_600_000) };
  const expiresAt = new Date(asked);
  if (expiresAt.getTime() <= sentAt.getTime()) return { problem: "must be in the future" };
  if (expiresAt.getTime() - sentAt.getTime() > longestOpenDays * 86_400_000) return { problem: `must be within ${longestOpenDays} days` };
  return { expiresAt };
}

export type TallyCounts = { recipients: number; people: number; replied: number; noReply: number } & Record<CheckinAnswer, number>;

export const emptyCounts = (): TallyCounts => ({ recipients: 0, people: 0, replied: 0, noReply: 0, safe: 0, need_help: 0, not_in_area: 0 });

/** Adds `recipients` recipients with the same answer (null: no reply yet), standing for `people` people, to counts. */
export function addToCounts(counts: TallyCounts, answer: CheckinAnswer | null, recipients: number, people: number): void {
  counts.recipients += recipients;
  counts.people += people;
  if (answer) {
    counts.replied += recipients;
    counts[answer] += recipients;
  } else {
    counts.noReply += recipients;
  }
}

/** The columns of who-answered-what as CSV (no contacts: an export leaves the audit's reach). */
export const recipientCsvColumns = ["name", "organisation", "zone", "people", "answer", "channel", "answered_at", "note"] as const;
export type RecipientCsvColumn = (typeof recipientCsvColumns)[number];
export const recipientCsvHeaders: HeaderNames<RecipientCsvColumn> = {
  name: { en: "Name", fr: "Nom" },
  organisation: { en: "Organisation", fr: "Organisation" },
  zone: { en: "Warden zone", fr: "Zone de garde d'îlot" },
  people: { en: "People (with household)", fr: "Personnes (avec le foyer)" },
  answer: { en: "Answer", fr: "Réponse" },
  channel: { en: "Channel", fr: "Canal" },
  answered_at: { en: "Answered at (UTC)", fr: "Répondu le (UTC)" },
  note: { en: "Note", fr: "Note" },
};

/** The words an SMS answer may start with (any case, accents ignored): a digit or a word in English or French. */
export const smsKeywords: Record<CheckinAnswer, readonly string[]> = {
  safe: ["1", "SAFE", "OK", "SUR"],
  need_help: ["2", "HELP", "AIDE", "SOS"],
  not_in_area: ["3", "OUT", "AWAY", "ABSENT"],
};

/** The answer an SMS gives, from its first word; null when it gives none. */
export function answerOfSms(text: string): CheckinAnswer | null {
  const first = text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .trim()
    .toUpperCase()
    .split(/[^A-Z0-9]+/)[0];
  if (!first) return null;
  for (const answer of checkinAnswers) if (smsKeywords[answer].includes(first)) return answer;
  return null;
}
