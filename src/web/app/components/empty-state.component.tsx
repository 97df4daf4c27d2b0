import { EmptyState, Text } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import type { ReactNode } from "react";

type EmptyProps = {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  /** A single dimmed line, for empty sections inside a detail page. */
  isCompact?: boolean;
};

export function Empty({ title, description, action, icon, isCompact }: EmptyProps) {
  if (isCompact) {
    return (
      <Text size="sm" c="dimmed">
        {title}
      </Text>
    );
  }
  return (
    <EmptyState
      py="xl"
      size="sm"
      title={title}
      description={description}
      icon={icon ?? <IconInbox aria-hidden />}
      withIndicatorBackground
    >
      {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
    </EmptyState>
  );
}
