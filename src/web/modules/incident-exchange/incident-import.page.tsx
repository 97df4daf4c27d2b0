import { Alert, Button, Card, FileInput, Group, List, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconFileSpreadsheet, IconRefresh, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { maxImportFileBytes, maxImportRows } from "../../../core/import-limits.ts";
import type { ImportDefaults, ImportMapping } from "../../../core/incidents/incident-import-fields.ts";
import { ButtonLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { type ImportPreview, type ImportResult, useImportIncidents, usePreviewIncidentImport } from "./incident-exchange.api.ts";
import { DefaultsFields, MappingFields, SampleRows, initialDefaults, missingMappings } from "./incident-import-mapping.component.tsx";
import { ImportResultView } from "./incident-import-result.component.tsx";

/**
 * Importing incidents from CSV or XLSX in three steps: choose the file, map its columns (the
 * server suggests a mapping from English, French or HXL headers), then import and read the
 * problems row by row. Re-importing the same file adds nothing.
 */
export function IncidentImportPage() {
  const { t, i18n } = useTranslation();
  const preview = usePreviewIncidentImport();
  const importing = useImportIncidents();
  const [file, setFile] = useState<File | null>(null);
  const [read, setRead] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [defaults, setDefaults] = useState<ImportDefaults>(initialDefaults);
  const [result, setResult] = useState<ImportResult | null>(null);

  const reset = () => {
    setFile(null);
    setRead(null);
    setMapping({});
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
  const missing = missingMappings(mapping);
  const runImport = () => {
    if (!file || missing.length) return;
    importing.mutate({ file, mapping, defaults }, { onSuccess: setResult });
  };

  return (
    <>
      <PageHeader
        title={t("incidentExchange.import.title")}
        description={t("incidentExchange.import.description")}
        breadcrumbs={[{ label: t("incidents.title"), to: "/incidents" }, { label: t("incidentExchange.import.title") }]}
      />
      <Stack gap="lg" maw={960}>
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t("incidentExchange.import.step1")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("incidentExchange.import.fileHint", { size: maxImportFileBytes / 1024 / 1024, rows: maxImportRows.toLocaleString(i18n.language) })}
            </Text>
            <Group align="flex-end" gap="sm">
              <FileInput
                style={{ flex: "1 1 240px" }}
                label={t("incidentExchange.import.file")}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                clearable
                leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
                placeholder={t("incidentExchange.import.chooseFile")}
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
                {t("incidentExchange.import.read")}
              </Button>
            </Group>
            {preview.isError && <FormErrorAlert failure={{ error: preview.error, unmatched: [] }} />}
          </Stack>
        </Card>

        {read && (
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t("incidentExchange.import.step2")}
              </Title>
              <Text size="sm">
                {t("incidentExchange.import.found", { count: read.rowCount, name: file?.name ?? "", format: read.format.toUpperCase() })}
                {read.hashtags ? ` ${t("incidentExchange.import.hxlFound")}` : ""}
              </Text>
              {read.rowCount === 0 ? (
                <Alert color="orange">{t("incidentExchange.import.noRows")}</Alert>
              ) : (
                <>
                  <SampleRows preview={read} />
                  <Text size="sm" c="dimmed">
                    {t("incidentExchange.import.mappingHint")}
                  </Text>
                  <MappingFields preview={read} mapping={mapping} onChange={setMapping} />
                  <Title order={3} size="h5" mt="xs">
                    {t("incidentExchange.defaults.title")}
                  </Title>
                  <DefaultsFields defaults={defaults} onChange={setDefaults} />
                </>
              )}
            </Stack>
          </Card>
        )}

        {read && read.rowCount > 0 && (
          <Card withBorder padding="md">
            <Stack gap="sm">
              <Title order={2} size="h4">
                {t("incidentExchange.import.step3")}
              </Title>
              <Text size="sm" c="dimmed">
                {t("incidentExchange.import.importHint")}
              </Text>
              {missing.length > 0 && (
                <Alert color="orange" title={t("incidentExchange.import.needsTitle")}>
                  <List size="sm">
                    {missing.map((key) => (
                      <List.Item key={key}>{t(key)}</List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              {importing.isError && <FormErrorAlert failure={{ error: importing.error, unmatched: [] }} />}
              {result && <ImportResultView result={result} />}
              <Group justify="flex-end" gap="sm">
                {result && (
                  <>
                    <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={reset}>
                      {t("incidentExchange.import.another")}
                    </Button>
                    <ButtonLink to="/incidents" variant="default">
                      {t("incidentExchange.import.toList")}
                    </ButtonLink>
                  </>
                )}
                <Button onClick={runImport} disabled={missing.length > 0} loading={importing.isPending} leftSection={<IconUpload size={16} aria-hidden />}>
                  {t("incidentExchange.import.submit", { count: read.rowCount })}
                </Button>
              </Group>
            </Stack>
          </Card>
        )}
      </Stack>
    </>
  );
}
