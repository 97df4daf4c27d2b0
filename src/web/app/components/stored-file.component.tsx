import { ActionIcon, Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { IconFile, IconFileText, IconPhoto, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { attachmentContentType, maxAttachmentBytes } from "../../../core/incidents/incident-attachment-types.ts";
import { isApiError } from "../api.ts";
import { useFormatters } from "../format.ts";
import { confirmAction } from "./confirm.tsx";
import { fileSize } from "./file-size.ts";
import { notifyError, notifySuccess } from "./notify.ts";
import type { DeleteMutation } from "./record-actions.component.tsx";

/**
 * What incident attachments and measure evidence share: a stored file's row in a list (download
 * link, size and date, removal) and the choice of a file to upload, checked in the browser first
 * so the user hears at once why a file will not do (the server checks again).
 */

export const maxUploadMegabytes = maxAttachmentBytes / 1024 / 1024;

export type StoredFile = { name: string; size: number; contentType: string; createdAt: string; description?: string | null };

function TypeIcon({ contentType }: { contentType: string }) {
  if (contentType.startsWith("image/")) return <IconPhoto size={20} aria-hidden />;
  if (contentType === "text/plain" || contentType === "application/pdf") return <IconFileText size={20} aria-hidden />;
  return <IconFile size={20} aria-hidden />;
}

type StoredFileRowProps = {
  file: StoredFile;
  href: string;
  /** The module's wording: the link's accessible name, the "added on" line and the removal button's name. */
  text: { download: string; addedOn: (date: string) => string; remove: string };
  /** For whoever may remove the file: the delete mutation of `id`, asked for confirmation first, and reported. */
  removal?: { id: string; mutation: DeleteMutation; confirm: { title: string; message: string; confirmLabel: string }; removedMessage: string };
};

export function StoredFileRow({ file, href, text, removal }: StoredFileRowProps) {
  const { i18n } = useTranslation();
  const format = useFormatters();
  const confirmRemoval = (chosen: NonNullable<StoredFileRowProps["removal"]>) =>
    confirmAction({
      ...chosen.confirm,
      onConfirm: () =>
        chosen.mutation.mutate(chosen.id, {
          onSuccess: () => notifySuccess(chosen.removedMessage),
          onError: (error) => notifyError(error),
        }),
    });
  return (
    <Paper component="li" withBorder radius="sm" p="xs">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text c="dimmed" mt={2} component="span">
          <TypeIcon contentType={file.contentType} />
        </Text>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Anchor href={href} download={file.name} size="sm" fw={500} className="vigil-break" aria-label={text.download}>
            {file.name}
          </Anchor>
          {file.description && (
            <Text size="sm" className="vigil-break">
              {file.description}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {fileSize(file.size, i18n.language)} · {text.addedOn(format.dateTime(file.createdAt))}
          </Text>
        </Stack>
        {removal && (
          <ActionIcon variant="subtle" color="red" size="lg" loading={removal.mutation.isPending} onClick={() => confirmRemoval(removal)} aria-label={text.remove}>
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}

/**
 * The file chosen for upload and what is wrong with it. `text` holds the module's messages for a
 * file too large (given the limit in MB) and of a type not accepted.
 */
export function useFileChoice(text: { tooLarge: (max: number) => string; wrongType: string }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  function choose(chosen: File | null) {
    setFile(chosen);
    if (!chosen) return setFileError(null);
    if (chosen.size > maxAttachmentBytes) return setFileError(text.tooLarge(maxUploadMegabytes));
    if (!attachmentContentType(chosen.type, chosen.name)) return setFileError(text.wrongType);
    setFileError(null);
  }

  return {
    file,
    fileError,
    choose,
    /** The file to send, or null after saying why there is none (nothing chosen, or a wrong one). */
    checked(): File | null {
      if (!file) {
        setFileError(t("validation.required"));
        return null;
      }
      return fileError ? null : file;
    },
    /** After an upload: the server's word on the file goes beside the field; anything else is for the caller. */
    fileIssue(error: unknown): string | null {
      const issue = isApiError(error) ? error.issues.find((item) => item.field === "file") : undefined;
      if (issue) setFileError(issue.message);
      return issue?.message ?? null;
    },
    reset() {
      setFile(null);
      setFileError(null);
    },
  };
}
