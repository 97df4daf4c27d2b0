import { Alert, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PageHeader } from "../../app/components/page-header.component.tsx";
import { QueryBoundary } from "../../app/components/query-boundary.component.tsx";
import { useMe } from "../../app/session.ts";
import { useMyProfiles } from "./profile.api.ts";
import { TravelProfileForm } from "./travel-profile-form.component.tsx";

/**
 * "My travel profile" (issue 13 §2; the Framework of Accountability: every person keeps a TRIP
 * profile for themselves and their eligible family): the person's own profile, then one card per
 * eligible dependant, each saved on its own. Need-to-know, said plainly at the top.
 */
export function TravelProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const profiles = useMyProfiles();
  const header = <PageHeader title={t("travelProfile.title")} description={t("travelProfile.description")} />;
  if (me.personId === null) {
    return (
      <>
        {header}
        <Alert color="gray">{t("travelProfile.noPerson")}</Alert>
      </>
    );
  }
  return (
    <>
      {header}
      <QueryBoundary query={profiles} errorHeader={null}>
        {(data) => (
          <Stack gap="md" maw={960}>
            <TravelProfileForm key="own" profile={data.own} title={t("travelProfile.ownTitle")} />
            {data.dependants.map((one) => (
              <TravelProfileForm
                key={one.dependantId}
                profile={one}
                title={t("travelProfile.dependantTitle", { name: one.name, relationship: t(`travelProfile.relationships.${one.relationship ?? "other"}`) })}
              />
            ))}
            {data.dependants.length === 0 && (
              <Text size="sm" c="dimmed">
                {t("travelProfile.noDependants")}
              </Text>
            )}
          </Stack>
        )}
      </QueryBoundary>
    </>
  );
}
