import { type Briefing, type BriefingLanguage, briefingWords, categoryLevels, incidentCategoryLabel, levelText, roleLabel } from "../../../../core/travel/briefing.ts";
import { localTimeText } from "../../../../core/travel/clearance-document.ts";
import { type Doc, generatedAt, header, newDocument, pageNumbers, printable, table } from "../../../platform/pdf/pdf-kit.ts";
import { bullets, section } from "./clearance-pdf.ts";

/**
 * The briefing as PDF (issue 13 §4), the same content as the e-mail, area by area: levels in
 * force by threat category, conditions, SRM measures, critical incidents as counts, contacts.
 */
export async function briefingPdf(briefing: Briefing, language: BriefingLanguage): Promise<Doc> {
  const w = briefingWords(language);
  const title = `${w.title} — ${briefing.number}`;
  const doc = await newDocument(title, "portrait", language);
  header(doc, title, [
    [w.trip, briefing.number],
    [w.travellers, briefing.travellers.join(", ")],
    [w.purpose, briefing.purpose],
    [w.generatedAt, generatedAt(language, briefing.generatedAt)],
  ]);
  section(doc, w.itinerary);
  bullets(
    doc,
    // An en dash, not an arrow: the standard PDF fonts have none (WinAnsi).
    briefing.legs.map((leg) => `${leg.from} – ${leg.to}: ${localTimeText(leg.departureLocal, language)} – ${localTimeText(leg.arrivalLocal, language)}`),
    "—",
  );

  for (const area of briefing.areas) {
    if (doc.y > doc.page.height / 2) doc.addPage();
    doc.font("Helvetica-Bold").fontSize(13).fillColor("#1b3a57").text(printable(area.name), doc.page.margins.left, doc.y);
    doc.fillColor("#000").moveDown(0.4);
    if (area.level) {
      const rows = [...categoryLevels(area.level, language).map((one) => [one.label, one.text]), [w.level, levelText(area.level.overall, language)]];
      table(doc, `${w.level} (${area.level.areaName})`, [{ header: w.byCategory, align: "left" }, { header: "", width: 160, align: "left" }], rows, { boldLast: true });
    } else {
      section(doc, w.level);
      bullets(doc, [], w.noLevel);
    }
    section(doc, w.conditions);
    bullets(doc, area.conditions, w.noConditions);
    section(doc, w.measures);
    bullets(doc, area.measures, w.noMeasures);
    if (area.incidents.length) {
      table(
        doc,
        w.incidents(briefing.incidentDays),
        [{ header: w.category, align: "left" }, { header: w.count, width: 70 }],
        area.incidents.map((one) => [incidentCategoryLabel(one.categoryCode, language), String(one.count)]),
      );
    } else {
      section(doc, w.incidents(briefing.incidentDays));
      bullets(doc, [], w.noIncidents);
    }
    if (area.contacts.length) {
      table(
        doc,
        w.contacts,
        [{ header: w.role, align: "left" }, { header: w.name, width: 140, align: "left" }, { header: w.email, width: 170, align: "left" }],
        area.contacts.map((contact) => [roleLabel(contact.role, language), contact.name, contact.email ?? "—"]),
      );
    } else {
      section(doc, w.contacts);
      bullets(doc, [], w.noContacts);
    }
  }
  pageNumbers(doc, title);
  doc.end();
  return doc;
}
