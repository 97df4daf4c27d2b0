import { Anchor, Badge, Button, FileButton, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCertificate, IconDownload, IconUpload } from "@tabler/icons-react";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { CertificateStatus } from "../../../core/travel/training.ts";
import { certificateFileAccept } from "../../../core/travel/certificate-file.ts";
import { isApiError } from "../../app/api.ts";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { useFormatters } from "../../app/format.ts";
import { type Certificate, certificateFileUrl, useUploadCertificateFile } from "./certificates.api.ts";
import { useFileIssueText, useFileProblem } from "./certificate-file-check.ts";

/** The colour says it at a glance; the word says it to everyone (colour is never alone). */
const statusColours: Record<CertificateStatus, string> = { valid: "green", expiring: "yellow", expired: "red" };

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={statusColours[status]} style={{ flexShrink: 0 }}>
      {t(`certificates.status.${status}`)}
    </Badge>
  );
}

/** A course's name in the reader's language. */
export function useCourseName() {
  const { i18n } = useTranslation();
  return (item: { courseNameEn: string; courseNameFr: string }) => (i18n.language === "fr" ? item.courseNameFr : item.courseNameEn);
}

/** Adds or replaces a certificate's file, checked in the browser first (the server checks again). */
function FileUpload({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const upload = useUploadCertificateFile(certificate.personId);
  const problemOf = useFileProblem();
  const fileIssueText = useFileIssueText();
  const choose = (file: File | null) => {
    if (!file) return;
    const problem = problemOf(file);
    if (problem) return notifications.show({ color: "red", title: t("certificates.fileFailed"), message: problem, autoClose: 8000 });
    upload.mutate(
      { id: certificate.id, file },
      {
        onSuccess: () => notifySuccess(t("certificates.fileSaved")),
        onError: (error) => {
          // The server's refusal of the file itself, in the reader's language; anything else as it came.
          const issue = isApiError(error) ? error.issues.find((item) => item.field === "file") : undefined;
          if (!issue) return notifyError(error, t("certificates.fileFailed"));
          notifications.show({ color: "red", title: t("certificates.fileFailed"), message: fileIssueText(issue.message), autoClose: 8000 });
        },
      },
    );
  };
  return (
    <FileButton onChange={choose} accept={certificateFileAccept}>
      {(props) => (
        <Button {...props} size="xs" variant="default" loading={upload.isPending} leftSection={<IconUpload size={14} aria-hidden />}>
          {t(certificate.hasFile ? "certificates.replaceFile" : "certificates.addFile")}
        </Button>
      )}
    </FileButton>
  );
}

function CertificateRow({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const courseName = useCourseName();
  return (
    <Paper component="li" withBorder radius="sm" p="sm">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Title order={3} size="h5" className="vigil-break">
            {courseName(certificate)}
          </Title>
          <CertificateStatusBadge status={certificate.status} />
        </Group>
        <Text size="sm">
          {t("certificates.completedOn", { date: format.date(certificate.completedOn) })} · {t("certificates.expiresOn", { date: format.date(certificate.expiresOn) })}
        </Text>
        {certificate.expiryReason && (
          <Text size="sm" c="dimmed" className="vigil-break">
            {t("certificates.expirySetBecause", { reason: certificate.expiryReason })}
          </Text>
        )}
        <Text size="sm" c="dimmed" className="vigil-break">
          {[certificate.issuer && t("certificates.issuedBy", { issuer: certificate.issuer }), t(`certificates.source.${certificate.source}`)].filter(Boolean).join(" · ")}
        </Text>
        {(certificate.hasFile || certificate.actions.includes("attach_file")) && (
          <Group gap="sm" wrap="wrap">
            {certificate.hasFile && (
              <Anchor href={certificateFileUrl(certificate.id)} size="sm" aria-label={t("certificates.downloadOf", { course: certificate.courseCode })}>
                <Group gap={4} component="span" wrap="nowrap">
                  <IconDownload size={14} aria-hidden />
                  {t("certificates.download")}
                </Group>
              </Anchor>
            )}
            {certificate.actions.includes("attach_file") && <FileUpload certificate={certificate} />}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** A person's certificates, newest first within each course, each with where it stands today. */
export function CertificatesList({ certificates, emptyTitle, isCompact }: { certificates: Certificate[]; emptyTitle: string; isCompact?: boolean }) {
  const { t } = useTranslation();
  if (certificates.length === 0) {
    return <Empty isCompact={isCompact} title={emptyTitle} description={t("certificates.emptyHint")} icon={<IconCertificate aria-hidden />} />;
  }
  return (
    <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("certificates.listLabel")}>
      {certificates.map((certificate) => (
        <CertificateRow key={certificate.id} certificate={certificate} />
      ))}
    </Stack>
  );
}
