import type { MeasureStatus } from "./risk-enums.ts";
import { measureCategoryLabels, type MeasureCategory } from "./risk-enums.ts";
import { srmCodeLabels } from "./srm-report-labels.ts";

/**
 * The words of an overdue-measure notice (e-mail and in-app notification), in English or French:
 * sent to the P/C/SA of the Designated Area and its UNDSS desk officer when a measure passes its
 * agreed date without being implemented, then weekly while it stays so.
 */
export type OverdueMeasureFacts = {
  title: string;
  category: MeasureCategory;
  status: MeasureStatus;
  /** The measure's area, and its Designated Area when that is another place. */
  areaName: string;
  designatedAreaName: string;
  organisationCode: string | null;
  ownerName: string;
  dueOn: string;
  daysOverdue: number;
  /** Whether an earlier notice about this measure went out already. */
  isReminder: boolean;
  link: string;
};

export type NoticeLanguage = "en" | "fr";

export type OverdueMeasureMessage = { subject: string; text: string; title: string; body: string };

const words = {
  en: {
    overdue: "Overdue SRM measure",
    reminder: "Reminder",
    due: "due",
    days: (count: number) => (count === 1 ? "1 day overdue" : `${count} days overdue`),
    intro: "A security risk management measure has passed its agreed date without being implemented.",
    measure: "Measure",
    area: "Area",
    category: "Category",
    status: "Status",
    organisation: "Responsible organisation",
    owner: "Owner",
    dueOn: "Agreed date",
    open: "Open the measure",
    footer:
      "You receive this notice as the Principal/Chief Security Adviser of the Designated Area (or its Country Security Focal Point) or as its UNDSS desk officer. It is repeated weekly until the measure is implemented or its date is changed.",
  },
  fr: {
    overdue: "Mesure GRS en retard",
    reminder: "Rappel",
    due: "échéance",
    days: (count: number) => (count === 1 ? "1 jour de retard" : `${count} jours de retard`),
    intro: "Une mesure de gestion des risques de sécurité a dépassé sa date convenue sans être mise en œuvre.",
    measure: "Mesure",
    area: "Zone",
    category: "Catégorie",
    status: "Statut",
    organisation: "Organisation responsable",
    owner: "Responsable",
    dueOn: "Date convenue",
    open: "Ouvrir la mesure",
    footer:
      "Vous recevez cet avis en tant que Conseiller principal/chef de la sécurité de la zone désignée (ou son point focal de sécurité pour le pays) ou en tant que chargé de pays du DSS. Il est répété chaque semaine jusqu'à la mise en œuvre de la mesure ou au report de sa date.",
  },
} as const;

export function overdueMeasureMessage(facts: OverdueMeasureFacts, language: NoticeLanguage): OverdueMeasureMessage {
  const w = words[language];
  const where = facts.areaName === facts.designatedAreaName ? facts.areaName : `${facts.areaName} (${facts.designatedAreaName})`;
  const heading = facts.isReminder ? `${w.reminder}: ${w.overdue}` : w.overdue;
  const title = `${heading}: ${facts.title} — ${where}`;
  const text = [
    w.intro,
    "",
    `${w.measure}: ${facts.title}`,
    `${w.area}: ${where}`,
    `${w.category}: ${measureCategoryLabels[facts.category][language]}`,
    `${w.status}: ${srmCodeLabels[facts.status]?.[language] ?? facts.status}`,
    ...(facts.organisationCode ? [`${w.organisation}: ${facts.organisationCode}`] : []),
    `${w.owner}: ${facts.ownerName}`,
    `${w.dueOn}: ${facts.dueOn} (${w.days(facts.daysOverdue)})`,
    "",
    `${w.open}: ${facts.link}`,
    "",
    w.footer,
    "",
  ].join("\n");
  return {
    subject: `[Vigil] ${title} (${w.due} ${facts.dueOn})`,
    text,
    title,
    body: `${facts.title}: ${w.dueOn.toLowerCase()} ${facts.dueOn}, ${w.days(facts.daysOverdue)}.`,
  };
}
