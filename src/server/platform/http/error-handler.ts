import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, databaseErrorCode } from "./errors.ts";

/**
 * Every error leaves as `{ error, message, issues? }`. Validation failures name each field
 * (`body.name`, `query.limit`) so forms can show the message beside the input.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "body";
      const issues = error.validation.map((issue) => {
        const field = issue.instancePath.split("/").filter(Boolean).join(".") || where;
        return { field, location: where, message: issue.message ?? "is invalid" };
      });
      return reply.code(400).send({
        error: "validation",
        message: issues.map((issue) => `${issue.field}: ${issue.message}`).join("; "),
        issues,
      });
    }
    // Unparseable JSON (or a `__proto__` key, refused against prototype pollution) is bad
    // input like any other: a 400 naming the body, not Fastify's own error code.
    if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY" || error.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
      const message = "must be a valid JSON document";
      return reply.code(400).send({ error: "validation", message: `body: ${message}`, issues: [{ field: "body", location: "body", message }] });
    }
    if (error instanceof AppError) {
      return reply.code(error.statusCode).send({
        error: error.code,
        message: error.message,
        ...(error.issues.length ? { issues: error.issues } : {}),
      });
    }
    const pgCode = databaseErrorCode(error);
    if (pgCode === "23505") {
      return reply.code(409).send({ error: "conflict", message: "A record with the same unique value already exists" });
    }
    if (pgCode === "23503") {
      return reply
        .code(409)
        .send({ error: "conflict", message: "The record is referenced by other records or refers to a missing one" });
    }
    // Text PostgreSQL cannot store (the NUL character), e.g. inside an uploaded file.
    if (pgCode === "22021") {
      const message = "contains a character that cannot be stored (NUL)";
      return reply.code(400).send({ error: "validation", message: `body: ${message}`, issues: [{ field: "body", location: "body", message }] });
    }
    if (pgCode === "22P02" || pgCode === "22007" || pgCode === "22008") {
      return reply.code(400).send({ error: "validation", message: "A value has the wrong format" });
    }
    if (error.statusCode && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: error.code ?? "bad_request", message: error.message });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.code(500).send({ error: "internal", message: "Something went wrong", requestId: request.id });
  });
}
