import { SimpleGrid, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useIsPhone } from "../../app/viewport.ts";

export type TripField = { label: string; value: ReactNode; isWide?: boolean; isHidden?: boolean };

/**
 * Label/value pairs of a trip and its legs: two columns even on a phone (a leg's departure beside
 * its arrival), three on wider screens; a wide item (travellers, transport) takes a whole row on
 * a phone. The shared FieldList stacks everything in one column there, which made a leg a long scroll.
 */
export function TripFields({ items }: { items: TripField[] }) {
  const isPhone = useIsPhone();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="md" verticalSpacing="sm" component="dl" m={0}>
      {items
        .filter((item) => !item.isHidden)
        .map((item) => (
          <Stack key={item.label} gap={2} style={item.isWide && isPhone ? { gridColumn: "1 / -1" } : undefined}>
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
