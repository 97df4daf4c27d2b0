import { Alert, Code, List, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { issueText } from "../server-messages.ts";
import { useIsPhone } from "../viewport.ts";
import type { ImportOutcome } from "./file-import.api.ts";
import { type FileImportNamespace, useImportText } from "./file-import.strings.ts";
import { ListPagination } from "./list-pagination.component.tsx";

const pageSize = 50;

/**
 * What an import did, and every problem by the file's row number (header = row 1). `extra` adds
 * lines of the import's own to the summary (the incident import's time zones).
 */
export function ImportResultView({ namespace, result, extra }: { namespace: FileImportNamespace; result: ImportOutcome; extra?: ReactNode }) {
  const { text, t } = useImportText(namespace);
  const [page, setPage] = useState(1);
  // On a phone the column goes above its problem: two narrow columns fit 360 px without scrolling.
  const isPhone = useIsPhone();
  const isClean = result.errors.length === 0;
  const shown = result.errors.slice((page - 1) * pageSize, page * pageSize);
  return (
    <Stack gap="sm">
      <Alert
        color={isClean ? "green" : result.inserted > 0 ? "orange" : "red"}
        icon={isClean ? <IconCircleCheck aria-hidden /> : <IconAlertTriangle aria-hidden />}
        title={text("result.title")}
        role={isClean ? "status" : "alert"}
      >
        <List size="sm" spacing={2}>
          <List.Item>{text("result.inserted", { count: result.inserted })}</List.Item>
          <List.Item>{text("result.duplicates", { count: result.duplicates })}</List.Item>
          <List.Item>{text("result.rejected", { count: result.rejected })}</List.Item>
          {extra}
        </List>
      </Alert>
      {!isClean && (
        <>
          <Text size="sm">{text("result.errorsExplained")}</Text>
          <Table.ScrollContainer minWidth={isPhone ? 280 : 520} type="native">
            <Table striped withTableBorder fz="sm" aria-label={text("result.errorsTable")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={70}>
                    {text("import.row")}
                  </Table.Th>
                  {!isPhone && <Table.Th scope="col">{text("result.column")}</Table.Th>}
                  <Table.Th scope="col">{text("result.problem")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((error, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a row may report the same column twice; the list never reorders.
                  <Table.Tr key={`${error.row}-${error.field}-${index}`}>
                    <Table.Td>{error.row}</Table.Td>
                    {!isPhone && (
                      <Table.Td>
                        <Code>{error.field}</Code>
                      </Table.Td>
                    )}
                    <Table.Td className="vigil-break">
                      {isPhone && (
                        <Code display="block" mb={4}>
                          {error.field}
                        </Code>
                      )}
                      {issueText(t, error)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <ListPagination total={result.errors.length} page={page} pageSize={pageSize} onChange={setPage} />
        </>
      )}
    </Stack>
  );
}
