import { Alert, Text } from "@mantine/core";
import { IconCertificateOff } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "../../app/components/links.tsx";
import { useMe } from "../../app/session.ts";

type TripLike = { travellers: { personId: string | null }[]; legs: { reasons: { code: string }[] }[] };

/** The clearance reasons a new certificate can lift: none held, expired, or lapsing before the return. */
const certificateReasons = new Set(["training_missing", "training_expired", "training_lapses"]);

/**
 * On a trip that a certificate holds back, the traveller is shown the way to their certificates:
 * the new one counts at once, and the trip is evaluated again.
 */
export function CertificateBlockNotice({ trip }: { trip: TripLike }) {
  const { t } = useTranslation();
  const me = useMe();
  const isTraveller = me.personId !== null && trip.travellers.some((traveller) => traveller.personId === me.personId);
  const isHeldBack = trip.legs.some((leg) => leg.reasons.some((reason) => certificateReasons.has(reason.code)));
  if (!isTraveller || !isHeldBack) return null;
  return (
    <Alert color="orange" variant="light" icon={<IconCertificateOff aria-hidden />}>
      <Text size="sm" mb="xs">
        {t("certificates.tripBlocked")}
      </Text>
      <ButtonLink to="/travel/certificates" size="xs" variant="light" color="orange">
        {t("certificates.uploadNew")}
      </ButtonLink>
    </Alert>
  );
}
