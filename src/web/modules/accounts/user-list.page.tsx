import { ActionIcon, Badge, Button, Group, Menu, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconDots,
  IconKey,
  IconPencil,
  IconPlayerPlay,
  IconPlayerStop,
  IconPlus,
  IconUserCog,
} from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { SearchInput } from "../../app/components/search-input.component.tsx";
import { useFormatters } from "../../app/format.ts";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useCan, useMe } from "../../app/session.ts";
import { type User, useUpdateUser, useUserList } from "./accounts.api.ts";
import { ResetPasswordModal, UserFormModal } from "./user-form.modal.tsx";

const routeApi = getRouteApi("/app/pages/accounts");

export function UserListPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan("user.create");
  const update = useUpdateUser();
  const [isCreating, creating] = useDisclosure(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const { page, update: updateSearch, goToPage } = useListSearch(search, navigate);
  const query = useUserList({ q: search.q, page, pageSize: defaultPageSize });

  function setActive(user: User, isActive: boolean) {
    const run = () =>
      update.mutate(
        { id: user.id, body: { isActive } },
        {
          onSuccess: () => notifySuccess(isActive ? t("accounts.reactivated") : t("accounts.deactivated")),
          onError: (error) => notifyError(error),
        },
      );
    if (isActive) return run();
    confirmAction({
      title: t("accounts.deactivateTitle"),
      message: t("accounts.deactivateMessage", { name: user.displayName, email: user.email }),
      confirmLabel: t("accounts.deactivate"),
      onConfirm: run,
    });
  }

  const isLocked = (user: User) => Boolean(user.lockedUntil && new Date(user.lockedUntil) > new Date());

  const columns: Column<User>[] = [
    {
      key: "name",
      header: t("fields.displayName"),
      isPrimary: true,
      render: (user) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed" className="vigil-break">
            {user.email}
          </Text>
        </Stack>
      ),
    },
    {
      key: "roles",
      header: t("fields.systemRoles"),
      render: (user) =>
        user.systemRoles.length === 0 ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Group gap={4}>
            {user.systemRoles.map((role) => (
              <Badge key={role} size="sm" variant="light" color={role === "system_admin" ? "red" : "blue"}>
                {t(`systemRoles.${role}`)}
              </Badge>
            ))}
          </Group>
        ),
    },
    {
      key: "person",
      header: t("accounts.linkedPerson"),
      render: (user) =>
        user.personId ? (
          <AnchorLink to="/personnel/$personId" params={{ personId: user.personId }} size="sm">
            {user.personName}
          </AnchorLink>
        ) : (
          "—"
        ),
    },
    {
      key: "status",
      header: t("fields.status"),
      render: (user) => (
        <Group gap={4}>
          <Badge size="sm" color={user.isActive ? "green" : "gray"} variant="light">
            {user.isActive ? t("accounts.active") : t("accounts.inactive")}
          </Badge>
          {isLocked(user) && (
            <Badge size="sm" color="orange" variant="light" title={format.dateTime(user.lockedUntil)}>
              {t("accounts.locked")}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: "created",
      header: t("fields.createdAt"),
      isHiddenOnCards: true,
      render: (user) => format.date(user.createdAt),
    },
  ];

  return (
    <>
      <PageHeader
        title={t("accounts.title")}
        description={t("accounts.description")}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creating.open}>
              {t("accounts.create")}
            </Button>
          )
        }
      />
      <Group mb="sm">
        <div style={{ flex: "1 1 260px", maxWidth: 420 }}>
          <SearchInput
            label={t("common.search")}
            placeholder={t("accounts.searchPlaceholder")}
            value={search.q}
            onChange={(q) => updateSearch({ q })}
          />
        </div>
      </Group>
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("accounts.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(user) => user.id}
          minWidth={720}
          empty={
            <Empty icon={<IconUserCog aria-hidden />} title={search.q ? t("common.noMatches") : t("accounts.empty")} />
          }
          rowActions={(user) =>
            user.actions.includes("update") && (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon variant="subtle" aria-label={t("accounts.actionsFor", { name: user.displayName })}>
                    <IconDots size={18} aria-hidden />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(user)}>
                    {t("common.edit")}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => setResetting(user)}>
                    {t("accounts.resetPassword")}
                  </Menu.Item>
                  {user.isActive ? (
                    <Menu.Item
                      color="red"
                      disabled={user.id === me.user.id}
                      leftSection={<IconPlayerStop size={16} aria-hidden />}
                      onClick={() => setActive(user, false)}
                    >
                      {t("accounts.deactivate")}
                    </Menu.Item>
                  ) : (
                    <Menu.Item
                      leftSection={<IconPlayerPlay size={16} aria-hidden />}
                      onClick={() => setActive(user, true)}
                    >
                      {t("accounts.reactivate")}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            )
          }
        />
      </ListResults>
      <UserFormModal opened={isCreating} onClose={creating.close} />
      <UserFormModal opened={editing !== null} onClose={() => setEditing(null)} user={editing ?? undefined} />
      <ResetPasswordModal opened={resetting !== null} onClose={() => setResetting(null)} user={resetting} />
    </>
  );
}
