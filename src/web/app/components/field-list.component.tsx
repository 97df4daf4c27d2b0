import { SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";

export type FieldItem = { label: string; value: ReactNode; isHidden?: boolean };

/** Label/value pairs for detail pages: two columns on wide screens, one on phones. */
export function FieldList({ items, cols = 2 }: { items: FieldItem[]; cols?: number }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: cols }} spacing="md" verticalSpacing="sm" component="dl" m={0}>
      {items
        .filter((item) => !item.isHidden)
        .map((item) => (
          <Stack key={item.label} gap={2}>
            <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600} lts={0.3}>
              {item.label}
            </Text>
            <Text component="dd" size="sm" m={0} className="vigil-break">
              {item.value === null || item.value === undefined || item.value === "" ? "—" : item.value}
            </Text>
          </Stack>
        ))}
    </SimpleGrid>
  );
}
