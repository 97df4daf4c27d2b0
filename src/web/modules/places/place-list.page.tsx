import { ActionIcon, Badge, Button, Card, Group, Skeleton, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconBuildingCommunity,
  IconChevronDown,
  IconChevronRight,
  IconMap2,
  IconMapPin,
  IconPlus,
  IconWorld,
} from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { AnchorLink } from "../../app/components/links.tsx";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { QueryError } from "../../app/components/query-error.component.tsx";
import { SearchInput } from "../../app/components/search-input.component.tsx";
import type { PlaceKind } from "../../app/domain.ts";
import { type PlaceTreeItem, useCountryNames, usePlaceTree } from "../../app/reference-data.ts";
import { useCan } from "../../app/session.ts";
import { ContinuityBadge } from "./continuity.component.tsx";
import { PlaceFormModal } from "./place-form.modal.tsx";
import { type ContinuityItem, useContinuity } from "./places.api.ts";

const routeApi = getRouteApi("/app/pages/places");

const kindIcons: Record<PlaceKind, typeof IconWorld> = {
  designated_area: IconWorld,
  security_area: IconMap2,
  duty_station: IconMapPin,
};

function normalise(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();
}

type Tree = { roots: PlaceTreeItem[]; childrenOf: Map<string, PlaceTreeItem[]> };

function buildTree(places: PlaceTreeItem[]): Tree {
  const ids = new Set(places.map((place) => place.id));
  const childrenOf = new Map<string, PlaceTreeItem[]>();
  const roots: PlaceTreeItem[] = [];
  const byName = (a: PlaceTreeItem, b: PlaceTreeItem) => a.name.localeCompare(b.name);
  for (const place of [...places].sort(byName)) {
    // A place whose parent is outside the caller's scope is shown at the top.
    if (place.parentId && ids.has(place.parentId)) {
      const siblings = childrenOf.get(place.parentId) ?? [];
      siblings.push(place);
      childrenOf.set(place.parentId, siblings);
    } else {
      roots.push(place);
    }
  }
  return { roots, childrenOf };
}

export function PlaceListPage() {
  const { t } = useTranslation();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const canCreate = useCan("place.create");
  const treeQuery = usePlaceTree();
  // Continuity badges come from appointments, which a desk officer may not read: then the tree goes without them.
  const continuityQuery = useContinuity(30, true, useCan("appointment.read"));
  const [isCreating, creating] = useDisclosure(false);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);

  const tree = useMemo(() => buildTree(treeQuery.places), [treeQuery.places]);
  const continuityById = useMemo(
    () => new Map((continuityQuery.data?.items ?? []).map((item) => [item.placeId, item])),
    [continuityQuery.data],
  );

  const matches = useMemo(() => {
    if (!search.q) return null;
    const needle = normalise(search.q);
    const visible = new Set<string>();
    for (const place of treeQuery.places) {
      if (!normalise(place.name).includes(needle)) continue;
      let current: PlaceTreeItem | undefined = place;
      while (current && !visible.has(current.id)) {
        visible.add(current.id);
        current = current.parentId ? treeQuery.byId.get(current.parentId) : undefined;
      }
    }
    return visible;
  }, [search.q, treeQuery.places, treeQuery.byId]);

  // Small trees open fully; large ones start folded so a phone is not handed hundreds of rows.
  const isOpen = (id: string) => (matches ? true : expanded ? expanded.has(id) : treeQuery.places.length <= 60);
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current ?? (treeQuery.places.length <= 60 ? treeQuery.places.map((place) => place.id) : []));
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const roots = tree.roots.filter((place) => !matches || matches.has(place.id));

  return (
    <>
      <PageHeader
        title={t("places.title")}
        description={t("places.description")}
        actions={
          canCreate && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={creating.open}>
              {t("places.create")}
            </Button>
          )
        }
      />
      <Group mb="sm" align="flex-end" justify="space-between" gap="xs">
        <div style={{ flex: "1 1 240px", maxWidth: 420 }}>
          <SearchInput
            label={t("places.searchLabel")}
            placeholder={t("places.searchPlaceholder")}
            value={search.q}
            onChange={(q) => void navigate({ search: { q }, replace: true })}
          />
        </div>
        {!matches && treeQuery.places.length > 0 && (
          <Group gap="xs">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setExpanded(new Set(treeQuery.places.map((place) => place.id)))}
            >
              {t("places.expandAll")}
            </Button>
            <Button variant="subtle" size="xs" onClick={() => setExpanded(new Set())}>
              {t("places.collapseAll")}
            </Button>
          </Group>
        )}
      </Group>
      {treeQuery.isError && <QueryError error={treeQuery.error} onRetry={() => void treeQuery.refetch()} />}
      {treeQuery.isPending ? (
        <Stack gap="xs">
          {[0, 1, 2, 3].map((index) => (
            <Skeleton key={index} height={44} />
          ))}
        </Stack>
      ) : roots.length === 0 ? (
        <Empty
          icon={<IconWorld aria-hidden />}
          title={search.q ? t("common.noMatches") : t("places.empty")}
          description={
            search.q ? t("common.noMatchesHint") : canCreate ? t("places.emptyHint") : t("places.emptyNoScope")
          }
        />
      ) : (
        <Card withBorder padding="xs">
          <PlaceBranch
            places={roots}
            depth={0}
            tree={tree}
            matches={matches}
            isOpen={isOpen}
            onToggle={toggle}
            continuityById={continuityById}
          />
        </Card>
      )}
      <PlaceFormModal
        opened={isCreating}
        onClose={creating.close}
        onSaved={(saved) => void navigate({ to: "/places/$placeId", params: { placeId: saved.id } })}
      />
    </>
  );
}

type BranchProps = {
  places: PlaceTreeItem[];
  depth: number;
  tree: Tree;
  matches: Set<string> | null;
  isOpen: (id: string) => boolean;
  onToggle: (id: string) => void;
  continuityById: Map<string, ContinuityItem>;
};

function PlaceBranch({ places, depth, tree, matches, isOpen, onToggle, continuityById }: BranchProps) {
  const { t } = useTranslation();
  const { nameOf } = useCountryNames();
  return (
    <ul style={{ listStyle: "none", margin: 0, paddingInlineStart: depth === 0 ? 0 : 18 }}>
      {places.map((place) => {
        const children = (tree.childrenOf.get(place.id) ?? []).filter((child) => !matches || matches.has(child.id));
        const open = isOpen(place.id);
        const Icon = kindIcons[place.kind];
        const continuity = continuityById.get(place.id);
        return (
          <li key={place.id}>
            <Group gap={6} wrap="nowrap" py={6} style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
              {children.length > 0 ? (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  onClick={() => onToggle(place.id)}
                  aria-expanded={open}
                  aria-label={
                    open ? t("places.collapse", { name: place.name }) : t("places.expand", { name: place.name })
                  }
                >
                  {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
                </ActionIcon>
              ) : (
                <span style={{ width: 22, flex: "0 0 22px" }} />
              )}
              <Icon size={18} stroke={1.6} aria-hidden style={{ flex: "0 0 auto" }} />
              <Group gap={6} wrap="wrap" style={{ minWidth: 0, flex: 1 }}>
                <AnchorLink
                  to="/places/$placeId"
                  params={{ placeId: place.id }}
                  fw={depth === 0 ? 600 : 500}
                  className="vigil-break"
                >
                  {place.name}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {t(`placeKinds.${place.kind}`)}
                  {place.kind === "designated_area" && place.countryCode ? ` · ${nameOf(place.countryCode)}` : ""}
                </Text>
                {continuity && (
                  <ContinuityBadge isCoveredToday={continuity.isCoveredToday} gapCount={continuity.gaps.length} />
                )}
                {children.length > 0 && !open && (
                  <Badge
                    size="xs"
                    variant="outline"
                    color="gray"
                    leftSection={<IconBuildingCommunity size={10} aria-hidden />}
                  >
                    {children.length}
                  </Badge>
                )}
              </Group>
            </Group>
            {children.length > 0 && open && (
              <PlaceBranch
                places={children}
                depth={depth + 1}
                tree={tree}
                matches={matches}
                isOpen={isOpen}
                onToggle={onToggle}
                continuityById={continuityById}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
