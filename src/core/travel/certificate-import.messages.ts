import { earliestDate, latestDate } from "../structure/structure.schemas.ts";
import { frenchTypography } from "../language/french-typography.ts";

/**
 * The words of a certificate import's problems in the two working languages, for the person who
 * reads them (their account's language): each a sentence, naming the value the file holds so
 * the row can be corrected. The column is the problem's `field`.
 */
export type ImportLanguage = "en" | "fr";

const quoted = (value: string, language: ImportLanguage) => (language === "fr" ? `« ${value.slice(0, 80)} »` : `"${value.slice(0, 80)}"`);

const words = {
  en: {
    required: "Is required",
    personRequired: "Is required: the person's index number or e-mail",
    // The same words for a person outside the importer's scope as for one who does not exist.
    personNotFound: (value: string) => `Person not found: ${quoted(value, "en")}`,
    personAmbiguous: (value: string) => `${quoted(value, "en")} matches several people: use their e-mail`,
    courseRequired: "Is required: the course's code or name",
    courseNotFound: (value: string) => `Unknown course ${quoted(value, "en")}: use its code (as BSAFE) or its name in English or French`,
    courseAmbiguous: (value: string) => `${quoted(value, "en")} names several courses: use the course's code`,
    courseRetired: (code: string) => `The course ${code} is no longer offered: it takes no new certificates`,
    notADate: (value: string) => `${quoted(value, "en")} is not a date: write it as 2025-03-31 (ISO, year first) or 31/03/2025 (day/month/year)`,
    dateRange: `Must be between ${earliestDate} and ${latestDate}`,
    tooLong: (max: number) => `Must be at most ${max} characters`,
    nul: "Must not contain the NUL character",
    missingColumn: (header: string) => `Names the column "${header}", which the file does not have`,
    mapColumn: {
      person: "Map a column to the person (index number or e-mail)",
      course: "Map a column to the course (code or name)",
      completedOn: "Map a column to the completion date",
    },
  },
  fr: {
    required: "Obligatoire",
    personRequired: "Obligatoire : le numéro d'index ou l'adresse électronique de la personne",
    personNotFound: (value: string) => `Personne introuvable : ${quoted(value, "fr")}`,
    personAmbiguous: (value: string) => `${quoted(value, "fr")} correspond à plusieurs personnes : utilisez leur adresse électronique`,
    courseRequired: "Obligatoire : le code ou le nom de la formation",
    courseNotFound: (value: string) => `Formation inconnue ${quoted(value, "fr")} : utilisez son code (comme BSAFE) ou son nom en anglais ou en français`,
    courseAmbiguous: (value: string) => `${quoted(value, "fr")} désigne plusieurs formations : utilisez le code de la formation`,
    courseRetired: (code: string) => `La formation ${code} n'est plus proposée : elle ne reçoit plus de certificats`,
    notADate: (value: string) => `${quoted(value, "fr")} n'est pas une date : écrivez-la 2025-03-31 (ISO, l'année d'abord) ou 31/03/2025 (jour/mois/année)`,
    dateRange: `Doit être entre le ${earliestDate} et le ${latestDate}`,
    tooLong: (max: number) => `Doit compter au plus ${max} caractères`,
    nul: "Ne doit pas contenir le caractère NUL",
    missingColumn: (header: string) => `Désigne la colonne « ${header} », que le fichier n'a pas`,
    mapColumn: {
      person: "Associez une colonne à la personne (numéro d'index ou adresse électronique)",
      course: "Associez une colonne à la formation (code ou nom)",
      completedOn: "Associez une colonne à la date de fin de formation",
    },
  },
} as const;

export type ImportWords = (typeof words)["en"];

/** The French words with French typography (a non-breaking space before « : »), made once. */
let typesetFrench: ImportWords | undefined;

function typeset<T>(value: T): T {
  if (typeof value === "string") return frenchTypography(value) as T;
  if (typeof value === "function") return ((...args: unknown[]) => frenchTypography((value as (...args: unknown[]) => string)(...args))) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeset(item)])) as T;
  return value;
}

/** The words in `language`. */
export function importWords(language: ImportLanguage): ImportWords {
  if (language === "en") return words.en;
  typesetFrench ??= typeset(words.fr) as unknown as ImportWords;
  return typesetFrench;
}

/** A rule message (lower case, from the API's rules) as the sentence an import shows. */
export const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);
