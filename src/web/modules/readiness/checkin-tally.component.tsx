import { Badge, Card, Group, Progress, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Counts, Tally } from "./checkins.api.ts";

/** The live tally (issue 14 §4): the figures at a glance, then by zone and organisation; updated as answers arrive. */
export function CheckinTally({ tally }: { tally: Tally }) {
  const { t } = useTranslation();
  const { totals } = tally;
  const share = (value: number) => (totals.recipients ? (100 * value) / totals.recipients : 0);
  const figures: { key: string; label: string; value: number; color: string }[] = [
    { key: "replied", label: t("checkins.replied"), value: totals.replied, color: "blue" },
    { key: "safe", label: t("checkins.answers.safe"), value: totals.safe, color: "teal" },
    { key: "need_help", label: t("checkins.answers.need_help"), value: totals.need_help, color: "red" },
    { key: "not_in_area", label: t("checkins.answers.not_in_area"), value: totals.not_in_area, color: "gray" },
    { key: "noReply", label: t("checkins.noReply"), value: totals.noReply, color: "orange" },
  ];
  return (
    <Card withBorder padding="md" radius="md" aria-label={t("checkins.tally")}>
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h4">
          {t("checkins.tally")}
        </Title>
        <Badge variant="dot" color="teal">
          {t("checkins.live")}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {totals.replied} / {totals.recipients} · {t("checkins.people", { count: totals.people })}
      </Text>
      <Progress.Root size="lg" mt="xs" aria-hidden>
        <Progress.Section value={share(totals.safe)} color="teal" />
        <Progress.Section value={share(totals.need_help)} color="red" />
        <Progress.Section value={share(totals.not_in_area)} color="gray" />
      </Progress.Root>
      <SimpleGrid cols={{ base: 2, sm: 5 }} mt="md">
        {figures.map((figure) => (
          <div key={figure.key} data-figure={figure.key}>
            <Text size="xl" fw={700} c={`${figure.color}.8`}>
              {figure.value}
            </Text>
            <Text size="sm">{figure.label}</Text>
          </div>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} mt="md">
        <Breakdown caption={t("checkins.byZone")} rows={tally.byZone.map((row) => ({ key: row.zoneId ?? "none", name: row.name ?? t("checkins.noZone"), counts: row }))} />
        <Breakdown caption={t("checkins.byOrganisation")} rows={tally.byOrganisation.map((row) => ({ key: row.organisationId, name: row.code, counts: row }))} />
      </SimpleGrid>
      <Text size="sm" c="dimmed" mt="sm">
        {t("checkins.byChannelLine", {
          list: Object.entries(tally.byChannel)
            .map(([channel, count]) => `${t(`checkins.channels.${channel}`)} ${count}`)
            .join(" · "),
        })}
      </Text>
    </Card>
  );
}

function Breakdown({ caption, rows }: { caption: string; rows: { key: string; name: string; counts: Counts }[] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table striped withTableBorder fz="sm">
        <Table.Caption style={{ captionSide: "top", textAlign: "left", fontWeight: 600 }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">{t("checkins.answers.safe")}</Table.Th>
            <Table.Th ta="right">{t("checkins.answers.need_help")}</Table.Th>
            <Table.Th ta="right">{t("checkins.noReply")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row" fw={500}>
                {row.name}
              </Table.Th>
              <Table.Td ta="right">{row.counts.safe}</Table.Td>
              <Table.Td ta="right" c={row.counts.need_help ? "red.8" : undefined} fw={row.counts.need_help ? 700 : undefined}>
                {row.counts.need_help}
              </Table.Td>
              <Table.Td ta="right">
                {row.counts.noReply} / {row.counts.recipients}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
