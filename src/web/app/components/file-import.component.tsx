import { Alert, Button, Card, FileInput, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconFileSpreadsheet, IconRefresh, IconUpload } from "@tabler/icons-react";
import type { QueryKey } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { maxImportFileBytes, maxImportRows } from "../../../core/import-limits.ts";
import { FormErrorAlert } from "../forms/form-error-alert.component.tsx";
import { SampleRows } from "./column-mapping.component.tsx";
import { type ImportMapping, type ImportOutcome, type ImportPreview, usePreviewImport, useRunImport } from "./file-import.api.ts";
import { type FileImportNamespace, useImportText } from "./file-import.strings.ts";
import { ImportResultView } from "./import-result.component.tsx";

/**
 * A file import in three steps, the same for every kind of record: choose the file, match its
 * columns (the server suggests a mapping from the headers), then import and read the problems row
 * by row. Re-importing the same file adds nothing. The page gives what is its own: the words (its
 * namespace), the fields to map, what the mapping must have, and anything else it sends.
 */
type Props<M extends ImportMapping, R extends ImportOutcome> = {
  namespace: FileImportNamespace;
  previewUrl: string;
  importUrl: string;
  /** Data an import that added rows makes stale. */
  invalidates: readonly QueryKey[];
  /** Sent as JSON text fields beside `mapping` (the incident import's `defaults`). */
  extraFields?: Record<string, unknown>;
  /** A sentence shown when the file's HXL hashtag row was used to match the columns. */
  hashtagNote?: string;
  /** What the mapping still lacks, in words: the server refuses the import without it. */
  missing: (mapping: M) => string[];
  /** The mapping fields (and anything the import asks besides, such as defaults). */
  renderMapping: (step: { preview: ImportPreview<M>; mapping: M; onChange: (mapping: M) => void }) => ReactNode;
  /** Lines of the import's own under the counts of the result. */
  renderResult?: (result: R) => ReactNode;
  /** Where to go once the import is done. */
  doneLink?: ReactNode;
};

export function FileImportSteps<M extends ImportMapping, R extends ImportOutcome>(props: Props<M, R>) {
  const { namespace, missing: missingOf, renderMapping, renderResult, doneLink, hashtagNote } = props;
  const { text, i18n } = useImportText(namespace);
  const preview = usePreviewImport<M>(props.previewUrl);
  const importing = useRunImport<R>(props.importUrl, props.invalidates);
  const [file, setFile] = useState<File | null>(null);
  const [read, setRead] = useState<ImportPreview<M> | null>(null);
  const [mapping, setMapping] = useState<M>({} as M);
  const [result, setResult] = useState<R | null>(null);

  const reset = () => {
    setFile(null);
    setRead(null);
    setMapping({} as M);
    setResult(null);
    preview.reset();
    importing.reset();
  };
  const readFile = () => {
    if (!file) return;
    setResult(null);
    importing.reset();
    preview.mutate(file, {
      onSuccess: (answer) => {
        setRead(answer);
        setMapping(answer.suggestedMapping);
      },
    });
  };
  const missing = missingOf(mapping);
  const runImport = () => {
    if (!file || missing.length) return;
    importing.mutate({ file, fields: { mapping, ...props.extraFields } }, { onSuccess: setResult });
  };

  return (
    <Stack gap="lg" maw={960}>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {text("import.step1")}
          </Title>
          <Text size="sm" c="dimmed">
            {text("import.fileHint", { size: maxImportFileBytes / 1024 / 1024, rows: maxImportRows.toLocaleString(i18n.language) })}
          </Text>
          <Group align="flex-end" gap="sm">
            <FileInput
              style={{ flex: "1 1 240px" }}
              label={text("import.file")}
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              clearable
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
              placeholder={text("import.chooseFile")}
              value={file}
              onChange={(next) => {
                setFile(next);
                setRead(null);
                setResult(null);
                preview.reset();
                importing.reset();
              }}
            />
            <Button onClick={readFile} disabled={!file} loading={preview.isPending} rightSection={<IconArrowRight size={16} aria-hidden />}>
              {text("import.read")}
            </Button>
          </Group>
          {preview.isError && <FormErrorAlert failure={{ error: preview.error, unmatched: [] }} />}
        </Stack>
      </Card>

      {read && (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {text("import.step2")}
            </Title>
            <Text size="sm">
              {text("import.found", { count: read.rowCount, name: file?.name ?? "", format: read.format.toUpperCase() })}
              {read.hashtags && hashtagNote ? ` ${hashtagNote}` : ""}
            </Text>
            {read.rowCount === 0 ? (
              <Alert color="orange">{text("import.noRows")}</Alert>
            ) : (
              <>
                <SampleRows namespace={namespace} preview={read} />
                <Text size="sm" c="dimmed">
                  {text("import.mappingHint")}
                </Text>
                {renderMapping({ preview: read, mapping, onChange: setMapping })}
              </>
            )}
          </Stack>
        </Card>
      )}

      {read && read.rowCount > 0 && (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {text("import.step3")}
            </Title>
            <Text size="sm" c="dimmed">
              {text("import.importHint")}
            </Text>
            {missing.length > 0 && (
              <Alert color="orange" title={text("import.needsTitle")}>
                <List size="sm">
                  {missing.map((need) => (
                    <List.Item key={need}>{need}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            {importing.isError && <FormErrorAlert failure={{ error: importing.error, unmatched: [] }} />}
            {result && <ImportResultView namespace={namespace} result={result} extra={renderResult?.(result)} />}
            <Group justify="flex-end" gap="sm">
              {result && (
                <>
                  <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={reset}>
                    {text("import.another")}
                  </Button>
                  {doneLink}
                </>
              )}
              <Button onClick={runImport} disabled={missing.length > 0} loading={importing.isPending} leftSection={<IconUpload size={16} aria-hidden />}>
                {text("import.submit", { count: read.rowCount })}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
