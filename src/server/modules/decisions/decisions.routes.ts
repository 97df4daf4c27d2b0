import { z } from "zod";
import { defineRoute } from "../../platform/http/route.ts";
import { errorResponses, timestamp } from "../../platform/http/schemas.ts";
import { awaitingDecisions } from "./decisions.service.ts";

export const awaitingDecisionKinds = ["srm_approval", "risk_acceptance", "security_level_approval", "security_level_endorsement"] as const;

const awaitingOut = z.object({
  items: z.array(
    z.object({
      kind: z.enum(awaitingDecisionKinds).describe("What is to be decided; travel and crisis decisions will add kinds"),
      id: z.string().describe("The record decided on: the assessment (srm_approval, risk_acceptance) or the security level change"),
      placeId: z.string(),
      placeName: z.string(),
      subject: z.string().nullable().describe("The assessment's title, or the activity whose risk awaits acceptance"),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).describe("Kind-specific facts: version, activityKey, organisationCode, residualLevel, criticality, overall"),
      since: timestamp.describe("Since when it waits"),
    }),
  ),
  total: z.number().int(),
});

export const decisionRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/decisions/awaiting",
    access: "authenticated",
    summary:
      "Decisions awaiting the caller, oldest first: SRM approvals and risk acceptances (the area's DO), security level changes to approve (DO) or endorse (desk officer); only in the caller's areas",
    tags: ["Decisions"],
    response: { 200: awaitingOut, ...errorResponses },
    handler: ({ context }) => awaitingDecisions(context),
  }),
];
