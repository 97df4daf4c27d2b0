import { addDays } from "../../core/appointments/continuity.ts";
import { addMonths } from "../../core/risk/srm-review.ts";
import { createCertificate, createCourse } from "../modules/travel/index.ts";
import type { Database } from "../platform/db/database.ts";
import { systemContext } from "../platform/http/context.ts";

/**
 * Demo training (issue 13 §1): the course catalogue, and certificates for the first people of the
 * demo (Mali's security team, representatives and focal points, the staff member), entered by
 * the demo's training focal point. Dates are relative to today, so the demo always shows:
 * - BSAFE valid for most, two certificates expiring within 60 days and one within 14 (reminders),
 *   all in Mali;
 * - one expired BSAFE, in Mali (a traveller whose trip it blocks);
 * - SAIT Mali, Mali's area induction, for the security team.
 */
export async function seedTraining(database: Database, people: { id: string; area: string }[], today: string): Promise<void> {
  const context = systemContext(database, "demo seed");
  const bsafe = await createCourse(context, { code: "BSAFE", kind: "bsafe", nameEn: "BSAFE (basic security in the field)", nameFr: "BSAFE (sécurité de base sur le terrain)", validityMonths: 36, isActive: true });
  const ssafe = await createCourse(context, { code: "SSAFE", kind: "ssafe", nameEn: "SSAFE (safe and secure approaches in field environments)", nameFr: "SSAFE (approches sûres et sécurisées en environnement de terrain)", validityMonths: 36, isActive: true });
  const sait = await createCourse(context, { code: "SAIT-MLI", kind: "induction", nameEn: "Security awareness induction training, Mali", nameFr: "Formation d'initiation à la sensibilisation à la sécurité, Mali", validityMonths: 24, isActive: true });
  await createCourse(context, { code: "ASIST", kind: "other", nameEn: "Advanced security in the field (retired)", nameFr: "Sécurité avancée sur le terrain (retiré)", validityMonths: 36, isActive: false });

  // Completed so that the certificate expires `daysLeft` days from today (BSAFE: 36 months).
  const completedFor = (daysLeft: number, months: number) => addMonths(addDays(today, daysLeft), -months);
  const add = (person: string, courseId: string, completedOn: string) =>
    createCertificate(context, { personId: person, courseId, completedOn, issuer: "UN learning platform" });

  // Past the security team (0–9) and the staff member (20): Mali people whose certificates lapse.
  const lapsing = people.map((person, index) => ({ ...person, index })).filter((person) => person.area === "Mali" && person.index >= 10 && person.index !== 20);
  const daysLeftOf = new Map([[lapsing[0].index, -10], [lapsing[1].index, 12], [lapsing[2].index, 45], [lapsing[3].index, 50]]);
  for (const [index, person] of people.slice(0, 40).entries()) {
    await add(person.id, bsafe.id, completedFor(daysLeftOf.get(index) ?? 200 + ((index * 23) % 800), 36));
  }
  for (const index of [2, 3, 4, 8, 9]) await add(people[index].id, sait.id, completedFor(300 + index * 20, 24));
  for (const index of [3, 8, 9]) await add(people[index].id, ssafe.id, completedFor(500, 36));
}
