import { Button, Menu } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconArrowBackUp,
  IconCopy,
  IconFileTypePdf,
  IconGitCompare,
  IconPencil,
  IconSend,
  IconSignature,
} from "@tabler/icons-react";
import { useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { confirmAction } from "../../app/components/confirm.tsx";
import { notifyError, notifySuccess } from "../../app/components/notify.ts";
import { DeleteButton } from "../../app/components/record-actions.component.tsx";
import { AssessmentApproveModal } from "./assessment-approve.modal.tsx";
import { AssessmentHeaderModal } from "./assessment-header-form.modal.tsx";
import { AssessmentReturnModal } from "./assessment-return.modal.tsx";
import { type Assessment, useDeleteAssessment, useWorkflow, type WorkflowStep } from "./srm-api.ts";

/** The buttons of an assessment's page, as its `actions` allow, plus compare and the PDF report. */
export function AssessmentActions({ assessment }: { assessment: Assessment }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [isEditing, editing] = useDisclosure(false);
  const [isApproving, approving] = useDisclosure(false);
  const [isReturning, returning] = useDisclosure(false);
  const workflow = useWorkflow(assessment.id);
  const remove = useDeleteAssessment();
  const can = (action: string) => assessment.actions.includes(action);
  const others = [...assessment.versions].filter((version) => version.id !== assessment.id).sort((a, b) => b.version - a.version);
  const language = i18n.language === "fr" ? "fr" : "en";

  function step(name: WorkflowStep, key: "submit" | "return" | "newVersion") {
    confirmAction({
      title: t(`srm.workflow.${key}Title`),
      message: t(`srm.workflow.${key}Message`, { version: assessment.version, next: assessment.version + 1 }),
      confirmLabel: t(`srm.workflow.${key}`),
      isDanger: false,
      onConfirm: () =>
        workflow.mutate(name, {
          onSuccess: (saved) => {
            notifySuccess(t(`srm.workflow.${key}Done`, { version: saved.version }));
            if (saved.id !== assessment.id) {
              void navigate({ to: "/risk/assessments/$assessmentId", params: { assessmentId: saved.id } });
            }
          },
          onError: (error) => notifyError(error),
        }),
    });
  }

  return (
    <>
      {can("update") && (
        <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={editing.open}>
          {t("common.edit")}
        </Button>
      )}
      {can("submit") && (
        <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => step("submit", "submit")} loading={workflow.isPending}>
          {t("srm.workflow.submit")}
        </Button>
      )}
      {can("return_to_draft") && (
        <Button
          variant="default"
          leftSection={<IconArrowBackUp size={16} aria-hidden />}
          onClick={() => step("return", "return")}
          loading={workflow.isPending}
        >
          {t("srm.workflow.return")}
        </Button>
      )}
      {can("approve") && (
        <Button color="green" leftSection={<IconSignature size={16} aria-hidden />} onClick={approving.open}>
          {t("srm.workflow.approve")}
        </Button>
      )}
      {can("return_for_revision") && (
        <Button variant="default" color="orange" leftSection={<IconArrowBackUp size={16} aria-hidden />} onClick={returning.open}>
          {t("srm.workflow.returnForRevision")}
        </Button>
      )}
      {can("new_version") && (
        <Button
          leftSection={<IconCopy size={16} aria-hidden />}
          onClick={() => step("versions", "newVersion")}
          loading={workflow.isPending}
        >
          {t("srm.workflow.newVersion")}
        </Button>
      )}
      {others.length > 0 && (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" leftSection={<IconGitCompare size={16} aria-hidden />}>
              {t("srm.compareWith")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {others.map((version) => (
              <Menu.Item
                key={version.id}
                onClick={() =>
                  void navigate({
                    to: "/risk/assessments/$assessmentId/compare",
                    params: { assessmentId: assessment.id },
                    search: { against: version.id },
                  })
                }
              >
                {t("srm.versionNumber", { version: version.version })} · {t(`srm.statuses.${version.status}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      <Button
        component="a"
        variant="default"
        href={`/api/srm-assessments/${assessment.id}/report.pdf?lang=${language}`}
        target="_blank"
        rel="noopener"
        leftSection={<IconFileTypePdf size={16} aria-hidden />}
      >
        {t("srm.report")}
      </Button>
      {can("delete") && (
        <DeleteButton
          id={assessment.id}
          mutation={remove}
          confirmTitle={t("srm.deleteTitle")}
          confirmMessage={t("srm.deleteMessage", { title: assessment.title, version: assessment.version })}
          deletedMessage={t("srm.deleted")}
          onDeleted={() => {
            const previous = others[0];
            if (previous) void navigate({ to: "/risk/assessments/$assessmentId", params: { assessmentId: previous.id } });
            else void navigate({ to: "/risk/assessments" });
          }}
        />
      )}
      <AssessmentHeaderModal opened={isEditing} onClose={editing.close} assessment={assessment} />
      <AssessmentApproveModal opened={isApproving} onClose={approving.close} assessment={assessment} />
      <AssessmentReturnModal opened={isReturning} onClose={returning.close} assessment={assessment} />
    </>
  );
}
