import type { UseFormReturnType } from "@mantine/form";
import type { TFunction } from "i18next";
import { type FieldIssue, isApiError } from "../api.ts";
import { issueText } from "../server-messages.ts";

/** What is left of a failed submit once field issues are shown beside their inputs. */
export type FormFailure = { error: unknown; unmatched: FieldIssue[] };

function hasPath(values: unknown, path: string): boolean {
  let current: unknown = values;
  for (const part of path.split(".")) {
    if (current === null || typeof current !== "object" || !(part in (current as object))) return false;
    current = (current as Record<string, unknown>)[part];
  }
  return true;
}

/**
 * Puts each API issue beside the input it names (`form.setErrors`) and returns the rest, to be
 * shown above the form. `fieldMap` renames API fields whose form input has another name.
 */
export function applyApiErrors<Values extends Record<string, unknown>>(
  form: UseFormReturnType<Values>,
  error: unknown,
  t: TFunction,
  fieldMap: Record<string, string> = {},
): FormFailure {
  if (!isApiError(error)) return { error, unmatched: [] };
  const values = form.getValues();
  const errors: Record<string, string> = {};
  const unmatched: FieldIssue[] = [];
  for (const issue of error.issues) {
    const field = fieldMap[issue.field] ?? issue.field;
    if (field && hasPath(values, field)) {
      errors[field] = errors[field] ? `${errors[field]}; ${issueText(t, issue)}` : issueText(t, issue);
    } else {
      unmatched.push(issue);
    }
  }
  form.setErrors(errors);
  return { error, unmatched };
}
