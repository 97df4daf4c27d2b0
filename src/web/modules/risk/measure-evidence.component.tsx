import { ActionIcon, Anchor, Button, Card, FileInput, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconFile, IconPaperclip, IconTrash, IconUpload } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { attachmentAccept, attachmentContentType, maxAttachmentBytes } from "../../../core/incidents/incident-attachment-types.ts";
import { isApiError } from "../../app/api.ts";
import { confirmAction } from "../../app/components/confirm.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { useFormatters } from "../../app/format.ts";
import { fileSize } from "../incidents/file-size.ts";
import { evidenceUrl, type MeasureEvidence, useDeleteEvidence, useUploadEvidence } from "./measure-records.api.ts";

const maxMegabytes = maxAttachmentBytes / 1024 / 1024;

function EvidenceRow({ measureId, evidence, canRemove }: { measureId: string; evidence: MeasureEvidence; canRemove: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const remove = useDeleteEvidence(measureId);
  const confirmRemoval = () =>
    confirmAction({
      title: t("riskMeasures.evidenceSection.removeTitle"),
      message: t("riskMeasures.evidenceSection.removeMessage", { name: evidence.name }),
      confirmLabel: t("riskMeasures.evidenceSection.removeConfirm"),
      onConfirm: () =>
        remove.mutate(evidence.fileId, {
          onSuccess: () => notifySuccess(t("riskMeasures.evidenceSection.removed")),
          onError: (error) => notifyError(error),
        }),
    });
  return (
    <Paper component="li" withBorder radius="sm" p="xs">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text c="dimmed" mt={2} component="span">
          <IconFile size={20} aria-hidden />
        </Text>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Anchor
            href={evidenceUrl(measureId, evidence.fileId)}
            download={evidence.name}
            size="sm"
            fw={500}
            className="vigil-break"
            aria-label={t("riskMeasures.evidenceSection.download", { name: evidence.name })}
          >
            {evidence.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {fileSize(evidence.size, i18n.language)} · {t("riskMeasures.evidenceSection.addedOn", { date: format.dateTime(evidence.createdAt) })}
          </Text>
        </Stack>
        {canRemove && (
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            loading={remove.isPending}
            onClick={confirmRemoval}
            aria-label={t("riskMeasures.evidenceSection.remove", { name: evidence.name })}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}

/** The file is checked here first (size, type) so the user hears why at once; the server checks again. */
function UploadForm({ measureId }: { measureId: string }) {
  const { t } = useTranslation();
  const upload = useUploadEvidence(measureId);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  function choose(chosen: File | null) {
    setFile(chosen);
    if (!chosen) return setFileError(null);
    if (chosen.size > maxAttachmentBytes) return setFileError(t("riskMeasures.evidenceSection.tooLarge", { max: maxMegabytes }));
    if (!attachmentContentType(chosen.type, chosen.name)) return setFileError(t("riskMeasures.evidenceSection.wrongType"));
    setFileError(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setFileError(t("validation.required"));
    if (fileError) return;
    upload.mutate(file, {
      onSuccess: () => {
        notifySuccess(t("riskMeasures.evidenceSection.uploaded"));
        setFile(null);
      },
      onError: (error) => {
        const issue = isApiError(error) ? error.issues.find((item) => item.field === "file") : undefined;
        if (issue) setFileError(issue.message);
        else notifyError(error);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("riskMeasures.evidenceSection.uploadForm")}>
      <Group gap="xs" align="flex-start" wrap="wrap">
        <FileInput
          label={t("riskMeasures.evidenceSection.file")}
          placeholder={t("riskMeasures.evidenceSection.filePlaceholder")}
          accept={attachmentAccept}
          value={file}
          onChange={choose}
          error={fileError}
          clearable
          leftSection={<IconPaperclip size={16} aria-hidden />}
          style={{ flex: "1 1 16rem", minWidth: 0 }}
        />
        <Button type="submit" mt={{ base: 0, xs: 24 }} loading={upload.isPending} leftSection={<IconUpload size={16} aria-hidden />}>
          {t("riskMeasures.evidenceSection.upload")}
        </Button>
      </Group>
    </form>
  );
}

/** Proof that a measure is in place (photos, reports, receipts): download for readers, upload and removal for those who may change it. */
export function MeasureEvidenceCard({ measureId, evidence, canUpdate }: { measureId: string; evidence: MeasureEvidence[]; canUpdate: boolean }) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="measure-evidence">
      <Title order={2} size="h4" mb={4} id="measure-evidence">
        {t("riskMeasures.evidenceSection.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("riskMeasures.evidenceSection.hint", { max: maxMegabytes })}
      </Text>
      <Stack gap="md">
        {evidence.length === 0 ? (
          <Empty isCompact title={t("riskMeasures.evidenceSection.empty")} />
        ) : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }} aria-labelledby="measure-evidence">
            {evidence.map((item) => (
              <EvidenceRow key={item.fileId} measureId={measureId} evidence={item} canRemove={canUpdate} />
            ))}
          </Stack>
        )}
        {canUpdate && <UploadForm measureId={measureId} />}
      </Stack>
    </Card>
  );
}
