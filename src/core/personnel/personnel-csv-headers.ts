import type { HeaderNames } from "../language/csv-headers.ts";

/** Column order of the personnel export, which is also the layout the import reads. */
export const csvColumns = [
  "index_number",
  "given_name",
  "family_name",
  "sex",
  "recruitment_type",
  "category",
  "grade",
  "organisation",
  "duty_station",
] as const;

/** Optional columns the import also reads (contacts are never exported). */
export const contactColumns = ["phone", "mobile", "email", "residential_address"] as const;

export type PersonnelColumn = (typeof csvColumns)[number] | (typeof contactColumns)[number];

/** The readable headers, worded as the personnel form labels its fields. */
export const personnelHeaderNames: HeaderNames<PersonnelColumn> = {
  index_number: { en: "Index number", fr: "Numéro d'index" },
  given_name: { en: "Given name", fr: "Prénom" },
  family_name: { en: "Family name", fr: "Nom de famille" },
  sex: { en: "Sex", fr: "Sexe" },
  recruitment_type: { en: "Recruitment", fr: "Recrutement" },
  category: { en: "Category", fr: "Catégorie" },
  grade: { en: "Grade", fr: "Classe" },
  organisation: { en: "Organisation", fr: "Organisation" },
  duty_station: { en: "Duty station", fr: "Lieu d'affectation" },
  phone: { en: "Phone", fr: "Téléphone" },
  mobile: { en: "Mobile phone", fr: "Téléphone portable" },
  email: { en: "E-mail", fr: "E-mail" },
  residential_address: { en: "Residential address", fr: "Adresse de résidence" },
};
