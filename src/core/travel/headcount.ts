import type { HeaderNames } from "../language/csv-headers.ts";
import { type RecruitmentType, type Sex, recruitmentTypes, sexes } from "../personnel/personnel.schemas.ts";

/**
 * The headcount's pure parts (issue 13 §4): the groups the database counts are summed here into
 * the figures the page shows (per organisation, per recruitment type and sex, per place), and
 * the CSV columns of the list. Who is counted is decided in SQL (headcount.service.ts).
 */

/** A person is counted as personnel; an eligible family member (or a travelling one) as a dependant. */
export const headcountKinds = ["personnel", "dependant"] as const;
export type HeadcountKind = (typeof headcountKinds)[number];

/** One row of the database's count: everyone present sharing these five values. */
export type HeadcountGroup = {
  organisationId: string;
  kind: HeadcountKind;
  /** A dependant carries their sponsor's recruitment type (what evacuation eligibility follows). */
  recruitmentType: RecruitmentType;
  sex: Sex;
  /** Where they are: a duty station, or the place a trip's leg goes to. */
  placeId: string;
  count: number;
};

/**
 * The groups of an area at a moment from two parts: who is stationed there (`home`, the same at
 * every moment until the register changes) and the corrections of the trips under way at that
 * moment (-1 where a traveller left from, +1 where they are). Groups with the same five values are
 * summed; empty ones dropped. (A group below zero can only come from the register changing between
 * the two reads, for an instant: it is dropped rather than shown as a negative count.)
 */
export function mergeHeadcountGroups(...parts: readonly (readonly HeadcountGroup[])[]): HeadcountGroup[] {
  const merged = new Map<string, HeadcountGroup>();
  for (const part of parts) {
    for (const group of part) {
      const key = `${group.organisationId}|${group.kind}|${group.recruitmentType}|${group.sex}|${group.placeId}`;
      const found = merged.get(key);
      if (found) found.count += group.count;
      else merged.set(key, { ...group });
    }
  }
  return [...merged.values()].filter((group) => group.count > 0);
}

/** The figures of one organisation (or of everyone): recruitment types and sexes are of personnel. */
export type HeadcountFigures = {
  total: number;
  personnel: number;
  dependants: number;
  recruitment: Record<RecruitmentType, number>;
  sex: Record<Sex, number>;
  dependantSex: Record<Sex, number>;
};

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

export function emptyFigures(): HeadcountFigures {
  return { total: 0, personnel: 0, dependants: 0, recruitment: zeroes(recruitmentTypes), sex: zeroes(sexes), dependantSex: zeroes(sexes) };
}

function add(figures: HeadcountFigures, group: HeadcountGroup): void {
  figures.total += group.count;
  if (group.kind === "personnel") {
    figures.personnel += group.count;
    figures.recruitment[group.recruitmentType] += group.count;
    figures.sex[group.sex] += group.count;
  } else {
    figures.dependants += group.count;
    figures.dependantSex[group.sex] += group.count;
  }
}

export type HeadcountSummary = {
  totals: HeadcountFigures;
  byOrganisation: ({ organisationId: string } & HeadcountFigures)[];
  byPlace: { placeId: string; personnel: number; dependants: number; total: number }[];
};

/** Sums the groups: totals, per organisation (largest first), per place (largest first). */
export function summariseHeadcount(groups: readonly HeadcountGroup[]): HeadcountSummary {
  const totals = emptyFigures();
  const organisations = new Map<string, HeadcountFigures>();
  const placesCount = new Map<string, { personnel: number; dependants: number; total: number }>();
  for (const group of groups) {
    if (group.count === 0) continue;
    add(totals, group);
    const organisation = organisations.get(group.organisationId) ?? emptyFigures();
    add(organisation, group);
    organisations.set(group.organisationId, organisation);
    const place = placesCount.get(group.placeId) ?? { personnel: 0, dependants: 0, total: 0 };
    place.total += group.count;
    if (group.kind === "personnel") place.personnel += group.count;
    else place.dependants += group.count;
    placesCount.set(group.placeId, place);
  }
  const byOrganisation = [...organisations].map(([organisationId, figures]) => ({ organisationId, ...figures }));
  byOrganisation.sort((a, b) => b.total - a.total || a.organisationId.localeCompare(b.organisationId));
  const byPlace = [...placesCount].map(([placeId, figures]) => ({ placeId, ...figures }));
  byPlace.sort((a, b) => b.total - a.total || a.placeId.localeCompare(b.placeId));
  return { totals, byOrganisation, byPlace };
}

// ----- The list -----------------------------------------------------------------------------

/** The orders the list offers (then by name and id, so that pages never overlap). */
export const headcountSorts = ["name", "organisation", "recruitment", "sex", "location"] as const;
export type HeadcountSort = (typeof headcountSorts)[number];

export const headcountCsvColumns = [
  "kind",
  "family_name",
  "given_name",
  "organisation",
  "recruitment_type",
  "sex",
  "sponsor",
  "location",
  "duty_station",
  "trip_number",
  "phone",
  "mobile",
  "email",
] as const;
export type HeadcountCsvColumn = (typeof headcountCsvColumns)[number];

/** Contacts are need-to-know: a caller without the right gets the file without these columns. */
export const headcountContactColumns: readonly HeadcountCsvColumn[] = ["phone", "mobile", "email"];

export const headcountCsvHeaders: HeaderNames<HeadcountCsvColumn> = {
  kind: { en: "Personnel or dependant", fr: "Personnel ou personne à charge" },
  family_name: { en: "Family name", fr: "Nom" },
  given_name: { en: "Given name", fr: "Prénom" },
  organisation: { en: "Organisation", fr: "Organisation" },
  recruitment_type: { en: "Recruitment", fr: "Recrutement" },
  sex: { en: "Sex", fr: "Sexe" },
  sponsor: { en: "Staff member (of a dependant)", fr: "Membre du personnel (d'une personne à charge)" },
  location: { en: "Where", fr: "Où" },
  duty_station: { en: "Duty station", fr: "Lieu d'affectation" },
  trip_number: { en: "Trip", fr: "Voyage" },
  phone: { en: "Phone", fr: "Téléphone" },
  mobile: { en: "Mobile", fr: "Portable" },
  email: { en: "E-mail", fr: "Courriel" },
};

export const headcountKindLabels: Record<HeadcountKind, { en: string; fr: string }> = {
  personnel: { en: "Personnel", fr: "Personnel" },
  dependant: { en: "Dependant", fr: "Personne à charge" },
};

export const recruitmentLabels: Record<RecruitmentType, { en: string; fr: string }> = {
  international: { en: "International", fr: "International" },
  locally_recruited: { en: "Locally recruited", fr: "Recruté localement" },
  national_not_locally_recruited: { en: "National, not locally recruited", fr: "National, non recruté localement" },
};

export const sexLabels: Record<Sex, { en: string; fr: string }> = {
  female: { en: "Female", fr: "Femme" },
  male: { en: "Male", fr: "Homme" },
  other: { en: "Other", fr: "Autre" },
};

/** One person on the headcount's list, as the API answers it (server and web share the shape). Contacts only for need-to-know readers. */
export type HeadcountPerson = {
  kind: HeadcountKind;
  personId: string | null;
  dependantId: string | null;
  givenName: string;
  familyName: string;
  sponsorName: string | null;
  organisationId: string;
  organisationCode: string;
  recruitmentType: RecruitmentType;
  sex: Sex;
  placeId: string;
  placeName: string;
  dutyStationName: string;
  tripId: string | null;
  tripNumber: string | null;
  contacts: { phone: string | null; mobile: string | null; email: string | null } | null;
};
