import { Alert, List } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../api.ts";
import { describeError, issueText } from "../server-messages.ts";
import type { FormFailure } from "./form-errors.ts";

/** The part of a failed submit that does not belong to one input. */
export function FormErrorAlert({ failure }: { failure: FormFailure | null }) {
  const { t } = useTranslation();
  if (!failure) return null;
  const { error, unmatched } = failure;
  const status = isApiError(error) ? error.status : -1;
  const title =
    status === 409
      ? t("errors.conflictTitle")
      : status === 400 || status === 422
        ? t("errors.invalidTitle")
        : t("errors.failedTitle");
  const hasOnlyFieldIssues = isApiError(error) && error.issues.length > 0 && unmatched.length === 0;
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={title} role="alert">
      {hasOnlyFieldIssues && status !== 409 ? t("errors.fixFields") : describeError(t, error)}
      {unmatched.length > 0 && (
        <List size="sm" mt="xs">
          {unmatched.map((issue) => (
            <List.Item key={`${issue.field}:${issue.message}`}>
              {issue.field ? `${issue.field}: ` : ""}
              {issueText(t, issue)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
