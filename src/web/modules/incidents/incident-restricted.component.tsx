import { Alert, Badge, Card, List, Stack, Text, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { FieldList } from "../../app/components/field-list.component.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { statusColors, useTaxonomyText } from "./incident-labels.ts";
import { type RestrictedIncident, useTaxonomy } from "./incidents.api.ts";

/**
 * The incident page for someone a flash alert reached who is not on the need-to-know list: what
 * the alert told them and whom to contact (issue 11, item 17). The server sends nothing more.
 */
export function RestrictedIncidentView({ incident }: { incident: RestrictedIncident }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const taxonomy = useTaxonomy();
  const text = useTaxonomyText(taxonomy.data);
  const category = text.category(incident.categoryCode);
  const when = `${incident.occurredAtLocal.slice(0, 16)} (${incident.timeZone})`;
  const hasPcsa = incident.holders.some((holder) => holder.role === "pcsa");

  return (
    <Stack gap="md">
      <PageHeader
        title={text.categoryLabel(incident.categoryCode)}
        description={`${when} · ${incident.placeName}`}
        breadcrumbs={[{ label: t("incidents.title"), to: "/incidents" }]}
        badges={
          <>
            <Badge variant="light" color={statusColors[incident.status]} tt="none">
              {t(`incidents.statuses.${incident.status}`)}
            </Badge>
            <Badge variant="light" color="grape" tt="none" leftSection={<IconLock size={12} aria-hidden />}>
              {t("incidents.restricted.badge")}
            </Badge>
          </>
        }
      />
      <Alert color="grape" icon={<IconLock aria-hidden />} title={t("incidents.restricted.title")} role="note">
        {t("incidents.restricted.notice")}
      </Alert>
      <Card withBorder>
        <FieldList
          cols={3}
          items={[
            { label: t("incidents.fields.occurredAt"), value: when },
            { label: t("incidents.fields.occurredAtUtc"), value: format.dateTime(incident.occurredAt) },
            { label: t("incidents.fields.place"), value: incident.placeName },
            { label: t("incidents.fields.category"), value: category ? `${text.groupLabel(category.group)} › ${text.categoryLabel(incident.categoryCode)}` : incident.categoryCode },
            { label: t("incidents.fields.affectsUn"), value: t(`incidents.softSwitch.${incident.affectsUn}`) },
            { label: t("incidents.fields.submittedAt"), value: incident.submittedAt ? format.dateTime(incident.submittedAt) : null },
          ]}
        />
      </Card>
      <Card withBorder component="section" aria-labelledby="restricted-people">
        <Title order={2} size="h4" mb="sm" id="restricted-people">
          {t("incidents.restricted.people")}
        </Title>
        {incident.peopleByOutcome.length ? (
          <List size="sm">
            {incident.peopleByOutcome.map((line) => (
              <List.Item key={line.outcome}>{t("incidents.outcomeCount", { outcome: t(`incidents.outcomes.${line.outcome}`), number: line.count })}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm">{t("incidents.restricted.noPeople")}</Text>
        )}
      </Card>
      <Card withBorder component="section" aria-labelledby="restricted-holders">
        <Title order={2} size="h4" mb="sm" id="restricted-holders">
          {t("incidents.restricted.holders")}
        </Title>
        <List size="sm">
          {incident.holders.map((holder) => (
            <List.Item key={`${holder.role}:${holder.name}`}>
              <Text span fw={600} size="sm">
                {holder.name}
              </Text>{" "}
              — {t(`incidents.restricted.holderRoles.${holder.role}`)}
            </List.Item>
          ))}
        </List>
        {!hasPcsa && (
          <Text size="sm" mt="xs" c="dimmed">
            {t("incidents.restricted.noHolder")}
          </Text>
        )}
      </Card>
    </Stack>
  );
}
