import { z } from "zod";
import { riskMatrixInput, riskMatrixUpdate } from "../../../../core/risk/srm.schemas.ts";
import { defineRoute } from "../../../platform/http/route.ts";
import { errorResponses, idParams } from "../../../platform/http/schemas.ts";
import { createMatrix, getMatrix, listMatrices, setDefaultMatrix, updateMatrix } from "./risk-matrices.service.ts";
import { riskMatrixEditOut, riskMatrixListItem, riskMatrixOut } from "../assessments/srm.responses.ts";

const tags = ["Security risk management"];

/** The library of risk matrices: reference data, edited by the system administrator. */
export const riskMatrixRoutes = [
  defineRoute({
    method: "GET",
    url: "/api/risk-matrices",
    access: "risk_matrix.read",
    summary: "List every version of every risk matrix, with whether it is the default, in use, or frozen",
    tags,
    response: { 200: z.object({ items: z.array(riskMatrixListItem) }), ...errorResponses },
    handler: ({ context }) => listMatrices(context),
  }),
  defineRoute({
    method: "GET",
    url: "/api/risk-matrices/:id",
    access: "risk_matrix.read",
    summary: "Get a risk matrix version with its scales, levels, grid and treatment grid",
    tags,
    params: idParams,
    response: { 200: riskMatrixOut, ...errorResponses },
    handler: ({ context, params }) => getMatrix(context, params.id),
  }),
  defineRoute({
    method: "POST",
    url: "/api/risk-matrices",
    access: "risk_matrix.manage",
    summary: "Add a risk matrix (version 1 of a new code); the grid must be complete and monotone",
    tags,
    body: riskMatrixInput,
    response: { 201: riskMatrixOut, ...errorResponses },
    handler: async ({ context, body, reply }) => reply.code(201).send(await createMatrix(context, body)),
  }),
  defineRoute({
    method: "PUT",
    url: "/api/risk-matrices/:id",
    access: "risk_matrix.manage",
    summary: "Edit a risk matrix: in place (200), or as a new version of the same code (201) when the edited version is frozen",
    tags,
    params: idParams,
    body: riskMatrixUpdate,
    response: { 200: riskMatrixEditOut, 201: riskMatrixEditOut, ...errorResponses },
    handler: async ({ context, params, body, reply }) => {
      const result = await updateMatrix(context, params.id, body);
      return reply.code(result.createdVersion ? 201 : 200).send(result);
    },
  }),
  defineRoute({
    method: "POST",
    url: "/api/risk-matrices/:id/default",
    access: "risk_matrix.manage",
    summary: "Make a risk matrix version the default for new assessments",
    tags,
    params: idParams,
    response: { 200: riskMatrixOut, ...errorResponses },
    handler: ({ context, params }) => setDefaultMatrix(context, params.id),
  }),
];
