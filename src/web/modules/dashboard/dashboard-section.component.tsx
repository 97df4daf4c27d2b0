import { Card, Group, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** A titled card of the dashboard; cards in one row share the tallest one's height. */
export function DashboardSection({
  id,
  title,
  children,
  action,
}: {
  id: string;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Card withBorder component="section" aria-labelledby={id} h="100%">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}
