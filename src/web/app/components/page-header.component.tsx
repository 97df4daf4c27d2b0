import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from "@mantine/core";
import { Link } from "@tanstack/react-router";
import { type ReactNode, useEffect } from "react";

export type Crumb = { label: string; to?: string; params?: Record<string, string> };

type PageHeaderProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Buttons on the right; they wrap under the title on narrow screens. */
  actions?: ReactNode;
  breadcrumbs?: Crumb[];
  badges?: ReactNode;
  /**
   * The browser tab's title, when it must differ from the page's: a tab title stays in the
   * browser's history, so a victim's name is not put there.
   */
  documentTitle?: string;
};

const appName = "Vigil";

/** Names the browser tab after the page, so users with several tabs open (and screen readers) can tell them apart. */
function useDocumentTitle(title: string | undefined) {
  useEffect(() => {
    if (!title) return;
    document.title = `${title} · ${appName}`;
    return () => {
      document.title = appName;
    };
  }, [title]);
}

export function PageHeader({ title, description, actions, breadcrumbs, badges, documentTitle }: PageHeaderProps) {
  useDocumentTitle(documentTitle ?? (typeof title === "string" ? title : undefined));
  return (
    <Stack gap={6} mb="md">
      {breadcrumbs && breadcrumbs.length > 0 && (
        <Breadcrumbs separatorMargin={4} styles={{ root: { flexWrap: "wrap" } }}>
          {breadcrumbs.map((crumb) =>
            crumb.to ? (
              <Anchor
                key={crumb.label + crumb.to}
                component={Link}
                to={crumb.to}
                params={crumb.params as never}
                size="sm"
              >
                {crumb.label}
              </Anchor>
            ) : (
              <Text key={crumb.label} size="sm" c="dimmed">
                {crumb.label}
              </Text>
            ),
          )}
        </Breadcrumbs>
      )}
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 240px" }}>
          <Group gap="xs" wrap="wrap">
            <Title order={1} size="h2" className="vigil-break">
              {title}
            </Title>
            {badges}
          </Group>
          {description && (
            <Text c="dimmed" size="sm">
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="wrap">
            {actions}
          </Group>
        )}
      </Group>
    </Stack>
  );
}
