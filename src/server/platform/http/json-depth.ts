import type { FastifyInstance } from "fastify";
import { AppError } from "./errors.ts";

/**
 * Levels of arrays and objects a JSON body may nest. No Vigil body needs more than about six;
 * 64 leaves room for any honest client while keeping every recursive walk of a body (the NUL
 * check, zod, the audit diff, the error handler) far from the stack's limit, which 100,000
 * levels reached (issue 11, item 9).
 */
export const maxJsonDepth = 64;

const quote = 0x22;
const backslash = 0x5c;
const openBracket = 0x5b;
const openBrace = 0x7b;
const closeBracket = 0x5d;
const closeBrace = 0x7d;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, by one linear scan that counts
 * brackets outside strings: no recursion and no parsing, so it is safe on any text, valid or not.
 */
export function isNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let isInString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (isInString) {
      if (code === backslash) index++;
      else if (code === quote) isInString = false;
    } else if (code === quote) isInString = true;
    else if (code === openBracket || code === openBrace) {
      if (++depth > max) return true;
    } else if (code === closeBracket || code === closeBrace) depth--;
  }
  return false;
}

export function tooDeepError(field = "body"): AppError {
  const message = `is nested too deeply (at most ${maxJsonDepth} levels of arrays and objects)`;
  return new AppError(400, "validation", `${field}: ${message}`, [{ field, message }]);
}

/**
 * Fastify's own JSON parser (secure-json-parse, refusing `__proto__` and `constructor.prototype`
 * keys), behind the depth check: a body too deep is refused before anything parses or walks it.
 */
export function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = body as string;
    if (isNestedDeeperThan(text, maxJsonDepth)) {
      done(tooDeepError(), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}
