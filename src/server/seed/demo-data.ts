import type { OrganisationKind } from "../../core/structure/structure.schemas.ts";

/** Demo structure: three Designated Areas (one with two Security Areas) and 40 duty stations. */
export const demoOrganisations: { code: string; name: string; kind: OrganisationKind; focal: string }[] = [
  { code: "UNDSS", name: "Department of Safety and Security", kind: "secretariat", focal: "Helena Marsh" },
  { code: "UNDP", name: "United Nations Development Programme", kind: "fund_programme", focal: "Tomás Ferreira" },
  { code: "UNICEF", name: "United Nations Children's Fund", kind: "fund_programme", focal: "Amina Diallo" },
  { code: "WFP", name: "World Food Programme", kind: "fund_programme", focal: "Lars Eriksen" },
  { code: "WHO", name: "World Health Organization", kind: "specialised_agency", focal: "Mei Chen" },
  { code: "UNHCR", name: "Office of the United Nations High Commissioner for Refugees", kind: "fund_programme", focal: "Jean-Paul Mbeki" },
];

/** A station's own time zone only where it differs from its Designated Area's (eastern DR Congo). */
type Station = [name: string, latitude: number, longitude: number, timeZone?: string];

export const demoAreas: {
  name: string;
  countryCode: string;
  /** IANA zone of the Designated Area, which its Security Areas and stations inherit. */
  timeZone: string;
  securityAreas: { name: string; stations: Station[] }[];
  stations: Station[];
}[] = [
  {
    name: "Mali",
    countryCode: "ML",
    timeZone: "Africa/Bamako",
    securityAreas: [
      {
        name: "Bamako Security Area",
        stations: [
          ["Bamako", 12.6392, -8.0029],
          ["Kati", 12.7441, -8.0726],
          ["Koulikoro", 12.8628, -7.5599],
          ["Ségou", 13.4317, -6.2157],
          ["Sikasso", 11.3176, -5.6665],
          ["Kayes", 14.4469, -11.4445],
          ["Koutiala", 12.3917, -5.4642],
        ],
      },
      {
        name: "Mopti Security Area",
        stations: [
          ["Mopti", 14.4843, -4.1827],
          ["Sévaré", 14.5333, -4.1],
          ["Djenné", 13.9061, -4.5533],
          ["Bandiagara", 14.35, -3.6167],
          ["Douentza", 15.0019, -2.9497],
        ],
      },
    ],
    stations: [
      ["Tombouctou", 16.7666, -3.0026],
      ["Gao", 16.2717, -0.0447],
      ["Kidal", 18.4411, 1.4078],
    ],
  },
  {
    name: "Democratic Republic of the Congo",
    countryCode: "CD",
    // DR Congo has two zones: UTC+1 in the west (Kinshasa, Équateur, Kongo Central), UTC+2 in the east.
    timeZone: "Africa/Kinshasa",
    securityAreas: [],
    stations: [
      ["Kinshasa", -4.4419, 15.2663],
      ["Goma", -1.6792, 29.2228, "Africa/Lubumbashi"],
      ["Bukavu", -2.5083, 28.8608, "Africa/Lubumbashi"],
      ["Bunia", 1.5667, 30.25, "Africa/Lubumbashi"],
      ["Beni", 0.4911, 29.4731, "Africa/Lubumbashi"],
      ["Butembo", 0.1414, 29.2914, "Africa/Lubumbashi"],
      ["Uvira", -3.3953, 29.1378, "Africa/Lubumbashi"],
      ["Kalemie", -5.9475, 29.1947, "Africa/Lubumbashi"],
      ["Lubumbashi", -11.6647, 27.4794, "Africa/Lubumbashi"],
      ["Kisangani", 0.5153, 25.1911, "Africa/Lubumbashi"],
      ["Mbandaka", 0.0487, 18.2603],
      ["Kananga", -5.8962, 22.4166, "Africa/Lubumbashi"],
      ["Matadi", -5.8167, 13.45],
      ["Tshikapa", -6.4167, 20.8, "Africa/Lubumbashi"],
      ["Kindu", -2.95, 25.9167, "Africa/Lubumbashi"],
    ],
  },
  {
    name: "Haiti",
    countryCode: "HT",
    timeZone: "America/Port-au-Prince",
    securityAreas: [],
    stations: [
      ["Port-au-Prince", 18.5944, -72.3074],
      ["Cap-Haïtien", 19.7578, -72.2042],
      ["Les Cayes", 18.1933, -73.7461],
      ["Gonaïves", 19.45, -72.6833],
      ["Jacmel", 18.2342, -72.5347],
      ["Jérémie", 18.65, -74.1167],
      ["Hinche", 19.15, -72.0167],
      ["Saint-Marc", 19.1082, -72.6939],
      ["Port-de-Paix", 19.9395, -72.8302],
      ["Fort-Liberté", 19.6628, -71.8378],
    ],
  },
];

export const givenNamesFemale = ["Aïcha", "Fatoumata", "Mariam", "Awa", "Grace", "Esther", "Claudine", "Nadège", "Sophie", "Claire", "Anna", "Maria", "Elena", "Priya", "Hannah", "Rose", "Judith", "Béatrice", "Lucie", "Ines"];
export const givenNamesMale = ["Moussa", "Ibrahim", "Seydou", "Amadou", "Patrick", "Jean", "Emmanuel", "Pierre", "Daniel", "Samuel", "Luca", "Ahmed", "Omar", "Thomas", "David", "Kofi", "Joseph", "Michel", "Yves", "Marc"];
export const familyNames = ["Traoré", "Keïta", "Coulibaly", "Diarra", "Touré", "Sangaré", "Kabila", "Mukendi", "Ilunga", "Tshibangu", "Kasongo", "Mbuyi", "Jean-Baptiste", "Pierre-Louis", "Joseph", "Charles", "Étienne", "Dubois", "Martin", "Smith", "Okafor", "Mensah", "Haddad", "Rossi", "Nakamura", "Fernandes", "Schmidt", "Kowalski", "Andersen", "O'Brien"];
export const streets = ["Avenue de l'Indépendance", "Rue 312", "Boulevard du 30 Juin", "Avenue Kasa-Vubu", "Route de Koulikoro", "Rue Capois", "Avenue John Brown", "Rue des Écoles", "Quartier du Fleuve", "Avenue de la Paix"];
