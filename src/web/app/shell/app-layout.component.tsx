import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconBuilding,
  IconCertificate,
  IconLayoutDashboard,
  IconListCheck,
  IconLogout,
  IconMap2,
  IconUserCircle,
  IconUserCog,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useLocation, useNavigate } from "@tanstack/react-router";
import { type ComponentType, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { logout, reconcileLanguage, useMe } from "../session.ts";
import { LanguageSwitcher } from "./language-switcher.component.tsx";
import { VigilLogo } from "./vigil-logo.component.tsx";

type NavItem = {
  to: string;
  labelKey: string;
  icon: ComponentType<{ size?: number; stroke?: number; "aria-hidden"?: boolean }>;
  /** Shown only when the caller holds this permission somewhere. */
  permission?: string;
};

const navItems: NavItem[] = [
  { to: "/", labelKey: "nav.dashboard", icon: IconLayoutDashboard },
  { to: "/organisations", labelKey: "nav.organisations", icon: IconBuilding, permission: "organisation.read" },
  { to: "/places", labelKey: "nav.places", icon: IconMap2, permission: "place.read" },
  { to: "/appointments", labelKey: "nav.appointments", icon: IconCertificate, permission: "appointment.read" },
  { to: "/meetings", labelKey: "nav.meetings", icon: IconUsersGroup, permission: "meeting.read" },
  { to: "/personnel", labelKey: "nav.personnel", icon: IconUsers, permission: "personnel.read" },
  { to: "/responsibilities", labelKey: "nav.responsibilities", icon: IconListCheck },
  { to: "/accounts", labelKey: "nav.accounts", icon: IconUserCog, permission: "user.read" },
];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const [isNavOpen, { toggle, close }] = useDisclosure(false);
  const pathname = useLocation({ select: (location) => location.pathname });
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // biome-ignore lint/correctness/useExhaustiveDependencies: once per signed-in user, not on every session refetch.
  useEffect(() => {
    void reconcileLanguage(me);
  }, [me.user.id]);

  const visibleItems = navItems.filter((item) => !item.permission || me.permissions.includes(item.permission));
  const isActive = (to: string) => (to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`));

  async function signOut() {
    await logout().catch(() => undefined);
    // Leave the signed-in pages first, so nothing refetches the closed session.
    await navigate({ to: "/login", search: { redirect: undefined } });
    queryClient.clear();
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 264, breakpoint: "sm", collapsed: { mobile: !isNavOpen } }}
      padding={{ base: "xs", sm: "md" }}
    >
      <a className="vigil-skip-link" href="#main-content">
        {t("shell.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="sm" gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap">
            <Burger
              opened={isNavOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={isNavOpen ? t("shell.closeNavigation") : t("shell.openNavigation")}
              aria-expanded={isNavOpen}
              aria-controls="vigil-navbar"
            />
            <UnstyledButton component={Link} to="/" aria-label={t("shell.home")} className="vigil-brand">
              <VigilLogo />
              <Text fw={700} size="lg" visibleFrom="xs">
                Vigil
              </Text>
            </UnstyledButton>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitcher isSignedIn />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t("shell.userMenu", { name: me.user.displayName })}>
                  <Avatar color="vigil" radius="xl" size="md">
                    {initials(me.user.displayName)}
                  </Avatar>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>
                  <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate maw={220}>
                    {me.user.displayName}
                  </Text>
                  <Text size="xs" truncate maw={220}>
                    {me.user.email}
                  </Text>
                </Menu.Label>
                <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} aria-hidden />}>
                  {t("shell.myAccount")}
                </Menu.Item>
                <Menu.Item onClick={() => void signOut()} leftSection={<IconLogout size={16} aria-hidden />}>
                  {t("shell.signOut")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="vigil-navbar" p="xs" aria-label={t("shell.mainNavigation")} component="nav">
        <AppShell.Section grow component={ScrollArea}>
          {visibleItems.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={t(item.labelKey)}
              leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
              active={isActive(item.to)}
              aria-current={isActive(item.to) ? "page" : undefined}
              onClick={close}
              variant="light"
            />
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" py="xs">
            {t("shell.tagline")}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id="main-content" tabIndex={-1} className="vigil-main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
