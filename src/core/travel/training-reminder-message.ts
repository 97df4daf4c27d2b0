/**
 * The words of a training expiry reminder (issue 13 §1), e-mail and in-app notification, in
 * English or French: sent 60 and 14 days before a certificate expires to the person who holds it
 * and to their organisation's security focal point. French typography (the non-breaking space
 * before « : ») is applied where the text is sent or shown, not here.
 */
export type TrainingReminderFacts = {
  personName: string;
  courseCode: string;
  courseNameEn: string;
  courseNameFr: string;
  expiresOn: string;
  /** Days from the day of the reminder to the expiry (0: it expires at the end of today). */
  daysLeft: number;
  link: string;
};

export type ReminderLanguage = "en" | "fr";

export type TrainingReminderMessage = { subject: string; text: string; title: string; body: string };

const words = {
  en: {
    heading: "Training certificate expiring",
    expires: "expires",
    when: (days: number) => (days === 0 ? "today" : days === 1 ? "in 1 day" : `in ${days} days`),
    intro: "A security training certificate expires soon. Renewing it in time keeps travel clearance possible: a traveller needs a valid BSAFE, and every course the destination requires, through the return date.",
    person: "Person",
    course: "Course",
    expiresOn: "Expires on",
    open: "Open the person's page",
    footer:
      "You receive this reminder as the holder of the certificate or as the security focal point of their organisation. Reminders go out 60 and 14 days before the expiry; none once a newer certificate of the course is recorded.",
  },
  fr: {
    heading: "Certificat de formation arrivant à expiration",
    expires: "expire le",
    when: (days: number) => (days === 0 ? "aujourd'hui" : days === 1 ? "dans 1 jour" : `dans ${days} jours`),
    intro: "Un certificat de formation à la sécurité expire bientôt. Le renouveler à temps permet de continuer à obtenir les autorisations de voyage : un voyageur doit détenir un BSAFE valide, et chaque formation exigée par sa destination, jusqu'à sa date de retour.",
    person: "Personne",
    course: "Formation",
    expiresOn: "Date d'expiration",
    open: "Ouvrir la fiche de la personne",
    footer:
      "Vous recevez ce rappel en tant que titulaire du certificat ou en tant que point focal de sécurité de son organisation. Les rappels sont envoyés 60 et 14 jours avant l'expiration ; aucun dès qu'un certificat plus récent de la formation est enregistré.",
  },
} as const;

export function trainingReminderMessage(facts: TrainingReminderFacts, language: ReminderLanguage): TrainingReminderMessage {
  const w = words[language];
  const courseName = language === "fr" ? facts.courseNameFr : facts.courseNameEn;
  const title = `${w.heading}: ${facts.courseCode} — ${facts.personName}`;
  const text = [
    w.intro,
    "",
    `${w.person}: ${facts.personName}`,
    `${w.course}: ${courseName} (${facts.courseCode})`,
    `${w.expiresOn}: ${facts.expiresOn} (${w.when(facts.daysLeft)})`,
    "",
    `${w.open}: ${facts.link}`,
    "",
    w.footer,
    "",
  ].join("\n");
  return {
    subject: `[Vigil] ${title} (${w.expires} ${facts.expiresOn})`,
    text,
    title,
    body: `${courseName}: ${w.expiresOn.toLowerCase()} ${facts.expiresOn}, ${w.when(facts.daysLeft)}.`,
  };
}
