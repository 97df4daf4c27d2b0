import type { Readable } from "node:stream";
import { generatedAt, header, newDocument, pageNumbers, table } from "../../../platform/pdf/pdf-kit.ts";
import type { ServiceContext } from "../../../platform/http/context.ts";
import { zoneHouseholdList } from "./households.service.ts";

const words = {
  en: {
    title: (zone: string) => `Warden list — ${zone}`,
    generated: "Generated",
    households: "Households",
    people: "People (with dependants)",
    name: "Name",
    organisation: "Org.",
    household: "Household",
    phone: "Phone / mobile",
    address: "Residential address",
    hidden: (count: number) => `${count} more people in this zone are not shown: you may not see them.`,
    note: "Confidential: contacts and addresses are need-to-know. Keep this list safe and destroy it when replaced.",
    empty: "No household is placed in this zone yet.",
  },
  fr: {
    title: (zone: string) => `Liste du garde d'îlot — ${zone}`,
    generated: "Établie le",
    households: "Foyers",
    people: "Personnes (avec les personnes à charge)",
    name: "Nom",
    organisation: "Org.",
    household: "Foyer",
    phone: "Téléphone / portable",
    address: "Adresse de résidence",
    hidden: (count: number) => `${count} autres personnes de cette zone ne sont pas montrées : vous ne pouvez pas les voir.`,
    note: "Confidentiel : contacts et adresses sont à connaître uniquement par ceux qui en ont besoin. Conservez cette liste en lieu sûr et détruisez-la quand elle est remplacée.",
    empty: "Aucun foyer n'est encore placé dans cette zone.",
  },
};

/** The zone's list to print (issue 14 §2): what the list shows on screen, contacts under the same rule, the read audited. */
export async function zoneListPdf(context: ServiceContext, zoneId: string): Promise<{ fileName: string; stream: Readable }> {
  const list = await zoneHouseholdList(context, zoneId, "zone_list_pdf");
  const language = context.locale === "fr" ? "fr" : "en";
  const w = words[language];
  const title = w.title(list.zone.name);
  const doc = await newDocument(title, "landscape", language);
  const people = list.households.reduce((sum, household) => sum + 1 + household.dependants.length, 0);
  header(
    doc,
    title,
    [
      [w.generated, generatedAt(language, new Date().toISOString())],
      [w.households, String(list.households.length)],
      [w.people, String(people)],
    ],
    w.note,
  );
  if (list.households.length === 0) {
    doc.font("Helvetica").fontSize(10).text(w.empty);
  } else {
    table(
      doc,
      w.households,
      [
        { header: w.name, align: "left" },
        { header: w.organisation, width: 60, align: "left" },
        { header: w.household, width: 170, align: "left" },
        { header: w.phone, width: 130, align: "left" },
        { header: w.address, width: 190, align: "left" },
      ],
      list.households.map((household) => [
        household.name,
        household.organisationName,
        household.dependants.map((dependant) => dependant.name).join(", ") || "—",
        household.contacts ? [household.contacts.phone, household.contacts.mobile].filter(Boolean).join(" / ") || "—" : "•••",
        household.contacts?.residentialAddress ?? (household.contacts ? "—" : "•••"),
      ]),
    );
  }
  if (list.hidden > 0) doc.font("Helvetica-Oblique").fontSize(8.5).text(w.hidden(list.hidden));
  pageNumbers(doc, title);
  doc.end();
  const slug = list.zone.name.normalize("NFD").replace(/[^\w]+/g, "-").replace(/^-|-$/g, "").toLowerCase() || "zone";
  return { fileName: `warden-list-${slug}`, stream: doc as unknown as Readable };
}
