import { createRequire } from "node:module";
import { type NamedPlace, displayPlaceName } from "../../../core/structure/place-names.ts";

/**
 * Country names on the server (PDFs, notifications): a country-level Designated Area named after
 * its country reads in the reader's language (core/structure/place-names.ts). Places are named in
 * English, so nothing is loaded for English; the two name tables (not the package's eighty
 * languages, which its Node entry would register) are read the first time French is asked.
 */
export type PlaceLanguage = "en" | "fr";

type Countries = {
  registerLocale(locale: unknown): void;
  getNames(lang: string, options: { select: "all" }): Record<string, string[]>;
  getName(code: string, lang: string, options: { select: "official" }): string | undefined;
};

let tables: { english: Record<string, string[]>; countries: Countries } | undefined;

function countryTables() {
  if (!tables) {
    const require = createRequire(import.meta.url);
    const countries = require("i18n-iso-countries/index") as Countries;
    countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
    countries.registerLocale(require("i18n-iso-countries/langs/fr.json"));
    tables = { english: countries.getNames("en", { select: "all" }), countries };
  }
  return tables;
}

/** The place's name as the reader should see it: a country-named Designated Area in their language. */
export function placeNameIn(place: NamedPlace, language: PlaceLanguage): string {
  if (language === "en" || place.kind !== "designated_area" || !place.countryCode) return place.name;
  const { english, countries } = countryTables();
  const code = place.countryCode.toUpperCase();
  return displayPlaceName(place, english[code], countries.getName(code, language, { select: "official" }));
}

/**
 * A name alone (a notification's stored `areaName`): when it is one of a country's English names,
 * the country's name in `language`. Only for a parameter that names an area, where a country's
 * name can only be its country-level Designated Area.
 */
export function areaNameIn(name: string, language: PlaceLanguage): string {
  if (language === "en" || !name) return name;
  const { english } = countryTables();
  const key = name.trim().toLowerCase();
  const code = Object.keys(english).find((candidate) => english[candidate].some((known) => known.toLowerCase() === key));
  return code ? placeNameIn({ kind: "designated_area", name, countryCode: code }, language) : name;
}
