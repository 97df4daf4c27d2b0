import { Button, Group } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { StoredFileInput, StoredFilesCard, useFileChoice } from "../../app/components/stored-file.component.tsx";
import { evidenceUrl, type MeasureEvidence, useDeleteEvidence, useUploadEvidence } from "./measure-records.api.ts";

const textKey = "riskMeasures.evidenceSection";

function UploadForm({ measureId }: { measureId: string }) {
  const { t } = useTranslation();
  const upload = useUploadEvidence(measureId);
  const choice = useFileChoice(textKey);

  function submit(event: FormEvent) {
    event.preventDefault();
    const file = choice.checked();
    if (!file) return;
    upload.mutate(file, {
      onSuccess: () => {
        notifySuccess(t(`${textKey}.uploaded`));
        choice.reset();
      },
      onError: (error) => {
        if (!choice.fileIssue(error)) notifyError(error);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t(`${textKey}.uploadForm`)}>
      <Group gap="xs" align="flex-start" wrap="wrap">
        <StoredFileInput textKey={textKey} choice={choice} />
        <Button type="submit" mt={{ base: 0, xs: 24 }} loading={upload.isPending} leftSection={<IconUpload size={16} aria-hidden />}>
          {t(`${textKey}.upload`)}
        </Button>
      </Group>
    </form>
  );
}

/** Proof that a measure is in place (photos, reports, receipts): download for readers, upload and removal for those who may change it. */
export function MeasureEvidenceCard({ measureId, evidence, canUpdate }: { measureId: string; evidence: MeasureEvidence[]; canUpdate: boolean }) {
  const remove = useDeleteEvidence(measureId);
  return (
    <StoredFilesCard
      textKey={textKey}
      files={evidence}
      fileId={(item) => item.fileId}
      href={(item) => evidenceUrl(measureId, item.fileId)}
      removal={canUpdate ? remove : undefined}
    >
      {canUpdate && <UploadForm measureId={measureId} />}
    </StoredFilesCard>
  );
}
