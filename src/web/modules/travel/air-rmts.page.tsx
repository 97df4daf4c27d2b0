import { Badge, Button, Group, Select, Stack, Text, Textarea } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconFileCertificate, IconPlus } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../app/api.ts";
import { type Column, DataTable } from "../../app/components/data-table.component.tsx";
import { Empty } from "../../app/components/empty-state.component.tsx";
import { FormModal } from "../../app/components/form-modal.component.tsx";
import { ListResults } from "../../app/components/list-results.component.tsx";
import { notifySuccess } from "../../app/components/notify.ts";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { defaultPageSize, useListSearch } from "../../app/search-params.ts";
import { useMe } from "../../app/session.ts";
import { RmtFormModal } from "./air-rmt-form.modal.tsx";
import { type Rmt, useAirMutations, useRmts } from "./air.api.ts";

const routeApi = getRouteApi("/app/pages/travel/air/rmts");
const statuses = ["submitted", "approved", "rejected"] as const;
const statusColours: Record<Rmt["status"], string> = { submitted: "blue", approved: "green", rejected: "red", withdrawn: "gray" };

/** Approving or rejecting one RMT; a rejection says why. */
function DecisionModal({ rmt, onClose }: { rmt: Rmt | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { decideRmt } = useAirMutations();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setNote("");
    setError(null);
    onClose();
  };
  const decide = (decision: "approve" | "reject") => {
    if (decision === "reject" && !note.trim()) return setError(t("airTravel.rmts.noteRequired"));
    decideRmt.mutate(
      { id: rmt?.id as string, decision, note: note.trim() || null },
      {
        onSuccess: () => {
          notifySuccess(t(decision === "approve" ? "airTravel.rmts.approved" : "airTravel.rmts.rejected"));
          close();
        },
        onError: (failure) => setError(isApiError(failure) ? failure.message : String(failure)),
      },
    );
  };
  return (
    <FormModal opened={rmt !== null} onClose={close} title={t("airTravel.rmts.decide")} size="md">
      <Stack gap="sm">
        {rmt?.approver === "usg_undss" && <Text size="sm">{t("airTravel.rmts.usgHint")}</Text>}
        <Textarea label={t("airTravel.fields.note")} description={t("airTravel.rmts.noteHint")} autosize minRows={2} maxLength={1000} value={note} error={error} onChange={(event) => setNote(event.currentTarget.value)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t("common.cancel")}
          </Button>
          <Button color="red" variant="light" loading={decideRmt.isPending} onClick={() => decide("reject")}>
            {t("airTravel.rmts.reject")}
          </Button>
          <Button color="green" loading={decideRmt.isPending} disabled={rmt?.approver === null} onClick={() => decide("approve")}>
            {t("airTravel.rmts.approve")}
          </Button>
        </Group>
      </Stack>
    </FormModal>
  );
}

/** Risk Management Tool assessments (issue 13 §5): the caller's areas' and organisation's, filed and decided here. */
export function AirRmtsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language.startsWith("fr") ? "fr" : "en";
  const me = useMe();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const { page, goToPage } = useListSearch(search, navigate);
  const query = useRmts({ status: search.status, page, pageSize: defaultPageSize });
  const [isFiling, filing] = useDisclosure(false);
  const [deciding, setDeciding] = useState<Rmt | null>(null);
  const canFile = me.permissions.includes("air.rmt.file");

  const columns: Column<Rmt>[] = [
    {
      key: "route",
      header: t("airTravel.rmts.route"),
      isPrimary: true,
      render: (item) => (
        <Stack gap={0}>
          <Text fw={600} size="sm" className="vigil-break">{`${item.fromName} ↔ ${item.toName}`}</Text>
          <Text size="xs" c="dimmed">{`${item.operatorName} · ${item.organisationCode}`}</Text>
        </Stack>
      ),
    },
    {
      key: "level",
      header: t("airTravel.rmts.level"),
      render: (item) => (
        <Stack gap={2}>
          <Text size="sm">{`${item.levelLabel[language]} (${item.likelihood} × ${item.impact})`}</Text>
          <Text size="xs" c="dimmed">
            {t(item.approver ? `airTravel.approver.${item.approver === "aviation" ? "usg_undss" : item.approver}` : "airTravel.approver.none")}
          </Text>
        </Stack>
      ),
    },
    { key: "validity", header: t("airTravel.rmts.validity"), render: (item) => `${item.validFrom} – ${item.validUntil}` },
    {
      key: "status",
      header: t("airTravel.rmts.status"),
      render: (item) => (
        <Stack gap={2}>
          <Badge variant="light" color={statusColours[item.status]} style={{ alignSelf: "flex-start" }}>
            {t(`airTravel.status.${item.status}`)}
          </Badge>
          {item.decisionNote && (
            <Text size="xs" c="dimmed" className="vigil-break">
              {item.decisionNote}
            </Text>
          )}
        </Stack>
      ),
    },
    { key: "justification", header: t("airTravel.fields.justification"), render: (item) => <span className="vigil-break">{item.justification}</span>, isHiddenOnCards: true },
  ];

  return (
    <>
      <PageHeader
        title={t("airTravel.rmts.title")}
        description={t("airTravel.rmts.description")}
        actions={
          canFile ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={filing.open}>
              {t("airTravel.rmts.file")}
            </Button>
          ) : undefined
        }
      />
      <Select
        label={t("airTravel.rmts.status")}
        clearable
        maw={280}
        mb="sm"
        data={statuses.map((value) => ({ value, label: t(`airTravel.status.${value}`) }))}
        value={search.status ?? null}
        onChange={(value) => void navigate({ search: (previous) => ({ ...previous, status: (value ?? undefined) as typeof search.status, page: undefined }) })}
      />
      <ListResults query={query} page={page} onPageChange={goToPage}>
        <DataTable
          caption={t("airTravel.rmts.title")}
          columns={columns}
          items={query.data?.items}
          isLoading={query.isPending}
          getKey={(item) => item.id}
          minWidth={900}
          rowActions={(item) =>
            item.actions.includes("decide") ? (
              <Button size="xs" variant="light" onClick={() => setDeciding(item)}>
                {t("airTravel.rmts.decide")}
              </Button>
            ) : null
          }
          empty={<Empty icon={<IconFileCertificate aria-hidden />} title={t("airTravel.rmts.empty")} />}
        />
      </ListResults>
      <RmtFormModal opened={isFiling} onClose={filing.close} />
      <DecisionModal rmt={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
