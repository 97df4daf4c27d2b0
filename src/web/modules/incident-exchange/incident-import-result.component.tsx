import { Alert, Code, List, Stack, Table, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ListPagination } from "../../app/components/list-pagination.component.tsx";
import { issueText } from "../../app/server-messages.ts";
import { useIsPhone } from "../../app/viewport.ts";
import type { ImportResult } from "./incident-exchange.api.ts";
import { timeZoneLabel } from "../../../core/incidents/place-time-zone.ts";

const pageSize = 50;

/** What the import did, and every problem by the file's row number (header = row 1). */
export function ImportResultView({ result }: { result: ImportResult }) {
  const { t } = useTranslation();
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
        title={t("incidentExchange.result.title")}
        role={isClean ? "status" : "alert"}
      >
        <List size="sm" spacing={2}>
          <List.Item>{t("incidentExchange.result.inserted", { count: result.inserted })}</List.Item>
          <List.Item>{t("incidentExchange.result.duplicates", { count: result.duplicates })}</List.Item>
          <List.Item>{t("incidentExchange.result.rejected", { count: result.rejected })}</List.Item>
          {(result.timeZones ?? []).map((use) => (
            <List.Item key={`${use.timeZone}-${use.source}`} data-testid="import-zone">
              {t("incidentExchange.result.zoneRows", {
                count: use.rows,
                zone: timeZoneLabel(use.timeZone, Date.now()),
                source: t(`incidentExchange.result.zoneSource.${use.source}`),
              })}
            </List.Item>
          ))}
        </List>
      </Alert>
      {!isClean && (
        <>
          <Text size="sm">{t("incidentExchange.result.errorsExplained")}</Text>
          <Table.ScrollContainer minWidth={isPhone ? 280 : 520} type="native">
            <Table striped withTableBorder fz="sm" aria-label={t("incidentExchange.result.errorsTable")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={70}>
                    {t("incidentExchange.import.row")}
                  </Table.Th>
                  {!isPhone && <Table.Th scope="col">{t("incidentExchange.result.column")}</Table.Th>}
                  <Table.Th scope="col">{t("incidentExchange.result.problem")}</Table.Th>
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
