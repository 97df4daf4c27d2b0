import { Alert, Button, Code, FileInput, Group, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconFileSpreadsheet } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { issueText } from "../../app/server-messages.ts";
import { type ImportResult, useImportPersonnel } from "./personnel.api.ts";

const csvColumns =
  "index_number, given_name, family_name, sex, recruitment_type, category, grade, organisation, duty_station";
const optionalColumns = "phone, mobile, email, residential_address";

export function PersonnelImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal opened={opened} onClose={onClose} title={t("personnel.import.title")} size="xl">
      {opened && <ImportForm onClose={onClose} />}
    </FormModal>
  );
}

function ImportForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const importPersonnel = useImportPersonnel();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  function submit() {
    if (!file) return;
    setResult(null);
    setFailure(null);
    importPersonnel.mutate(file, { onSuccess: setResult, onError: setFailure });
  }

  return (
    <Stack gap="sm">
      <Text size="sm">{t("personnel.import.explanation")}</Text>
      <Text size="xs" c="dimmed">
        {t("personnel.import.columns")} <Code>{csvColumns}</Code>
      </Text>
      <Text size="xs" c="dimmed">
        {t("personnel.import.optionalColumns")} <Code>{optionalColumns}</Code>
      </Text>
      <Text size="xs" c="dimmed">
        {t("personnel.import.skipRows")}
      </Text>
      <FileInput
        label={t("personnel.import.file")}
        accept=".csv,text/csv"
        clearable
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        placeholder={t("appointments.chooseFile")}
        value={file}
        onChange={(next) => {
          setFile(next);
          setResult(null);
          setFailure(null);
        }}
      />
      {failure !== null && <FormErrorAlert failure={{ error: failure, unmatched: [] }} />}
      {result && result.errors.length === 0 && (
        <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status">
          {t("personnel.import.created", { count: result.created })}
        </Alert>
      )}
      {result && result.errors.length > 0 && (
        <>
          <Alert color={result.created > 0 ? "orange" : "red"} icon={<IconAlertTriangle aria-hidden />} role="alert">
            {t("personnel.import.created", { count: result.created })}{" "}
            {t("personnel.import.errorCount", { count: result.errors.length })}
          </Alert>
          <Table.ScrollContainer minWidth={420} maxHeight={320} type="native">
            <Table striped withTableBorder fz="sm" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("personnel.import.row")}</Table.Th>
                  <Table.Th scope="col">{t("personnel.import.field")}</Table.Th>
                  <Table.Th scope="col">{t("personnel.import.message")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.errors.map((error, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one row may report the same field twice; the list never reorders.
                  <Table.Tr key={`${error.row}-${error.field}-${index}`}>
                    <Table.Td>{error.row}</Table.Td>
                    <Table.Td>
                      <Code>{error.field}</Code>
                    </Table.Td>
                    <Table.Td>{issueText(t, error)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onClose}>
          {result ? t("common.close") : t("common.cancel")}
        </Button>
        <Button onClick={submit} disabled={!file} loading={importPersonnel.isPending}>
          {t("personnel.import.submit")}
        </Button>
      </Group>
    </Stack>
  );
}
