import { AppShell, Avatar, Burger, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconAlertTriangle,
  IconBolt,
  IconBuilding,
  IconChartBar,
  IconFileCertificate,
  IconFileImport,
  IconFileReport,
  IconList,
  IconCertificate,
  IconLayoutDashboard,
  IconListCheck,
  IconLogout,
  IconMap2,
  IconMapPin,
  IconShieldHeart,
  IconUserCircle,
  IconUserCog,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
  IconShieldCheck,
  IconClipboardList,
  IconChecklist,
  IconWorld,
  IconTargetArrow,
  IconGauge,
  IconGridDots,
  IconBellRinging,
  IconHomeShield,
  IconId,
  IconPlane,
  IconPlaneTilt,
  IconPlaneDeparture,
  IconClipboardCheck,
  IconSchool,
} from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useLocation, useNavigate } from "@tanstack/react-router";
import { type ComponentType, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { logout, reconcileLanguage, useMe } from "../session.ts";
import { NotificationBell } from "../../modules/notifications/notification-bell.component.tsx";
import { LanguageSwitcher } from "./language-switcher.component.tsx";
import { VigilLogo } from "./vigil-logo.component.tsx";

type NavIcon = ComponentType<{ size?: number; stroke?: number; "aria-hidden"?: boolean }>;

type NavItem = {
  to: string;
  labelKey: string;
  icon: NavIcon;
  /** Shown only when the caller holds this permission (or one of these) somewhere. */
  permission?: string | readonly string[];
  /** Shown to everyone with a person record too, whatever their permissions (their own trips). */
  isForEveryPerson?: boolean;
  /**
   * A task rather than a view of the module: alone in its group it keeps its own name, since the
   * group's name would promise pages the user cannot open (staff's "Quick report" is not "Incidents").
   */
  isTask?: boolean;
};

/** A module's pages under one heading; open unless the user closes it, and opened again on entering `base`. */
type NavGroup = { group: string; labelKey: string; icon: NavIcon; base: string; items: NavItem[] };

const isGroup = (entry: NavItem | NavGroup): entry is NavGroup => "group" in entry;

const navItems: (NavItem | NavGroup)[] = [
  { to: "/", labelKey: "nav.dashboard", icon: IconLayoutDashboard },
  { to: "/organisations", labelKey: "nav.organisations", icon: IconBuilding, permission: "organisation.read" },
  { to: "/places", labelKey: "nav.places", icon: IconMap2, permission: "place.read" },
  { to: "/appointments", labelKey: "nav.appointments", icon: IconCertificate, permission: "appointment.read" },
  { to: "/meetings", labelKey: "nav.meetings", icon: IconUsersGroup, permission: "meeting.read" },
  { to: "/personnel", labelKey: "nav.personnel", icon: IconUsers, permission: "personnel.read" },
  { to: "/training/certificates/import", labelKey: "nav.certificateImport", icon: IconFileCertificate, permission: "training.certificate.write" },
  {
    group: "incidents",
    labelKey: "incidents.nav",
    icon: IconAlertTriangle,
    base: "/incidents",
    items: [
      { to: "/incidents", labelKey: "incidents.navGroup.list", icon: IconList, permission: "incident.read" },
      { to: "/incidents/quick", labelKey: "incidents.navGroup.quick", icon: IconBolt, permission: "incident.create", isTask: true },
      { to: "/incidents/dashboard", labelKey: "incidentAnalysis.nav.dashboard", icon: IconChartBar, permission: "incident.analyse" },
      { to: "/incidents/map", labelKey: "incidentAnalysis.nav.map", icon: IconMapPin, permission: "incident.analyse" },
      { to: "/incidents/reports", labelKey: "incidentAnalysis.nav.reports", icon: IconFileReport, permission: "incident.analyse" },
      { to: "/incidents/import", labelKey: "incidents.navGroup.import", icon: IconFileImport, permission: "incident.import" },
    ],
  },
  {
    group: "risk",
    labelKey: "riskNav.group",
    icon: IconShieldCheck,
    base: "/risk",
    items: [
      { to: "/risk/assessments", labelKey: "riskNav.assessments", icon: IconClipboardList, permission: "srm.read" },
      { to: "/risk/measures", labelKey: "riskNav.measures", icon: IconChecklist, permission: "measure.read" },
      { to: "/risk/measures/compare", labelKey: "riskNav.compare", icon: IconWorld, permission: "measure.compare" },
      { to: "/risk/programmes", labelKey: "riskNav.programmes", icon: IconTargetArrow, permission: "programme.read" },
      { to: "/risk/security-levels", labelKey: "riskNav.securityLevels", icon: IconGauge, permission: "security_level.read" },
    ],
  },
  // Readiness (issue 14): every signed-in user answers the check-ins sent to them; the area's staff
  // send them and follow the tally; warden zones for the area's leaders, security, organisations and wardens.
  {
    group: "readiness",
    labelKey: "nav.readiness",
    icon: IconBellRinging,
    base: "/readiness",
    items: [
      { to: "/readiness/checkins", labelKey: "nav.checkins", icon: IconBellRinging, permission: ["readiness.checkin.read", "readiness.checkin.send"], isForEveryPerson: true },
      { to: "/readiness/zones", labelKey: "nav.wardenZones", icon: IconHomeShield, permission: "readiness.zone.read" },
    ],
  },
  // Travel (issue 13 §3): everyone with a person record files and follows their trips; reviewers decide legs.
  {
    group: "travel",
    labelKey: "nav.travel",
    icon: IconPlane,
    base: "/travel",
    items: [
      { to: "/travel", labelKey: "nav.myTrips", icon: IconPlaneDeparture, permission: "travel.request.read", isForEveryPerson: true },
      // Every person's own certificates (issue 13 §1); no permission opens it to an account without a person record.
      { to: "/travel/certificates", labelKey: "nav.myCertificates", icon: IconSchool, permission: [], isForEveryPerson: true },
      // Every person's own travel profile and their dependants' (issue 13 §2): need-to-know, no permission needed for one's own.
      { to: "/travel/profile", labelKey: "nav.myTravelProfile", icon: IconId, permission: [], isForEveryPerson: true },
      { to: "/travel/queue", labelKey: "nav.clearanceQueue", icon: IconClipboardCheck, permission: ["travel.clearance.review", "travel.clearance.approve_high"] },
      // Who is in an area now (issue 13 §4): counts for the area's leaders, security and organisations, and the global analyst.
      { to: "/travel/headcount", labelKey: "nav.headcount", icon: IconUsersGroup, permission: "travel.headcount.read" },
      { to: "/travel/air/operators", labelKey: "nav.airOperators", icon: IconPlaneTilt, permission: "air.operators.read" },
      { to: "/travel/air/rmts", labelKey: "nav.airRmts", icon: IconFileCertificate, permission: "air.rmt.read" },
    ],
  },
  // The confidential register: P/C/SA and CSFP only; nobody else learns it is there.
  { to: "/victims", labelKey: "nav.victims", icon: IconShieldHeart, permission: "victim.read" },
  { to: "/responsibilities", labelKey: "nav.responsibilities", icon: IconListCheck },
  { to: "/accounts", labelKey: "nav.accounts", icon: IconUserCog, permission: "user.read" },
  { to: "/admin/webhooks", labelKey: "webhooks.nav", icon: IconWebhook, permission: "webhook.manage" },
  { to: "/admin/risk-matrices", labelKey: "riskNav.matrices", icon: IconGridDots, permission: "risk_matrix.manage" },
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

  const holds = (permission: string | readonly string[]) =>
    (typeof permission === "string" ? [permission] : permission).some((one) => me.permissions.includes(one));
  const isAllowed = (item: NavItem) => !item.permission || holds(item.permission) || (item.isForEveryPerson === true && me.personId !== null);
  // Every person with a record reaches it, whatever they may read of others' (README: staff see their own record).
  const ownRecord: NavItem[] = me.personId ? [{ to: `/personnel/${me.personId}`, labelKey: "nav.myRecord", icon: IconId }] : [];
  const [home, ...rest] = navItems;
  // Only the links the user may follow; a group down to one link is that link, under the group's name (a task under its own).
  const visibleItems = [home, ...ownRecord, ...rest].flatMap((entry): (NavItem | NavGroup)[] => {
    if (!isGroup(entry)) return isAllowed(entry) ? [entry] : [];
    const items = entry.items.filter(isAllowed);
    if (items.length <= 1) return items.map((item) => (item.isTask ? item : { ...item, labelKey: entry.labelKey, icon: entry.icon }));
    return [{ ...entry, items }];
  });
  const matches = (to: string) => (to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`));
  // Exactly one link is current, the most specific: /incidents/map lights "Incident map", not also the list at /incidents.
  const activeTo = visibleItems
    .flatMap((entry) => (isGroup(entry) ? entry.items : [entry]))
    .map((item) => item.to)
    .filter(matches)
    .sort((a, b) => b.length - a.length)[0];
  const isActive = (to: string) => to === activeTo;
  // Groups start open, so every page stays one click away; one the user closed opens again when they enter it.
  const [groupToggles, setGroupToggles] = useState<Record<string, boolean>>({});
  const insideGroup = visibleItems.find((entry): entry is NavGroup => isGroup(entry) && matches(entry.base))?.group;
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on entering or leaving a group, not on every render.
  useEffect(() => setGroupToggles({}), [insideGroup]);
  const isGroupOpen = (group: NavGroup) => groupToggles[group.group] ?? true;

  const renderLink = (item: NavItem) => (
    <NavLink
      key={item.to}
      component={Link}
      to={item.to}
      // The router would mark /incidents current on /incidents/map too (aria-current, which Mantine styles): `isActive` decides.
      activeOptions={{ exact: true, includeSearch: false }}
      label={t(item.labelKey)}
      leftSection={<item.icon size={18} stroke={1.6} aria-hidden />}
      active={isActive(item.to)}
      aria-current={isActive(item.to) ? "page" : undefined}
      onClick={close}
      variant="light"
    />
  );

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
            <NotificationBell />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                {/* The name starts with the initials shown, so a voice user can say what they see (WCAG 2.5.3). */}
                <UnstyledButton aria-label={`${initials(me.user.displayName)} · ${t("shell.userMenu", { name: me.user.displayName })}`}>
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
                {me.personId && (
                  <Menu.Item
                    component={Link}
                    to={`/personnel/${me.personId}`}
                    leftSection={<IconId size={16} aria-hidden />}
                  >
                    {t("nav.myRecord")}
                  </Menu.Item>
                )}
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
          {visibleItems.map((entry) => {
            if (!isGroup(entry)) return renderLink(entry);
            const isOpen = isGroupOpen(entry);
            return (
              <NavLink
                key={entry.group}
                component="button"
                type="button"
                label={t(entry.labelKey)}
                leftSection={<entry.icon size={18} stroke={1.6} aria-hidden />}
                opened={isOpen}
                onChange={(opened) => setGroupToggles((toggles) => ({ ...toggles, [entry.group]: opened }))}
                aria-expanded={isOpen}
                // Closed over the current page: the heading shows where the user is.
                active={!isOpen && entry.group === insideGroup}
                variant="light"
                childrenOffset={20}
              >
                {entry.items.map(renderLink)}
              </NavLink>
            );
          })}
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
