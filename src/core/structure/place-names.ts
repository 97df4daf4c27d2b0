/**
 * Names of places are proper names, kept as written, except a country-level Designated Area
 * named after its country ("Democratic Republic of the Congo", ISO code CD): that name comes
 * from the ISO code, so it is shown in the reader's language (« République démocratique du
 * Congo »). A Designated Area with another name (a region, "Sahel") keeps its own.
 */
export type NamedPlace = { kind: string; name: string; countryCode: string | null };

const normalise = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();

/**
 * The name to show: `countryName` (in the reader's language) when the place is a Designated
 * Area whose name is one of its country's English names (`englishNames`), else its own name.
 */
export function displayPlaceName(place: NamedPlace, englishNames: readonly string[] | undefined, countryName: string | undefined): string {
  if (place.kind !== "designated_area" || !place.countryCode || !countryName || !englishNames?.length) return place.name;
  const own = normalise(place.name);
  return englishNames.some((name) => normalise(name) === own) ? countryName : place.name;
}
