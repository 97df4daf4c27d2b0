import { Alert, Text } from "@mantine/core";
import { IconHistory } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { Board, BoardItem } from "./srm-api.ts";

/**
 * The DO's acceptances of the version approved before (issue 12 §3.3): how many carry over
 * (activity and risk unchanged), and which activities need a new decision. On a draft or a
 * version in review they carry over at approval; on an approved version they already have.
 */
export function CarryOverSummary({ board }: { board: Board }) {
  const { t } = useTranslation();
  const carryOver = board.carryOver;
  if (!carryOver || carryOver.carriedOver.length + carryOver.needNewDecision.length === 0) return null;
  const needed = carryOver.needNewDecision;
  return (
    <Alert
      color={needed.length > 0 ? "orange" : "teal"}
      icon={<IconHistory aria-hidden />}
      title={t("srm.carryOver.title", { version: carryOver.fromVersion })}
      data-testid="carry-over-summary"
    >
      {carryOver.carriedOver.length > 0 && <Text size="sm">{t("srm.carryOver.carried", { count: carryOver.carriedOver.length })}</Text>}
      {needed.length > 0 && (
        <Text size="sm" fw={600}>
          {t("srm.carryOver.needed", { count: needed.length, version: carryOver.fromVersion, names: needed.map((item) => item.activityName).join(", ") })}
        </Text>
      )}
    </Alert>
  );
}

/** One activity's earlier decision, under its row of the board. */
export function PreviousDecisionLine({ item }: { item: BoardItem }) {
  const { t } = useTranslation();
  const previous = item.previousDecision;
  if (!previous) return null;
  const name = previous.acceptance.acceptedByName;
  // Already copied onto this version: the acceptance below says so.
  if (previous.carriesOver && item.acceptances.some((acceptance) => acceptance.carriedFromId)) return null;
  if (previous.carriesOver) {
    return (
      <Text size="sm" mt={6} c="teal.9">
        {t("srm.carryOver.itemCarries", { version: previous.version, name })}
      </Text>
    );
  }
  return (
    <Text size="sm" mt={6} fw={600} c="orange.9" data-testid="needs-new-decision">
      {t("srm.carryOver.itemNeeds", {
        version: previous.version,
        name,
        changes: previous.changes.map((change) => t(`srm.carryOver.changes.${change}`)).join("; "),
      })}
    </Text>
  );
}
