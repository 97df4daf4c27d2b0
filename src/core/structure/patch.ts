import { z } from "zod";

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;

/**
 * The schema of a PATCH body: every field optional and **no defaults**. `.partial()` alone
 * keeps a field's `.default()`, so leaving a field out of a PATCH would reset it (erasing
 * an organisation's focal points or a meeting's attendees).
 */
export function patchOf<T extends z.ZodRawShape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  );
  return z.object(shape).partial() as unknown as z.ZodObject<{ [K in keyof T]: z.ZodOptional<WithoutDefault<T[K]>> }>;
}
