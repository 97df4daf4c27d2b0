import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  actionPointKinds,
  actionPointStatuses,
  appointmentRoles,
  attendances,
  dependantRelationships,
  meetingBodies,
  organisationKinds,
  personnelCategories,
  placeKinds,
  recruitmentTypes,
  sexes,
  systemRoles,
} from "../domain.ts";
import { frenchTypography } from "../../../core/language/french-typography.ts";
import { loadCatalogue } from "./catalogues.ts";

type Catalogue = Record<string, unknown>;

function flatten(catalogue: Catalogue, prefix = ""): Set<string> {
  const keys = new Set<string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") for (const nested of flatten(value as Catalogue, full)) keys.add(nested);
    else keys.add(full);
  }
  return keys;
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/;
// The shared catalogue and the modules' fragments, as the app loads them.
const en = await loadCatalogue("en");
const fr = await loadCatalogue("fr");
const enKeys = flatten(en);
const frKeys = flatten(fr);
const has = (keys: Set<string>, key: string) => keys.has(key) || keys.has(`${key}_other`);

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Keys written literally in the code: t("a.b"), i18n.t("a.b"), labelKey: "a.b", key: "serverMessages.x". */
function literalKeys(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\bt\(\s*"([\w.]+)"/g,
    /labelKey: "([\w.]+)"/g,
    /key: "(serverMessages\.[\w.]+)"/g,
    /return "([a-z]+\.[\w.]+)"/g,
  ];
  for (const file of sourceFiles(webRoot)) {
    const text = readFileSync(file, "utf8");
    for (const pattern of patterns) {
      for (const match of text.matchAll(pattern)) found.set(match[1], path.relative(webRoot, file));
    }
  }
  return found;
}

/** Examples of the import file's own syntax, shown as typed: not French prose. */
const machineSyntax = new Set(["incidentExchange.hints.peopleAffected", "incidentExchange.hints.premises", "incidentExchange.hints.assets"]);

function texts(catalogue: Catalogue, prefix = ""): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]): [string, string][] => {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") return texts(value as Catalogue, full);
    return typeof value === "string" ? [[full, value]] : [];
  });
}

describe("translations", () => {
  it("writes French with a non-breaking space before : ; ! ? and inside guillemets (no line break there on a phone)", () => {
    const wrong = texts(fr).filter(([key, text]) => !machineSyntax.has(key) && frenchTypography(text) !== text);
    expect(wrong.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it("has the same keys in English and French", () => {
    const base = (keys: Set<string>) => new Set([...keys].map((key) => key.replace(pluralSuffix, "")));
    expect([...base(enKeys)].filter((key) => !base(frKeys).has(key))).toEqual([]);
    expect([...base(frKeys)].filter((key) => !base(enKeys).has(key))).toEqual([]);
  });

  it("gives French every plural form it needs (one, many, other)", () => {
    const plurals = [...frKeys].filter((key) => pluralSuffix.test(key)).map((key) => key.replace(pluralSuffix, ""));
    for (const key of new Set(plurals)) {
      expect(frKeys.has(`${key}_one`) && frKeys.has(`${key}_many`) && frKeys.has(`${key}_other`), key).toBe(true);
    }
  });

  it("translates every key the screens use", () => {
    const missing = [...literalKeys()]
      .filter(([key]) => !has(enKeys, key) || !has(frKeys, key))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });

  it("translates every value of every enumeration shown on screen", () => {
    const groups: [string, readonly string[]][] = [
      ["roles", appointmentRoles],
      ["systemRoles", systemRoles],
      ["systemRoleHints", systemRoles],
      ["placeKinds", placeKinds],
      ["placeKinds", placeKinds.map((kind) => `${kind}_plural`)],
      ["organisationKinds", organisationKinds],
      ["sexes", sexes],
      ["recruitmentTypes", recruitmentTypes],
      ["categories", personnelCategories],
      ["relationships", dependantRelationships],
      ["bodies", meetingBodies.map((body) => `${body}.long`)],
      ["bodies", meetingBodies.map((body) => `${body}.short`)],
      ["attendances", attendances],
      ["actionPointKinds", actionPointKinds],
      ["actionPointStatuses", actionPointStatuses],
      ["continuity.slot", ["do", "asc"]],
      ["continuity.noneTodaySlot", ["do", "asc"]],
      ["continuity.noneSinceSlot", ["do", "asc"]],
      ["meetings.placeHint", ["designated_area", "security_area"]],
      ["places.add", ["security_area", "duty_station"]],
      ["memberships", ["chair", "member", "observer"]],
      ["tokens.states", ["active", "expired", "revoked"]],
    ];
    const missing = groups.flatMap(([prefix, values]) =>
      values.map((value) => `${prefix}.${value}`).filter((key) => !has(enKeys, key) || !has(frKeys, key)),
    );
    expect(missing).toEqual([]);
  });

  it("keeps the same interpolation variables in both languages", () => {
    const variables = (text: string) =>
      [...text.matchAll(/{{(\w+)}}/g)]
        .map((match) => match[1])
        .sort()
        .join(",");
    const lookup = (catalogue: Catalogue, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Catalogue | undefined)?.[part], catalogue) as
        | string
        | undefined;
    const mismatched = [...enKeys]
      .filter((key) => !pluralSuffix.test(key) || key.endsWith("_other"))
      .filter((key) => {
        const english = lookup(en, key);
        const french = lookup(fr, key);
        return typeof english === "string" && typeof french === "string" && variables(english) !== variables(french);
      });
    expect(mismatched).toEqual([]);
  });
});
