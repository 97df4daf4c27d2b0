import { z } from "zod";
import { appointmentRoles } from "../../../core/access/roles.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses } from "../../platform/http/schemas.ts";
import { registerForRole } from "./responsibilities.service.ts";

const roleKeys = [...appointmentRoles, "personnel", "smt", "asmt", "security_cell"] as const;

export const responsibilityRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/responsibilities",
    access: "responsibility.read",
    summary: "The 'who must do what' register (Framework of Accountability annex), optionally for one role or body",
    tags: ["Responsibilities"],
    querystring: z.object({ role: z.enum(roleKeys).optional() }),
    response: {
      200: z.object({
        sections: z.array(
          z.object({
            section: z.string(),
            actor: z.string(),
            actorFr: z.string().nullable().describe("French translation; null where none is available"),
            roleKey: z.string().nullable(),
            items: z.array(
              z.object({
                number: z.number().int(),
                heading: z.string().nullable(),
                text: z.string(),
                headingFr: z.string().nullable(),
                textFr: z.string().nullable(),
              }),
            ),
          }),
        ),
      }),
      ...errorResponses,
    },
    handler: ({ context, query }) => registerForRole(context.database, query.role),
  }),
];
