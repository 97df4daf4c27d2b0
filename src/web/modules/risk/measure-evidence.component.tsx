import { Button, Card, FileInput, Group, Stack, Text, Title } from "@mantine/core";
import { IconPaperclip, IconUpload } from "@tabler/icons-react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { attachmentAccept } from "../../../core/incidents/incident-attachment-types.ts";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { StoredFileRow, maxUploadMegabytes, useFileChoice } from "../../app/components/stored-file.component.tsx";
import { evidenceUrl, type MeasureEvidence, useDeleteEvidence, useUploadEvidence } from "./measure-records.api.ts";

function EvidenceRow({ measureId, evidence, canRemove }: { measureId: string; evidence: MeasureEvidence; canRemove: boolean }) {
  const { t } = useTranslation();
  const remove = useDeleteEvidence(measureId);
  return (
    <StoredFileRow
      file={evidence}
      href={evidenceUrl(measureId, evidence.fileId)}
      text={{
        download: t("riskMeasures.evidenceSection.download", { name: evidence.name }),
        addedOn: (date) => t("riskMeasures.evidenceSection.addedOn", { date }),
        remove: t("riskMeasures.evidenceSection.remove", { name: evidence.name }),
      }}
      removal={
        canRemove
          ? {
              id: evidence.fileId,
              mutation: remove,
              confirm: {
                title: t("riskMeasures.evidenceSection.removeTitle"),
                message: t("riskMeasures.evidenceSection.removeMessage", { name: evidence.name }),
                confirmLabel: t("riskMeasures.evidenceSection.removeConfirm"),
              },
              removedMessage: t("riskMeasures.evidenceSection.removed"),
            }
          : undefined
      }
    />
  );
}

function UploadForm({ measureId }: { measureId: string }) {
  const { t } = useTranslation();
  const upload = useUploadEvidence(measureId);
  const choice = useFileChoice({
    tooLarge: (max) => t("riskMeasures.evidenceSection.tooLarge", { max }),
    wrongType: t("riskMeasures.evidenceSection.wrongType"),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const file = choice.checked();
    if (!file) return;
    upload.mutate(file, {
      onSuccess: () => {
        notifySuccess(t("riskMeasures.evidenceSection.uploaded"));
        choice.reset();
      },
      onError: (error) => {
        if (!choice.fileIssue(error)) notifyError(error);
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
          value={choice.file}
          onChange={choice.choose}
          error={choice.fileError}
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
        {t("riskMeasures.evidenceSection.hint", { max: maxUploadMegabytes })}
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
