import { z } from "zod";
import {
  activitiesInput,
  approvalInput,
  assessmentInput,
  assessmentListQuery,
  assessmentPatch,
  returnForRevisionInput,
  scenarioInput,
  scenarioPatch,
  threatsInput,
} from "../../../../core/risk/srm.schemas.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses, idParams, noContent, pageOf, pagingQuery } from "../../../platform/http/schemas.ts";
import { riskMatrixRoutes } from "../matrices/risk-matrices.routes.ts";
import { createAssessment, deleteAssessment, getAssessment, listAssessments, updateAssessment } from "./srm-assessments.service.ts";
import { addScenario, deleteScenario, replaceActivities, replaceThreats, updateScenario } from "./srm-content.service.ts";
import { createVersion, diffVersions } from "./srm-versions.service.ts";
import { approveAssessment, returnAssessment, returnForRevision, submitAssessment } from "./srm-workflow.service.ts";
import { approvalOut, assessmentDiffOut, assessmentListItem, assessmentOut } from "./srm.responses.ts";

const tags = ["Security risk management"];
const assessmentAnswer = { 200: assessmentOut, ...errorResponses };

/** SRM assessments: drafting, review, approval by the DO, versions and their diff. */
const assessmentRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/srm-assessments",
    access: "srm.read",
    summary: "List SRM assessments in the caller's areas: the newest version of each, or every version with allVersions=true",
    tags,
    querystring: z.object({ ...pagingQuery, order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("desc"), ...assessmentListQuery }),
    response: { 200: pageOf(assessmentListItem), ...errorResponses },
    handler: ({ context, query }) => listAssessments(context, query),
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-assessments",
    access: "srm.update",
    summary: "Start an SRM assessment of a Designated Area or Security Area (version 1, draft), on the default matrix unless one is named",
    tags,
    body: assessmentInput,
    response: { 201: assessmentOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createAssessment(context, body)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/srm-assessments/:id",
    access: "srm.read",
    summary: "Get an SRM assessment: header, matrix, activities, threats, scenarios with inherent and residual risk, versions, approval",
    tags,
    params: idParams,
    response: assessmentAnswer,
    handler: ({ context, params }) => getAssessment(context, params.id),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/srm-assessments/:id",
    access: "srm.update",
    summary: "Change the header of a draft assessment",
    tags,
    params: idParams,
    body: assessmentPatch,
    response: assessmentAnswer,
    handler: ({ context, params, body }) => updateAssessment(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/srm-assessments/:id",
    access: "srm.update",
    summary: "Delete a draft assessment version",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteAssessment(context, params.id);
      return reply.code(204).send();
    },
  }),
  defineRoute({
    method: "PUT",
    url: "/api/srm-assessments/:id/activities",
    access: "srm.update",
    summary: "Replace the activities of a draft (programme assessment); an item with an existing key keeps it",
    tags,
    params: idParams,
    body: activitiesInput,
    response: assessmentAnswer,
    handler: ({ context, params, body }) => replaceActivities(context, params.id, body.items),
  }),
  defineRoute({
    method: "PUT",
    url: "/api/srm-assessments/:id/threats",
    access: "srm.update",
    summary: "Replace the threat assessment of a draft: intent, capability and inhibiting context per threat category",
    tags,
    params: idParams,
    body: threatsInput,
    response: assessmentAnswer,
    handler: ({ context, params, body }) => replaceThreats(context, params.id, body.items),
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-assessments/:id/scenarios",
    access: "srm.update",
    summary: "Add a risk scenario to a draft",
    tags,
    params: idParams,
    body: scenarioInput,
    response: { 201: assessmentOut, ...errorResponses },
    handler: async ({ context, params, body, reply }) => reply.code(201).send(await addScenario(context, params.id, body)),
  }),
  defineRoute({
    method: "PATCH",
    url: "/api/srm-scenarios/:id",
    access: "srm.update",
    summary: "Change a risk scenario of a draft",
    tags,
    params: idParams,
    body: scenarioPatch,
    response: assessmentAnswer,
    handler: ({ context, params, body }) => updateScenario(context, params.id, body),
  }),
  defineRoute({
    method: "DELETE",
    url: "/api/srm-scenarios/:id",
    access: "srm.update",
    summary: "Delete a risk scenario of a draft",
    tags,
    params: idParams,
    response: { 204: noContent, ...errorResponses },
    handler: async ({ context, params, reply }) => {
      await deleteScenario(context, params.id);
      return reply.code(204).send();
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-assessments/:id/submit",
    access: "srm.update",
    summary: "Submit a draft for review (it needs at least one scenario and a review date after today); the area's DO is notified",
    tags,
    params: idParams,
    response: assessmentAnswer,
    handler: ({ context, params }) => submitAssessment(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-assessments/:id/return",
    access: "srm.update",
    summary: "Take an assessment in review back to draft (its drafters)",
    tags,
    params: idParams,
    response: assessmentAnswer,
    handler: ({ context, params }) => returnAssessment(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-assessments/:id/approve",
    access: "srm.approve",
    summary:
      "Approve an assessment in review (the area's DO, after SMT consultation; its review date must be after today); the version approved before is superseded and the acceptances whose activity and risk are unchanged carry over",
    tags,
    params: idParams,
    body: approvalInput,
    response: { 200: approvalOut, ...errorResponses },
    handler: ({ context, params, body }) => approveAssessment(context, params.id, body),
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-assessments/:id/return-for-revision",
    access: "srm.approve",
    summary: "Return an assessment in review to draft for revision (the area's DO), with the reason; its author is notified",
    tags,
    params: idParams,
    body: returnForRevisionInput,
    response: assessmentAnswer,
    handler: ({ context, params, body }) => returnForRevision(context, params.id, body),
  }),
  defineRoute({
    method: "POST",
    url: "/api/srm-assessments/:id/versions",
    access: "srm.update",
    summary: "Start the next version (a draft copy) of the approved assessment in force; its review date is proposed a year from today",
    tags,
    params: idParams,
    response: { 201: assessmentOut, ...errorResponses },
    handler: async ({ context, params, reply }) => reply.code(201).send(await createVersion(context, params.id)),
  }),
  defineRoute({
    method: "GET",
    url: "/api/srm-assessments/:id/diff",
    access: "srm.read",
    summary: "What changed from another version (against) of the same assessment to this one",
    tags,
    params: idParams,
    querystring: z.object({ against: z.uuid({ message: "must be a valid id" }) }),
    response: { 200: assessmentDiffOut, ...errorResponses },
    handler: ({ context, params, query }) => diffVersions(context, params.id, query.against),
  }),
];

/** Risk matrices and SRM assessments (versions, approval, diff). */
export const srmRoutes = [...riskMatrixRoutes, ...assessmentRoutes];
