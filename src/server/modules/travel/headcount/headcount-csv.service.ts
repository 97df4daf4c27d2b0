import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { type HeaderStyle, headerRow } from "../../../../core/language/csv-headers.ts";
import {
  type HeadcountCsvColumn,
  headcountContactColumns,
  headcountCsvColumns,
  headcountCsvHeaders,
  headcountKindLabels,
  recruitmentLabels,
  sexLabels,
} from "../../../../core/travel/headcount.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { callerLanguage } from "../../../platform/language/caller-language.ts";
import type { HeadcountPerson } from "../../../../core/travel/headcount.ts";
import { type HeadcountQuery, headcountEveryone } from "./headcount.service.ts";

type Language = "en" | "fr";

// A cell starting with = + - @ (or a tab or carriage return) would run as a formula in a
// spreadsheet (CSV injection): such text gets a leading quote.
const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

function cells(person: HeadcountPerson, lang: Language): Record<HeadcountCsvColumn, string> {
  return {
    kind: headcountKindLabels[person.kind][lang],
    family_name: person.familyName,
    given_name: person.givenName,
    organisation: person.organisationCode,
    recruitment_type: recruitmentLabels[person.recruitmentType][lang],
    sex: sexLabels[person.sex][lang],
    sponsor: person.sponsorName ?? "",
    location: person.placeName,
    duty_station: person.dutyStationName,
    trip_number: person.tripNumber ?? "",
    phone: person.contacts?.phone ?? "",
    mobile: person.contacts?.mobile ?? "",
    email: person.contacts?.email ?? "",
  };
}

/**
 * The headcount's list as CSV (every person, by name). The contact columns are there only when
 * the caller may see some contacts: a file without them says so by its shape.
 */
export async function headcountCsv(context: ServiceContext, query: HeadcountQuery & { lang?: Language; headers?: HeaderStyle }): Promise<Readable> {
  const { people, hasContacts } = await headcountEveryone(context, query);
  const lang = query.lang ?? (await callerLanguage(context));
  const columns = headcountCsvColumns.filter((column) => hasContacts || !headcountContactColumns.includes(column));
  const rows = people.map((person) => {
    const row = cells(person, lang);
    return columns.map((column) => neutralise(row[column]));
  });
  return Readable.from(rows).pipe(stringify({ header: true, columns: headerRow(columns, headcountCsvHeaders, lang, query.headers ?? "names") }));
}
