import { z } from "zod";

/** Shared request and response pieces: paging, ids, errors, time stamps. */
export const idParams = z.object({ id: z.uuid({ message: "must be a valid id" }) });

export const pagingQuery = {
  page: z.coerce.number().int().min(1, { message: "must be 1 or more" }).default(1),
  pageSize: z.coerce.number().int().min(1).max(200, { message: "must be at most 200" }).default(25),
  q: z.string().trim().max(200).optional(),
  order: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("asc"),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const actionsField = z.array(z.string()).describe("What the caller may do to this record");

export const errorBody = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.object({ field: z.string(), location: z.string().optional(), message: z.string() })).optional(),
});

/** Standard error responses every route may give. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
};

export const timestamp = z.string().describe("ISO 8601 time stamp (UTC)");
export const dateOnly = z.string().describe("Date as YYYY-MM-DD");

export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** Escapes LIKE wildcards in user search text. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;
}

export const noContent = z.null().describe("No content");
