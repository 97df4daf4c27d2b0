import { Card, Skeleton, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CertificatesList } from "./certificates-list.component.tsx";
import { useCertificates } from "./certificates.api.ts";

/**
 * A person's training certificates on their page, for the person, their focal point and the area's
 * security professionals: each with its status, its source (so a certificate the person added
 * themselves stands out) and its file. The server answers "not found" to anyone else: nothing shows.
 */
export function PersonCertificatesCard({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const certificates = useCertificates(personId);
  if (certificates.isError) return null;
  return (
    <Card withBorder component="section" aria-labelledby="person-certificates">
      <Title order={2} size="h4" mb="sm" id="person-certificates">
        {t("certificates.personTitle")}
      </Title>
      {certificates.isPending ? (
        <Skeleton height={80} />
      ) : (
        <CertificatesList certificates={certificates.data.items} emptyTitle={t("certificates.personEmpty")} isCompact />
      )}
    </Card>
  );
}
