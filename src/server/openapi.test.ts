import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { loadConfig } from "./platform/config.ts";
import type { RouteSpec } from "./platform/http/route.ts";
import { allRoutes } from "./routes.ts";
import { type TestApp, startTestApp } from "./testing/test-app.ts";

/** /api/openapi.json is a valid OpenAPI 3.1 document describing every route's input and output. */
type Schema = Record<string, unknown>;
type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const routes = allRoutes(loadConfig({ LOG_LEVEL: "silent" }));
const pathOf = (route: RouteSpec) => route.url.replace(/:(\w+)/g, "{$1}");
const label = (route: RouteSpec) => `${route.method} ${route.url}`;
const keysOf = (schema: unknown) => Object.keys((schema as z.ZodObject).shape);
const isSchema = (schema: unknown): schema is Schema => typeof schema === "object" && schema !== null && Object.keys(schema).length > 0;

let t: TestApp;
let document: Document;

beforeAll(async () => {
  t = await startTestApp();
  const response = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
  expect(response.statusCode).toBe(200);
  document = response.json();
});
afterAll(() => t.close());

function operationOf(route: RouteSpec): Operation | undefined {
  return document.paths[pathOf(route)]?.[route.method.toLowerCase()];
}

/** Runs a check over every route and collects what is wrong, route by route. */
function problemsOver(check: (route: RouteSpec, operation: Operation) => string[]): string[] {
  return routes.flatMap((route) => {
    const operation = operationOf(route);
    return operation ? check(route, operation).map((problem) => `${label(route)}: ${problem}`) : [`${label(route)}: not documented`];
  });
}

describe("the OpenAPI document", () => {
  it("is served without signing in and validates against the OpenAPI 3.1 schema", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? [], "schema violations").toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(document.openapi).toBe("3.1.0");
  });

  it("is checked by a validator that refuses a broken document", async () => {
    const { info: _info, ...withoutInfo } = structuredClone(document) as Document & { info: unknown };
    const result = await new Validator().validate(withoutInfo);
    expect(result.valid).toBe(false);
  });

  it("documents every registered API route, and nothing else", () => {
    const registered = routes.map((route) => `${route.method.toLowerCase()} ${pathOf(route)}`).sort();
    const documented = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).toEqual(registered);
  });

  it("gives every operation a JSON schema for its success response", () => {
    const problems = problemsOver((route, operation) => {
      const success = Object.keys(route.response).filter((code) => code.startsWith("2"));
      if (success.length === 0) return ["the route declares no success response"];
      return success.flatMap((code) => {
        const response = operation.responses?.[code];
        if (!response) return [`no ${code} response`];
        if (code === "204") return response.content ? ["a 204 with content"] : [];
        return isSchema(response.content?.["application/json"]?.schema) ? [] : [`no JSON schema for ${code}`];
      });
    });
    expect(problems).toEqual([]);
  });

  it("documents the field-level error body on every operation", () => {
    const problems = problemsOver((_route, operation) => {
      const schema = operation.responses?.["400"]?.content?.["application/json"]?.schema as { properties?: Record<string, unknown> } | undefined;
      return schema?.properties?.issues ? [] : ["no 400 with issues"];
    });
    expect(problems).toEqual([]);
  });

  it("documents each path parameter with a schema", () => {
    const problems = problemsOver((route, operation) =>
      (route.params ? keysOf(route.params) : []).flatMap((name) => {
        const parameter = operation.parameters?.find((item) => item.in === "path" && item.name === name);
        return parameter?.required && isSchema(parameter.schema) ? [] : [`path parameter ${name} undocumented`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it("documents each query parameter with a schema", () => {
    const problems = problemsOver((route, operation) =>
      (route.querystring ? keysOf(route.querystring) : []).flatMap((name) => {
        const parameter = operation.parameters?.find((item) => item.in === "query" && item.name === name);
        return isSchema(parameter?.schema) ? [] : [`query parameter ${name} undocumented`];
      }),
    );
    expect(problems).toEqual([]);
  });

  it("documents the JSON request body of every route that takes one, field by field", () => {
    const problems = problemsOver((route, operation) => {
      if (!route.body) return operation.requestBody && !route.isMultipart ? ["a request body the route does not take"] : [];
      const schema = operation.requestBody?.content?.["application/json"]?.schema as { properties?: Record<string, unknown> } | undefined;
      if (!isSchema(schema)) return ["no JSON schema for the request body"];
      const missing = keysOf(route.body).filter((key) => !schema.properties?.[key]);
      return missing.length ? [`request body fields undocumented: ${missing.join(", ")}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("documents the multipart upload of every file route, with its binary file field", () => {
    const uploads = routes.filter((route) => route.isMultipart);
    expect(uploads.length).toBeGreaterThan(0);
    const problems = uploads.flatMap((route) => {
      const schema = operationOf(route)?.requestBody?.content?.["multipart/form-data"]?.schema as
        | { properties?: Record<string, { type?: string; format?: string; contentMediaType?: string }>; required?: string[] }
        | undefined;
      const file = schema?.properties?.file;
      const isBinary = file?.type === "string" && (file.format === "binary" || file.contentMediaType !== undefined);
      return isBinary && schema?.required?.includes("file") ? [] : [`${label(route)}: no multipart/form-data body with a binary \`file\``];
    });
    expect(problems).toEqual([]);
  });
});
