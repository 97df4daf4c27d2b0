import type { TFunction } from "i18next";
import { type FieldIssue, isApiError } from "./api.ts";

/**
 * The server writes validation messages in English (they come from the shared zod schemas).
 * The common ones are recognised here and shown in the user's language; anything else is
 * shown as the server wrote it rather than hidden.
 */
const patterns: { pattern: RegExp; key: string; params?: (match: RegExpMatchArray) => Record<string, string> }[] = [
  { pattern: /^is required$/i, key: "serverMessages.required" },
  { pattern: /^must be at most (\d+) characters$/i, key: "serverMessages.maxLength", params: (m) => ({ max: m[1] }) },
  { pattern: /^must be at least (\d+) characters$/i, key: "serverMessages.minLength", params: (m) => ({ min: m[1] }) },
  { pattern: /^must be an e-?mail address$/i, key: "serverMessages.email" },
  { pattern: /^must be a valid id$/i, key: "serverMessages.id" },
  { pattern: /^must be a date as YYYY-MM-DD$/i, key: "serverMessages.date" },
  { pattern: /^must be one of (.+)$/i, key: "serverMessages.oneOf", params: (m) => ({ values: m[1] }) },
  {
    pattern: /^must be between (-?[\d.]+) and (-?[\d.]+)$/i,
    key: "serverMessages.between",
    params: (m) => ({ min: m[1], max: m[2] }),
  },
  { pattern: /^may contain only letters, digits and hyphens$/i, key: "serverMessages.codeCharacters" },
  { pattern: /^may contain only digits, spaces and/i, key: "serverMessages.phoneCharacters" },
  { pattern: /^must be an ISO 3166-1 alpha-2 country code$/i, key: "serverMessages.countryCode" },
  { pattern: /^a Designated Area is at the top/i, key: "serverMessages.designatedAreaParent" },
  { pattern: /^a Security Area must sit under/i, key: "serverMessages.securityAreaParent" },
  { pattern: /^a duty station must sit under/i, key: "serverMessages.dutyStationParent" },
  { pattern: /^a Designated Area needs its ISO 3166/i, key: "serverMessages.designatedAreaCountry" },
  { pattern: /^a duty station needs coordinates/i, key: "serverMessages.dutyStationCoordinates" },
  { pattern: /^is too long$/i, key: "serverMessages.tooLong" },
  {
    pattern: /^must be at least (\d+) characters long$/i,
    key: "serverMessages.passwordLength",
    params: (m) => ({ min: m[1] }),
  },
  {
    pattern: /^must be at most (\d+) characters long$/i,
    key: "serverMessages.maxLength",
    params: (m) => ({ max: m[1] }),
  },
  { pattern: /^is too common$/i, key: "serverMessages.passwordCommon" },
  { pattern: /^must not repeat a single character$/i, key: "serverMessages.passwordRepeat" },
  { pattern: /^must not contain your e-mail name$/i, key: "serverMessages.passwordEmail" },
  {
    pattern: /^unknown organisation code "(.*)"$/i,
    key: "serverMessages.unknownOrganisation",
    params: (m) => ({ value: m[1] }),
  },
  {
    pattern: /^unknown duty station "(.*)"$/i,
    key: "serverMessages.unknownDutyStation",
    params: (m) => ({ value: m[1] }),
  },
  { pattern: /^you may not add personnel of this organisation here$/i, key: "serverMessages.notAllowedHere" },
  { pattern: /^missing columns: (.*)$/i, key: "serverMessages.missingColumns", params: (m) => ({ columns: m[1] }) },
  { pattern: /^is not valid CSV$/i, key: "serverMessages.invalidCsv" },
  { pattern: /^You may not make this appointment here$/i, key: "serverMessages.mayNotAppoint" },
  { pattern: /^You may not change this appointment$/i, key: "serverMessages.mayNotChangeAppointment" },
  { pattern: /^You may not delete this appointment$/i, key: "serverMessages.mayNotDeleteAppointment" },
];

export function translateServerMessage(t: TFunction, message: string): string {
  for (const { pattern, key, params } of patterns) {
    const match = message.match(pattern);
    if (match) return t(key, params?.(match) ?? {});
  }
  return message;
}

export function isTranslatedServerMessage(message: string): boolean {
  return patterns.some(({ pattern }) => pattern.test(message));
}

/** A short, translated sentence that describes a failed request. */
export function describeError(t: TFunction, error: unknown): string {
  if (!isApiError(error)) return t("errors.unexpected");
  switch (error.status) {
    case 0:
      return t("errors.network");
    case 401:
      return t("errors.unauthenticated");
    case 403: {
      return isTranslatedServerMessage(error.message)
        ? translateServerMessage(t, error.message)
        : t("errors.forbidden");
    }
    case 404:
      return t("errors.notFound");
    case 413:
      return t("errors.tooLarge");
    case 429:
      return t("errors.rateLimited");
    default:
      if (error.status >= 500) return t("errors.server");
      return translateServerMessage(t, error.message);
  }
}

export function issueText(t: TFunction, issue: FieldIssue): string {
  return translateServerMessage(t, issue.message);
}
