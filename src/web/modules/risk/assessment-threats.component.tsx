import { Badge, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { threatCategories } from "../../../core/risk/security-levels.ts";
import { notifySuccess } from "../../app/components/notify.ts";
import { FormActions } from "../../app/forms/form-actions.component.tsx";
import { FormErrorAlert } from "../../app/forms/form-error-alert.component.tsx";
import { applyApiErrors, type FormFailure } from "../../app/forms/form-errors.ts";
import { type Assessment, type Threat, useReplaceThreats } from "./srm-api.ts";

const ratingFields = ["intent", "capability", "inhibitingContext"] as const;
type RatingField = (typeof ratingFields)[number];
const ratings = [1, 2, 3, 4, 5] as const;

type SectionProps = { assessment: Assessment; canEdit: boolean };

/** Threat assessment: the five categories, each with intent, capability and inhibiting context (1–5) and a narrative. */
export function ThreatsSection({ assessment, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  return (
    <Card withBorder component="section" aria-labelledby="srm-threats-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="srm-threats-title">
          {t("srm.threats.title")}
        </Title>
        {canEdit && !isEditing && (
          <Button size="xs" variant="light" leftSection={<IconPencil size={14} aria-hidden />} onClick={() => setEditing(true)}>
            {t("srm.threats.edit")}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t("srm.threats.hint")}
      </Text>
      {isEditing ? (
        <ThreatsEditor assessment={assessment} onDone={() => setEditing(false)} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {assessment.threats.map((threat) => (
            <ThreatView key={threat.category} threat={threat} />
          ))}
        </SimpleGrid>
      )}
    </Card>
  );
}

function ThreatView({ threat }: { threat: Threat }) {
  const { t } = useTranslation();
  const isAssessed = ratingFields.some((field) => threat[field] !== null) || threat.narrative.trim() !== "";
  return (
    <Paper withBorder p="sm" component="article" aria-label={t(`srm.threatCategories.${threat.category}`)}>
      <Text fw={600} mb={4}>
        {t(`srm.threatCategories.${threat.category}`)}
      </Text>
      {!isAssessed ? (
        <Text size="sm" c="dimmed">
          {t("srm.threats.notAssessed")}
        </Text>
      ) : (
        <Stack gap={6}>
          <Group gap={6} wrap="wrap">
            {ratingFields.map((field) => (
              <Badge key={field} variant="light" color={threat[field] === null ? "gray" : "vigil"} tt="none">
                {t(`srm.threats.${field}`)}: {threat[field] === null ? "—" : `${threat[field]}/5`}
              </Badge>
            ))}
          </Group>
          {threat.narrative && (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }} className="vigil-break">
              {threat.narrative}
            </Text>
          )}
        </Stack>
      )}
    </Paper>
  );
}

type Row = Record<RatingField, string | null> & { category: Threat["category"]; narrative: string };

function ThreatsEditor({ assessment, onDone }: { assessment: Assessment; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useReplaceThreats(assessment.id);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const byCategory = new Map(assessment.threats.map((threat) => [threat.category, threat]));
  const asText = (value: number | null | undefined) => (value ? String(value) : null);
  const form = useForm<{ items: Row[] }>({
    initialValues: {
      items: threatCategories.map((category) => {
        const threat = byCategory.get(category);
        return {
          category,
          intent: asText(threat?.intent),
          capability: asText(threat?.capability),
          inhibitingContext: asText(threat?.inhibitingContext),
          narrative: threat?.narrative ?? "",
        };
      }),
    },
  });
  const ratingOptions = ratings.map((rating) => ({ value: String(rating), label: `${rating} – ${t(`srm.threats.ratings.${rating}`)}` }));

  function submit(values: { items: Row[] }) {
    setFailure(null);
    const toNumber = (value: string | null) => (value ? Number(value) : null);
    save.mutate(
      values.items.map((row) => ({
        category: row.category,
        intent: toNumber(row.intent),
        capability: toNumber(row.capability),
        inhibitingContext: toNumber(row.inhibitingContext),
        narrative: row.narrative.trim(),
      })),
      {
        onSuccess: () => {
          notifySuccess(t("srm.threats.saved"));
          onDone();
        },
        onError: (error) => setFailure(applyApiErrors(form, error, t)),
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <FormErrorAlert failure={failure} />
        {form.getValues().items.map((row, index) => (
          <Paper
            key={row.category}
            withBorder
            p="sm"
            bg="var(--mantine-color-gray-0)"
            component="fieldset"
            style={{ margin: 0, minWidth: 0 }}
          >
            <Text component="legend" fw={600} px={4}>
              {t(`srm.threatCategories.${row.category}`)}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              {ratingFields.map((field) => {
                // A hazard (flood, earthquake) has no mind behind it: there is no intent to rate.
                const isNotApplicable = field === "intent" && row.category === "hazards";
                return (
                  <Select
                    key={field}
                    label={t(`srm.threats.${field}`)}
                    aria-label={`${t(`srm.threatCategories.${row.category}`)}: ${t(`srm.threats.${field}`)}`}
                    clearable
                    disabled={isNotApplicable}
                    placeholder={isNotApplicable ? t("srm.threats.notApplicable") : t("srm.threats.notRated")}
                    data={ratingOptions}
                    {...form.getInputProps(`items.${index}.${field}`)}
                  />
                );
              })}
            </SimpleGrid>
            <Textarea
              mt="xs"
              label={t("srm.threats.narrative")}
              aria-label={`${t(`srm.threatCategories.${row.category}`)}: ${t("srm.threats.narrative")}`}
              autosize
              minRows={2}
              maxLength={20000}
              {...form.getInputProps(`items.${index}.narrative`)}
            />
          </Paper>
        ))}
        <FormActions onCancel={onDone} isSaving={save.isPending} isEdit mt={0} />
      </Stack>
    </form>
  );
}
