import { Badge, Box, Group, Stack, Text, Title } from "@mantine/core";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { type RegisterItem, type RegisterSection, localiseItem } from "./responsibilities.api.ts";

/** One responsibility as a person page receives it (flat, with its French translation). */
export type FlatResponsibility = {
  section: string;
  actor: string;
  actorFr?: string | null;
  heading: string | null;
  headingFr?: string | null;
  number: number | string;
  text: string;
  textFr?: string | null;
};

/** Groups the flat list a person page receives into the register's sections, in the reader's language. */
export function toSections(flat: FlatResponsibility[], language = "en"): RegisterSection[] {
  const sections: RegisterSection[] = [];
  for (const item of flat.map((entry) => localiseItem(entry, language))) {
    let section = sections.find((candidate) => candidate.section === item.section && candidate.actor === item.actor);
    if (!section) {
      section = { section: item.section, actor: item.actor, roleKey: null, items: [] };
      sections.push(section);
    }
    section.items.push({ number: item.number, heading: item.heading, text: item.text });
  }
  return sections;
}

function ItemList({ items }: { items: RegisterItem[] }) {
  return (
    <Stack gap={6} component="ol" style={{ listStyle: "none", padding: 0, margin: 0 }}>
      {items.map((item, index) => {
        const showHeading = item.heading && item.heading !== items[index - 1]?.heading;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: register items are static text and never reorder.
          <Fragment key={`${item.number}-${index}`}>
            {showHeading && (
              <Text component="li" fw={600} size="sm" mt={index === 0 ? 0 : "xs"} aria-hidden={false}>
                {item.heading}
              </Text>
            )}
            <Group component="li" gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="light" color="gray" radius="sm" style={{ flex: "0 0 auto" }} miw={40}>
                {item.number}
              </Badge>
              <Text size="sm" style={{ minWidth: 0 }} className="vigil-break">
                {item.text}
              </Text>
            </Group>
          </Fragment>
        );
      })}
    </Stack>
  );
}

/** Sections are lettered in the Framework of Accountability annex ("A", "B"…): show the letter with the actor. */
function sectionTitle(section: RegisterSection): string {
  if (!section.actor || section.actor === section.section) return section.section;
  return section.section.length <= 3 ? `${section.section}. ${section.actor}` : section.section;
}

export function RegisterSectionView({
  section,
  headingOrder = 3,
}: {
  section: RegisterSection;
  headingOrder?: 2 | 3 | 4;
}) {
  const title = sectionTitle(section);
  return (
    <Box component="section">
      <Title order={headingOrder} size="h5" mb="xs">
        {title}
      </Title>
      {section.section.length > 3 && section.actor && section.actor !== section.section && (
        <Text size="xs" c="dimmed" mb="xs">
          {section.actor}
        </Text>
      )}
      <ItemList items={section.items} />
    </Box>
  );
}

export function ResponsibilityList({ items }: { items: FlatResponsibility[] }) {
  const { i18n } = useTranslation();
  return (
    <Stack gap="md">
      {toSections(items, i18n.language).map((section) => (
        <RegisterSectionView key={`${section.section}-${section.actor}`} section={section} />
      ))}
    </Stack>
  );
}
