import { z } from "zod";
import { uuidSchema } from "../../../../core/structure/structure.schemas.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses, timestamp } from "../../../platform/http/schemas.ts";
import { incidentTravellers } from "./alerts-read.service.ts";

const tags = ["Travel"];

const travellerOut = z.object({
  name: z.string(),
  isDependant: z.boolean(),
  organisationCode: z.string(),
  requestId: z.string(),
  number: z.string().describe("The trip's number"),
  presence: z.enum(["present", "arriving"]).describe("In the area now, or due to arrive within the window"),
  whereName: z.string().nullable().describe("Where they are now, or the place they arrive at"),
  arrivesAt: timestamp.nullable(),
  hasAccount: z.boolean().describe("Whether they can be told in-app and by e-mail (a dependant through their person's account)"),
  contacts: z
    .object({ phone: z.string().nullable(), mobile: z.string().nullable(), email: z.string().nullable(), travelPhone: z.string().nullable() })
    .nullable()
    .describe("Need-to-know (personnel.read_sensitive over the person or the place they are in); null when the caller may not see them"),
});

export const alertRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/travel/alerts/incidents/:incidentId/travellers",
    access: "travel.alert.read",
    summary:
      "The travellers in an incident's area now and those due there within 72 hours, with their trips (the DO, ASC and security professionals of the area; contacts need-to-know; the read is audited)",
    tags,
    params: z.object({ incidentId: uuidSchema }),
    response: {
      200: z.object({
        incidentId: z.string(),
        area: z.object({ id: z.string(), name: z.string() }).describe("The Security Area (or Designated Area) holding the incident's place"),
        at: timestamp,
        windowHours: z.number().int(),
        present: z.number().int(),
        arriving: z.number().int(),
        travellers: z.array(travellerOut),
      }),
      ...errorResponses,
    },
    handler: ({ context, params }) => incidentTravellers(context, params.incidentId),
  }),
];
