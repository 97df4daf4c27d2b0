import { ActionIcon, Anchor, Button, Card, FileButton, FileInput, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconCamera, IconFile, IconFileText, IconPaperclip, IconPhoto, IconTrash } from "@tabler/icons-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  attachmentAccept,
  attachmentContentType,
  maxAttachmentBytes,
  maxAttachmentDescriptionLength,
} from "../../../core/incidents/incident-attachment-types.ts";
import { isApiError } from "../../app/api.ts";
import { confirmAction } from "../../app/components/confirm.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { useFormatters } from "../../app/format.ts";
import { useIsPhone } from "../../app/viewport.ts";
import { fileSize } from "./file-size.ts";
import { attachmentUrl, type IncidentAttachment, useDeleteAttachment, useUploadAttachment } from "./incidents.api.ts";

const maxMegabytes = maxAttachmentBytes / 1024 / 1024;

function TypeIcon({ contentType }: { contentType: string }) {
  if (contentType.startsWith("image/")) return <IconPhoto size={20} aria-hidden />;
  if (contentType === "text/plain" || contentType === "application/pdf") return <IconFileText size={20} aria-hidden />;
  return <IconFile size={20} aria-hidden />;
}

function AttachmentRow({ incidentId, attachment, canRemove }: { incidentId: string; attachment: IncidentAttachment; canRemove: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const remove = useDeleteAttachment(incidentId);
  const confirmRemoval = () =>
    confirmAction({
      title: t("incidents.attachments.removeTitle"),
      message: t("incidents.attachments.removeMessage", { name: attachment.name }),
      confirmLabel: t("incidents.attachments.removeConfirm"),
      onConfirm: () =>
        remove.mutate(attachment.id, {
          onSuccess: () => notifySuccess(t("incidents.attachments.removed")),
          onError: (error) => notifyError(error),
        }),
    });
  return (
    <Paper component="li" withBorder radius="sm" p="xs">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text c="dimmed" mt={2} component="span">
          <TypeIcon contentType={attachment.contentType} />
        </Text>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Anchor
            href={attachmentUrl(incidentId, attachment.id)}
            download={attachment.name}
            size="sm"
            fw={500}
            className="vigil-break"
            aria-label={t("incidents.attachments.download", { name: attachment.name })}
          >
            {attachment.name}
          </Anchor>
          {attachment.description && (
            <Text size="sm" className="vigil-break">
              {attachment.description}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {fileSize(attachment.size, i18n.language)} · {t("incidents.attachments.addedOn", { date: format.dateTime(attachment.createdAt) })}
          </Text>
        </Stack>
        {canRemove && (
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            loading={remove.isPending}
            onClick={confirmRemoval}
            aria-label={t("incidents.attachments.remove", { name: attachment.name })}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}

/** Choose a file (or, on a phone, take a photo), describe it, attach it. Checked here first so the user hears why at once. */
function UploadForm({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const upload = useUploadAttachment(incidentId);
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState("");
  const [fileError, setFileError] = useState<string | null>(null);

  function choose(chosen: File | null) {
    setFile(chosen);
    if (!chosen) return setFileError(null);
    if (chosen.size > maxAttachmentBytes) return setFileError(t("incidents.attachments.tooLarge", { max: maxMegabytes }));
    if (!attachmentContentType(chosen.type, chosen.name)) return setFileError(t("incidents.attachments.wrongType"));
    setFileError(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return setFileError(t("validation.required"));
    if (fileError) return;
    upload.mutate(
      { file, description },
      {
        onSuccess: () => {
          notifySuccess(t("incidents.attachments.uploaded"));
          setFile(null);
          setDescription("");
        },
        onError: (error) => {
          const issue = isApiError(error) ? error.issues.find((item) => item.field === "file") : undefined;
          if (issue) setFileError(issue.message);
          else notifyError(error, t("incidents.attachments.uploadFailed"));
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
            value={file}
            onChange={choose}
            error={fileError}
            clearable
            leftSection={<IconPaperclip size={16} aria-hidden />}
            style={{ flex: "1 1 16rem", minWidth: 0 }}
          />
          {isPhone && (
            <FileButton onChange={choose} accept="image/*" capture="environment">
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
        {t("incidents.attachments.hint", { max: maxMegabytes })}
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
