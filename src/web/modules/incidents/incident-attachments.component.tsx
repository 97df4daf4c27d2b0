import { Button, FileButton, Group, Stack, TextInput } from "@mantine/core";
import { IconCamera, IconPaperclip } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { maxAttachmentDescriptionLength } from "../../../core/incidents/incident-attachment-types.ts";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { StoredFileInput, StoredFilesCard, useFileChoice } from "../../app/components/stored-file.component.tsx";
import { useIsPhone } from "../../app/viewport.ts";
import { attachmentUrl, type IncidentAttachment, useDeleteAttachment, useUploadAttachment } from "./incidents.api.ts";

const textKey = "incidents.attachments";

/** Choose a file (or, on a phone, take a photo), describe it, attach it. */
function UploadForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const upload = useUploadAttachment(incidentId);
  const [description, setDescription] = useState("");
  const choice = useFileChoice(textKey);

  function submit(event: FormEvent) {
    event.preventDefault();
    const file = choice.checked();
    if (!file) return;
    upload.mutate(
      { file, description },
      {
        onSuccess: () => {
          notifySuccess(t("incidents.attachments.uploaded"));
          choice.reset();
          setDescription("");
        },
        onError: (error) => {
          if (!choice.fileIssue(error)) notifyError(error, t("incidents.attachments.uploadFailed"));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label={t("incidents.attachments.uploadForm")}>
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <StoredFileInput textKey={textKey} choice={choice} />
          {isPhone && (
            <FileButton onChange={choice.choose} accept="image/*" capture="environment">
              {(props) => (
                <Button {...props} variant="default" leftSection={<IconCamera size={16} aria-hidden />}>
                  {t("incidents.attachments.takePhoto")}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        <TextInput
          label={t("incidents.attachments.description")}
          value={description}
          onChange={(event) => setDescription(event.currentTarget.value)}
          maxLength={maxAttachmentDescriptionLength}
        />
        <Group>
          <Button type="submit" loading={upload.isPending} leftSection={<IconPaperclip size={16} aria-hidden />}>
            {t("incidents.attachments.upload")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The incident's files: download links for whoever reads it; upload and removal for whoever may revise it. */
export function IncidentAttachmentsCard({ incidentId, attachments, canUpdate }: { incidentId: string; attachments: IncidentAttachment[]; canUpdate: boolean }) {
  const remove = useDeleteAttachment(incidentId);
  return (
    <StoredFilesCard
      textKey={textKey}
      files={attachments}
      fileId={(attachment) => attachment.id}
      href={(attachment) => attachmentUrl(incidentId, attachment.id)}
      removal={canUpdate ? remove : undefined}
    >
      {canUpdate && <UploadForm incidentId={incidentId} />}
    </StoredFilesCard>
  );
}
