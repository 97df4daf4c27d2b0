import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Permission } from "../../../core/access/permissions.ts";
import type { ServiceContext } from "./context.ts";

/**
 * Who may call a route at all: "public" (no sign-in), "authenticated" (any signed-in user),
 * or a permission from the registry (the caller holds it somewhere). Per-record scope is
 * checked by the service through the module's policy, answering 404 outside scope.
 */
export type RouteAccess = Permission | "public" | "authenticated";

type AnyObject = z.ZodObject;

export type HandlerInput<P, Q, B> = {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
  /** Present on every route whose access is not "public". */
  context: ServiceContext;
};

export type RouteSpec<
  P extends AnyObject | undefined = AnyObject | undefined,
  Q extends AnyObject | undefined = AnyObject | undefined,
  B extends z.ZodType | undefined = z.ZodType | undefined,
> = {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  url: string;
  access: RouteAccess;
  summary: string;
  tags: string[];
  params?: P;
  querystring?: Q;
  body?: B;
  /** Request headers the route reads (documented in the OpenAPI); keep it loose so other headers pass. */
  headers?: AnyObject;
  /** Body sent as multipart/form-data (file uploads); validated by the handler. */
  isMultipart?: boolean;
  response: Record<number, z.ZodType>;
  /**
   * Answers are kept per viewer and URL until any data changes (platform/http/response-cache.ts).
   * Only for reads that audit nothing: a cached answer skips the handler.
   */
  cachePerViewer?: boolean;
  handler: (
    input: HandlerInput<
      P extends AnyObject ? z.infer<P> : undefined,
      Q extends AnyObject ? z.infer<Q> : undefined,
      B extends z.ZodType ? z.infer<B> : undefined
    >,
  ) => Promise<unknown>;
};

/** Identity function that keeps the handler's types tied to its schemas. */
export function defineRoute<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}
