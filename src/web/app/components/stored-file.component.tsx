import { ActionIcon, Anchor, Card, FileInput, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconFile, IconFileText, IconPaperclip, IconPhoto, IconTrash } from "@tabler/icons-react";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { attachmentAccept, attachmentContentType, maxAttachmentBytes } from "../../../core/incidents/incident-attachment-types.ts";
import { isApiError } from "../api.ts";
import { useFormatters } from "../format.ts";
import { confirmAction } from "./confirm.tsx";
import { Empty } from "./empty-state.component.tsx";
import { fileSize } from "./file-size.ts";
import { notifyError, notifySuccess } from "./notify.ts";
import type { DeleteMutation } from "./record-actions.component.tsx";

/**
 * What incident attachments and measure evidence share: the card listing stored files (download
 * link, size and date, removal after confirmation), the file field, and the choice of a file to
 * upload, checked in the browser first so the user hears at once why a file will not do (the
 * server checks again).
 *
 * The wording comes from the module's catalogue under one key (`textKey`), with the same names in
 * each: title, hint, empty, download, addedOn, remove, removeTitle, removeMessage, removeConfirm,
 * removed, file, filePlaceholder, tooLarge and wrongType.
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
  textKey: string;
  /** For whoever may remove the file: the delete mutation of `id`, asked for confirmation first, and reported. */
  removal?: { id: string; mutation: DeleteMutation };
};

function StoredFileRow({ file, href, textKey, removal }: StoredFileRowProps) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const confirmRemoval = ({ id, mutation }: NonNullable<StoredFileRowProps["removal"]>) =>
    confirmAction({
      title: t(`${textKey}.removeTitle`),
      message: t(`${textKey}.removeMessage`, { name: file.name }),
      confirmLabel: t(`${textKey}.removeConfirm`),
      onConfirm: () =>
        mutation.mutate(id, {
          onSuccess: () => notifySuccess(t(`${textKey}.removed`)),
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
          <Anchor href={href} download={file.name} size="sm" fw={500} className="vigil-break" aria-label={t(`${textKey}.download`, { name: file.name })}>
            {file.name}
          </Anchor>
          {file.description && (
            <Text size="sm" className="vigil-break">
              {file.description}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {fileSize(file.size, i18n.language)} · {t(`${textKey}.addedOn`, { date: format.dateTime(file.createdAt) })}
          </Text>
        </Stack>
        {removal && (
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            loading={removal.mutation.isPending}
            onClick={() => confirmRemoval(removal)}
            aria-label={t(`${textKey}.remove`, { name: file.name })}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        )}
      </Group>
    </Paper>
  );
}

type StoredFilesCardProps<F extends StoredFile> = {
  textKey: string;
  files: F[];
  fileId: (file: F) => string;
  href: (file: F) => string;
  /** Given to whoever may remove files. */
  removal?: DeleteMutation;
  /** The upload form, for whoever may add files. */
  children?: ReactNode;
};

/** A record's stored files: download links for whoever reads it, removal and the upload form for whoever may change it. */
export function StoredFilesCard<F extends StoredFile>({ textKey, files, fileId, href, removal, children }: StoredFilesCardProps<F>) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Card withBorder component="section" aria-labelledby={titleId}>
      <Title order={2} size="h4" mb={4} id={titleId}>
        {t(`${textKey}.title`)}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t(`${textKey}.hint`, { max: maxUploadMegabytes })}
      </Text>
      <Stack gap="md">
        {files.length === 0 ? (
          <Empty isCompact title={t(`${textKey}.empty`)} />
        ) : (
          <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: "none" }} aria-labelledby={titleId}>
            {files.map((file) => (
              <StoredFileRow key={fileId(file)} file={file} href={href(file)} textKey={textKey} removal={removal && { id: fileId(file), mutation: removal }} />
            ))}
          </Stack>
        )}
        {children}
      </Stack>
    </Card>
  );
}

/** The field choosing a file to upload, with the module's wording and the choice's error. */
export function StoredFileInput({ textKey, choice }: { textKey: string; choice: FileChoice }) {
  const { t } = useTranslation();
  return (
    <FileInput
      label={t(`${textKey}.file`)}
      placeholder={t(`${textKey}.filePlaceholder`)}
      accept={attachmentAccept}
      value={choice.file}
      onChange={choice.choose}
      error={choice.fileError}
      clearable
      leftSection={<IconPaperclip size={16} aria-hidden />}
      style={{ flex: "1 1 16rem", minWidth: 0 }}
    />
  );
}

export type FileChoice = ReturnType<typeof useFileChoice>;

/** The file chosen for upload and what is wrong with it, in the module's words (`textKey`). */
export function useFileChoice(textKey: string) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  function choose(chosen: File | null) {
    setFile(chosen);
    if (!chosen) return setFileError(null);
    if (chosen.size > maxAttachmentBytes) return setFileError(t(`${textKey}.tooLarge`, { max: maxUploadMegabytes }));
    if (!attachmentContentType(chosen.type, chosen.name)) return setFileError(t(`${textKey}.wrongType`));
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
