/** Errors a service may throw; the HTTP layer turns each into a structured response. */
export type FieldIssue = { field: string; message: string };

export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** Also used for records outside the caller's scope: their existence is not revealed. */
export class NotFoundError extends AppError {
  constructor(what = "Record") {
    super(404, "not_found", `${what} not found`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "You are not allowed to do this") {
    super(403, "forbidden", message);
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "Sign in first") {
    super(401, "unauthenticated", message);
  }
}

/** A request that is well-formed but breaks a business rule, with the field at fault. */
export class RuleError extends AppError {
  constructor(field: string, message: string, code = "rule_violation") {
    super(422, code, message, [{ field, message }]);
  }
}

export class ConflictError extends AppError {
  constructor(field: string, message: string) {
    super(409, "conflict", message, [{ field, message }]);
  }
}

/** PostgreSQL's SQLSTATE of a failed statement; Drizzle wraps the driver's error, so it may sit on `cause`. */
export function databaseErrorCode(error: unknown): string | undefined {
  return (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
}
