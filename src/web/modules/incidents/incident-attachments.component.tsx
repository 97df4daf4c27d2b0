import { Button, Card, FileButton, FileInput, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconCamera, IconPaperclip } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { attachmentAccept, maxAttachmentDescriptionLength } from "../../../core/incidents/incident-attachment-types.ts";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { StoredFileRow, maxUploadMegabytes, useFileChoice } from "../../app/components/stored-file.component.tsx";
import { useIsPhone } from "../../app/viewport.ts";
import { attachmentUrl, type IncidentAttachment, useDeleteAttachment, useUploadAttachment } from "./incidents.api.ts";

function AttachmentRow({ incidentId, attachment, canRemove }: { incidentId: string; attachment: IncidentAttachment; canRemove: boolean }) {
  const { t } = useTranslation();
  const remove = useDeleteAttachment(incidentId);
  return (
    <StoredFileRow
      file={attachment}
      href={attachmentUrl(incidentId, attachment.id)}
      text={{
        download: t("incidents.attachments.download", { name: attachment.name }),
        addedOn: (date) => t("incidents.attachments.addedOn", { date }),
        remove: t("incidents.attachments.remove", { name: attachment.name }),
      }}
      removal={
        canRemove
          ? {
              id: attachment.id,
              mutation: remove,
              confirm: {
                title: t("incidents.attachments.removeTitle"),
                message: t("incidents.attachments.removeMessage", { name: attachment.name }),
                confirmLabel: t("incidents.attachments.removeConfirm"),
              },
              removedMessage: t("incidents.attachments.removed"),
            }
          : undefined
      }
    />
  );
}

/** Choose a file (or, on a phone, take a photo), describe it, attach it. */
function UploadForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const upload = useUploadAttachment(incidentId);
  const [description, setDescription] = useState("");
  const choice = useFileChoice({
    tooLarge: (max) => t("incidents.attachments.tooLarge", { max }),
    wrongType: t("incidents.attachments.wrongType"),
  });

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
          <FileInput
            label={t("incidents.attachments.file")}
            placeholder={t("incidents.attachments.filePlaceholder")}
            accept={attachmentAccept}
            value={choice.file}
            onChange={choice.choose}
            error={choice.fileError}
            clearable
            leftSection={<IconPaperclip size={16} aria-hidden />}
            style={{ flex: "1 1 16rem", minWidth: 0 }}
          />
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
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-labelledby="incident-attachments">
      <Title order={2} size="h4" mb={4} id="incident-attachments">
        {t("incidents.attachments.title")}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t("incidents.attachments.hint", { max: maxUploadMegabytes })}
      </Text>
      <Stack gap="md">
        {attachments.length === 0 ? (
          <Empty isCompact title={t("incidents.attachments.empty")} />
        ) : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }} aria-labelledby="incident-attachments">
            {attachments.map((attachment) => (
              <AttachmentRow key={attachment.id} incidentId={incidentId} attachment={attachment} canRemove={canUpdate} />
            ))}
          </Stack>
        )}
        {canUpdate && <UploadForm incidentId={incidentId} />}
      </Stack>
    </Card>
  );
}
