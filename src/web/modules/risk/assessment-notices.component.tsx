import { Alert, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconArrowBackUp, IconGitBranch } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../app/components/links.tsx";
import { todayIso, useFormatters } from "../../app/format.ts";
import type { Assessment } from "./srm-api.ts";

/**
 * What the reader of an assessment must know before anything else (issue 12 §3.3): that a
 * newer version exists (with the way to it), that the DO returned this draft and why, and that
 * its review date is already reached (submission and approval refuse it).
 */
export function AssessmentNotices({ assessment }: { assessment: Assessment }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { newerVersion, returnedForRevision } = assessment;
  const isReviewPast = (assessment.status === "draft" || assessment.status === "in_review") && assessment.reviewDueOn <= todayIso();
  if (!newerVersion && !returnedForRevision && !isReviewPast) return null;
  return (
    <Stack gap="sm">
      {newerVersion && (
        <Alert color="blue" icon={<IconGitBranch aria-hidden />} title={t(`srm.newer.${newerVersion.status}`, { version: newerVersion.version })}>
          <AnchorLink to="/risk/assessments/$assessmentId" params={{ assessmentId: newerVersion.id }}>
            {t("srm.newer.open", { version: newerVersion.version })}
          </AnchorLink>
        </Alert>
      )}
      {returnedForRevision && (
        <Alert
          color="orange"
          icon={<IconArrowBackUp aria-hidden />}
          title={t("srm.returned.title", { name: returnedForRevision.byName, date: format.dateTime(returnedForRevision.at) })}
        >
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
            {returnedForRevision.reason}
          </Text>
        </Alert>
      )}
      {isReviewPast && (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t("srm.reviewPast.title")}>
          {t(`srm.reviewPast.${assessment.status === "draft" ? "draft" : "in_review"}`)}
        </Alert>
      )}
    </Stack>
  );
}
