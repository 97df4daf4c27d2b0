import { z } from "zod";
import { appointmentRoles } from "../access/roles.ts";
import { patchOf } from "../structure/patch.ts";
import { isoDate, requiredText, uuidSchema } from "../structure/structure.schemas.ts";

export const appointmentInput = z.object({
  personId: uuidSchema,
  role: z.enum(appointmentRoles, { message: `must be one of ${appointmentRoles.join(", ")}` }),
  placeId: uuidSchema,
  organisationId: uuidSchema.nullable().optional(),
  startsOn: isoDate,
  endsOn: isoDate.nullable().optional(),
  appointedBy: requiredText(200),
  letterNumber: z.string().trim().max(80).nullable().optional(),
  letterDate: isoDate.nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});
export type AppointmentInput = z.infer<typeof appointmentInput>;

export const appointmentPatch = patchOf(appointmentInput.omit({ personId: true, role: true, placeId: true }));
export type AppointmentPatch = z.infer<typeof appointmentPatch>;
