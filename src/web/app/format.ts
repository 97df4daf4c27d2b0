import { useTranslation } from "react-i18next";

/** UN usage writes dates day-first in English too ("20 Nov 2026"), hence en-GB. */
export function intlLocale(language: string): string {
  return language === "fr" ? "fr-FR" : "en-GB";
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: string): Intl.DateTimeFormat {
  let format = dateFormats.get(language);
  if (!format) {
    // Calendar dates (YYYY-MM-DD) have no time zone: format them in UTC so they never shift a day.
    format = new Intl.DateTimeFormat(intlLocale(language), {
      day: "numeric",
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    dateFormats.set(language, format);
  }
  return format;
}

function dateTimeFormat(language: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(language), { dateStyle: "medium", timeStyle: "short" });
    dateTimeFormats.set(language, format);
  }
  return format;
}

export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return "";
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : dateFormat(language).format(date);
}

export function formatDateTime(value: string | null | undefined, language: string): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat(language).format(date);
}

/** A calendar month (YYYY-MM) as words: "Jan 2026", "janv. 2026". */
export function formatMonth(value: string, language: string): string {
  const date = new Date(`${value.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(intlLocale(language), { month: "short", year: "numeric", timeZone: "UTC" }).format(date);
}

/** Today's date in the user's own time zone, as YYYY-MM-DD. */
export function todayIso(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function useFormatters() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    date: (value: string | null | undefined) => formatDate(value, language),
    dateTime: (value: string | null | undefined) => formatDateTime(value, language),
    month: (value: string) => formatMonth(value, language),
    number: (value: number) => new Intl.NumberFormat(intlLocale(language)).format(value),
  };
}
