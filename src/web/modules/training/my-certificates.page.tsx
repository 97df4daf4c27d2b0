import { Alert, Button, Card, FileInput, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconCertificate, IconPaperclip } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { certificateFileAccept, maxCertificateFileBytes } from "../../../core/travel/certificate-file.ts";
import { isApiError } from "../../app/api.ts";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { todayIso } from "../../app/format.ts";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { useMe } from "../../app/session.ts";
import { useFileIssueText, useFileProblem } from "./certificate-file-check.ts";
import { CertificatesList } from "./certificates-list.component.tsx";
import { useAddCertificate, useCertificates, useCourses } from "./certificates.api.ts";

type Values = { courseId: string | null; completedOn: string; issuer: string; file: File | null };

/**
 * "Add a certificate": the course, the completion date, the issuer and the certificate itself (a
 * PDF, or on a phone a photo: `image/*` offers the camera). The certificate counts at once, so a
 * trip blocked by an expired BSAFE is cleared again without waiting for anyone.
 */
function AddCertificateForm({ personId }: { personId: string }) {
  const { t, i18n } = useTranslation();
  const courses = useCourses();
  const add = useAddCertificate();
  const problemOf = useFileProblem();
  const fileIssueText = useFileIssueText();
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [isSavedWithoutFile, setSavedWithoutFile] = useState(false);
  const today = todayIso();
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { courseId: null, completedOn: "", issuer: "", file: null },
    validate: {
      courseId: (value) => (value ? null : t("certificates.errors.courseRequired")),
      completedOn: (value) => (value ? null : t("certificates.errors.dateRequired")),
      file: (value) => (value ? problemOf(value) : t("certificates.errors.fileRequired")),
    },
  });

  const submit = form.onSubmit((values) => {
    setFailure(null);
    setSavedWithoutFile(false);
    const body = { personId, courseId: values.courseId as string, completedOn: values.completedOn, issuer: values.issuer.trim() || null };
    add.mutate(
      { body, file: values.file },
      {
        onSuccess: () => {
          notifySuccess(t("certificates.add.saved"));
          form.reset();
        },
        onError: (error) => {
          const issue = isApiError(error) ? error.issues.find((item) => item.field === "file") : undefined;
          if (issue) {
            form.setFieldError("file", fileIssueText(issue.message));
            // The certificate itself was recorded: only its file is to be sent again, from the list.
            if ("certificate" in (error as object)) {
              form.setValues({ courseId: null, completedOn: "", issuer: "" });
              setSavedWithoutFile(true);
            }
            return;
          }
          setFailure(applyApiErrors(form, error, t));
        },
      },
    );
  });

  const options = (courses.data?.items ?? []).map((course) => ({ value: course.id, label: i18n.language === "fr" ? course.nameFr : course.nameEn }));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="add-certificate-title" maw={720}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4" id="add-certificate-title">
            {t("certificates.add.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("certificates.add.hint")}
          </Text>
          <FormErrorAlert failure={failure} />
          {isSavedWithoutFile && (
            <Alert color="yellow" role="alert">
              {t("certificates.add.savedWithoutFile")}
            </Alert>
          )}
          <Select
            label={t("certificates.add.course")}
            placeholder={t("certificates.add.coursePlaceholder")}
            data={options}
            required
            searchable
            {...form.getInputProps("courseId")}
          />
          <TextInput type="date" label={t("certificates.add.completedOn")} max={today} required {...form.getInputProps("completedOn")} />
          <TextInput label={t("certificates.add.issuer")} placeholder={t("certificates.add.issuerPlaceholder")} maxLength={200} {...form.getInputProps("issuer")} />
          <FileInput
            label={t("certificates.add.file")}
            description={t("certificates.add.fileHint", { max: maxCertificateFileBytes / 1024 / 1024 })}
            placeholder={t("certificates.add.filePlaceholder")}
            accept={certificateFileAccept}
            leftSection={<IconPaperclip size={16} aria-hidden />}
            clearable
            required
            {...form.getInputProps("file")}
          />
          <Button type="submit" loading={add.isPending} leftSection={<IconCertificate size={16} aria-hidden />} style={{ alignSelf: "flex-start" }}>
            {t("certificates.add.submit")}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

function OwnCertificates({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const certificates = useCertificates(personId);
  return (
    <Stack gap="lg">
      <QueryBoundary query={certificates}>{(data) => <CertificatesList certificates={data.items} emptyTitle={t("certificates.empty")} />}</QueryBoundary>
      <AddCertificateForm personId={personId} />
    </Stack>
  );
}

/** "My certificates" (issue 13 §1): every person's own training certificates, and adding one with its file. */
export function MyCertificatesPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <>
      <PageHeader title={t("certificates.title")} description={t("certificates.description")} />
      {me.personId ? <OwnCertificates personId={me.personId} /> : <Empty title={t("certificates.noPerson")} />}
    </>
  );
}
