import { Alert, Button } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { describeError } from "../server-messages.ts";

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t("errors.loadFailed")} role="alert" my="sm">
      {describeError(t, error)}
      {onRetry && (
        <div>
          <Button size="xs" variant="white" color="red" mt="xs" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        </div>
      )}
    </Alert>
  );
}
