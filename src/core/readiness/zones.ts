import { z } from "zod";
import { patchOf } from "../structure/patch.ts";
import { requiredText, uuidSchema } from "../structure/structure.schemas.ts";

/**
 * Warden zones (issue 14 §2): parts of a Security Area, each with a warden and deputies, and the
 * households (a person and their dependants) who live there. A zone is described by the localities
 * it covers (neighbourhoods, streets, villages: what residential addresses name) and, optionally,
 * by a polygon drawn on a map.
 */

const position = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], { message: "must be [longitude, latitude]" })
  .readonly();

/**
 * A GeoJSON Polygon (RFC 7946) with one outer ring and no holes: a zone is drawn as one shape. The
 * ring is closed (first position repeated last) and has at least three distinct corners.
 */
export const zonePolygon = z
  .object({
    type: z.literal("Polygon", { message: 'must be a GeoJSON Polygon ("type": "Polygon")' }),
    coordinates: z.array(z.array(position).min(4, { message: "needs at least three corners and the first repeated last" }).max(500)).length(1, {
      message: "must hold exactly one ring (no holes)",
    }),
  })
  .refine(
    (polygon) => {
      const ring = polygon.coordinates[0];
      const [first, last] = [ring[0], ring[ring.length - 1]];
      return first[0] === last[0] && first[1] === last[1];
    },
    { message: "must be closed: its last position repeats the first", path: ["coordinates"] },
  );
export type ZonePolygon = z.infer<typeof zonePolygon>;

const locality = requiredText(120);

export const zoneInput = z.object({
  securityAreaId: uuidSchema,
  name: requiredText(120),
  localities: z
    .array(locality)
    .max(100, { message: "may list at most 100 localities" })
    .default([])
    .refine((values) => new Set(values.map(normaliseLocality)).size === values.length, { message: "lists the same locality twice" }),
  polygon: zonePolygon.nullable().default(null),
  notes: z.string().trim().max(2000).nullable().default(null),
});
export type ZoneInput = z.infer<typeof zoneInput>;
export const zonePatch = patchOf(zoneInput.omit({ securityAreaId: true }));

export const wardenAssignmentInput = z.object({
  appointmentId: uuidSchema,
  isDeputy: z.boolean().default(false),
});

export const householdAssignmentInput = z.object({
  personIds: z.array(uuidSchema).min(1, { message: "names no one" }).max(500, { message: "may name at most 500 people at once" }),
});

/** Case, accents and punctuation do not matter when an address is compared with a locality. */
export function normaliseLocality(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export type ZoneForSuggestion = { id: string; localities: readonly string[] };

/**
 * The zone a residential address lies in, from the localities the zones list: a locality matches
 * when its words appear together, as whole words, in the address ("Hippodrome" in "Rue 224,
 * Hippodrome, Bamako"; not "ACI" in "Aciérie"). The longest matching locality wins, so "Badalabougou
 * Est" beats "Badalabougou"; when two zones match equally the address is ambiguous and no zone is
 * suggested (a person decides). Null also when nothing matches or there is no address.
 */
export function suggestZone(address: string | null | undefined, zones: readonly ZoneForSuggestion[]): string | null {
  if (!address) return null;
  const haystack = ` ${normaliseLocality(address)} `;
  let best: { zoneId: string; length: number } | null = null;
  let isTied = false;
  for (const zone of zones) {
    for (const name of zone.localities) {
      const needle = normaliseLocality(name);
      if (!needle || !haystack.includes(` ${needle} `)) continue;
      if (!best || needle.length > best.length) {
        best = { zoneId: zone.id, length: needle.length };
        isTied = false;
      } else if (needle.length === best.length && best.zoneId !== zone.id) {
        isTied = true;
      }
    }
  }
  return best && !isTied ? best.zoneId : null;
}
