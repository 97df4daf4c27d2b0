import { z } from "zod";
import { appointmentRoles } from "../../../core/access/roles.ts";
import { responsibilityKeysByRole } from "../../../core/access/role-responsibilities.ts";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses } from "../../platform/http/schemas.ts";
import { listResponsibilities } from "./responsibilities.service.ts";

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
            roleKey: z.string().nullable(),
            items: z.array(z.object({ number: z.number().int(), heading: z.string().nullable(), text: z.string() })),
          }),
        ),
      }),
      ...errorResponses,
    },
    handler: ({ context, query }) => {
      const role = query.role;
      // An appointment role shows its own section only; DO a.i. reads the DO's section.
      const keys = !role ? undefined : role in responsibilityKeysByRole ? [responsibilityKeysByRole[role as keyof typeof responsibilityKeysByRole][0] ?? role] : [role];
      return listResponsibilities(context.database, keys);
    },
  }),
];
