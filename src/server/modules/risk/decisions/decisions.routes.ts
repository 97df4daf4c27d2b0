import { z } from "zod";
import { programmeCriticalities } from "../../../../core/risk/acceptable-risk.ts";
import { levelChangeRejection, pcAssessmentInput, pcAssessmentPatch, riskAcceptanceInput, securityLevelChangeInput } from "../../../../core/risk/decisions.schemas.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses, idParams, noContent, pageOf, pagingQuery } from "../../../platform/http/schemas.ts";
import { acceptRisk, acceptableRiskBoard, listRiskAcceptances } from "./acceptances.service.ts";
import { acceptanceListItem, acceptanceOut, boardOut, levelChangeOut, levelHistoryOut, levelsInForceOut, pcAssessmentOut } from "./decisions.responses.ts";
import { createPcAssessment, deletePcAssessment, getPcAssessment, listPcAssessments, updatePcAssessment } from "./programmes.service.ts";
import {
  approveLevelChange,
  areaLevelHistory,
  endorseLevelChange,
  listSecurityLevels,
  proposeLevelChange,
  rejectLevelChange,
} from "../levels/security-levels.service.ts";

const tags = ["Security risk management"];
const uuidFilter = z.uuid({ message: "must be a valid id" }).optional();

/** Programme criticality, acceptable-risk decisions and the Security Level System. */
export const decisionRoutes = [
  // ----- Programme criticality ------------------------------------------------------------
  defineRoute({
    method: "GET",
    url: "/api/pc-assessments",
    access: "programme.read",
    summary: "List programme criticality assessments in the caller's areas (every organisation's), latest approval first",
    tags,
    querystring: z.object({
      ...pagingQuery,
      order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("desc"),
      placeId: uuidFilter.describe("The area and everything below it"),
      organisationId: uuidFilter,
      level: z.enum(programmeCriticalities, { message: `must be one of ${programmeCriticalities.join(", ")}` }).optional(),
      activityKey: uuidFilter,
    }),
    response: { 200: pageOf(pcAssessmentOut), ...errorResponses },
    handler: ({ context, query }) => listPcAssessments(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/pc-assessments",
    access: "programme.update",
    summary: "Rate an activity's programme criticality (PC1–PC4); organisation roles rate only their own organisation's activities",
    tags,
    body: pcAssessmentInput,
    response: { 201: pcAssessmentOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createPcAssessment(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/pc-assessments/:id",
    access: "programme.read",
    summary: "Get a programme criticality assessment",
    tags,
    params: idParams,
    response: { 200: pcAssessmentOut, ...errorResponses },
    handler: ({ context, params }) => getPcAssessment(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/pc-assessments/:id",
    access: "programme.update",
    summary: "Change a programme criticality assessment (its area and organisation never change)",
    tags,
    params: idParams,
    body: pcAssessmentPatch,
    response: { 200: pcAssessmentOut, ...errorResponses },
    handler: ({ context, params, body }) => updatePcAssessment(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/pc-assessments/:id",
    access: "programme.update",
    summary: "Delete a programme criticality assessment no recorded acceptance relies on",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deletePcAssessment(context, params.id);
      return reply.code(204).send();
    },
  }),

  // ----- Acceptable risk ------------------------------------------------------------------
  defineRoute({
    method: "GET",
    url: "/api/srm-assessments/:id/acceptable-risk",
    access: "srm.read",
    summary: "The acceptable-risk decision for each activity of an assessment version: criticality against the highest residual risk, who must accept, acceptances",
    tags,
    params: idParams,
    response: { 200: boardOut, ...errorResponses },
    handler: ({ context, params }) => acceptableRiskBoard(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-assessments/:id/acceptances",
    access: "risk.accept",
    summary: "Record the acceptance of an activity's residual risk (the area's DO; a Very high risk on the USG UNDSS's decision, named)",
    tags,
    params: idParams,
    body: riskAcceptanceInput,
    response: { 201: acceptanceOut, ...errorResponses },
    handler: async ({ context, params, body, reply }) => reply.code(201).send(await acceptRisk(context, params.id, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/risk-acceptances",
    access: "programme.read",
    summary: "The register of risk acceptances in the caller's areas: who accepted which risk, when and why",
    tags,
    querystring: z.object({
      page: pagingQuery.page,
      pageSize: pagingQuery.pageSize,
      order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("desc"),
      placeId: uuidFilter.describe("The area and everything below it"),
      assessmentId: uuidFilter,
    }),
    response: { 200: pageOf(acceptanceListItem), ...errorResponses },
    handler: ({ context, query }) => listRiskAcceptances(context, query),
  }),

  // ----- Security Level System ------------------------------------------------------------
  defineRoute({
    method: "GET",
    url: "/api/security-levels",
    access: "security_level.read",
    summary: "The security level in force in every Designated Area and Security Area (null where none is endorsed), for the map",
    tags,
    response: { 200: levelsInForceOut, ...errorResponses },
    handler: ({ context }) => listSecurityLevels(context),
  }),
  defineRoute({
    method: "GET",
    url: "/api/places/:placeId/security-levels",
    access: "security_level.read",
    summary: "The security level history of an area, newest first (changes in the making only for those involved)",
    tags,
    params: z.object({ placeId: z.uuid({ message: "must be a valid id" }) }),
    response: { 200: levelHistoryOut, ...errorResponses },
    handler: ({ context, params }) => areaLevelHistory(context, params.placeId),
  }),
  defineRoute({
    method: "POST",
    url: "/api/security-level-changes",
    access: "security_level.propose",
    summary: "Propose new security levels for an area; the DO approves, then UNDSS endorses",
    tags,
    body: securityLevelChangeInput,
    response: { 201: levelChangeOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await proposeLevelChange(context, body)),
  }),
  defineRoute({
    method: "POST",
    url: "/api/security-level-changes/:id/approve",
    access: "security_level.approve",
    summary: "Approve a proposed security level change (the area's DO)",
    tags,
    params: idParams,
    response: { 200: levelChangeOut, ...errorResponses },
    handler: ({ context, params }) => approveLevelChange(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/security-level-changes/:id/endorse",
    access: "security_level.endorse",
    summary: "Endorse an approved security level change for UNDSS (the country's desk officer): it takes effect and the area is notified",
    tags,
    params: idParams,
    response: { 200: levelChangeOut, ...errorResponses },
    handler: ({ context, params }) => endorseLevelChange(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/security-level-changes/:id/reject",
    access: "security_level.reject",
    summary: "Reject a security level change: the DO a proposed one, UNDSS an approved one",
    tags,
    params: idParams,
    body: levelChangeRejection,
    response: { 200: levelChangeOut, ...errorResponses },
    handler: ({ context, params, body }) => rejectLevelChange(context, params.id, body.reason),
  }),
];
