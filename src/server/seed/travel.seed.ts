import { addDays } from "../../core/appointments/continuity.ts";
import { addMonths } from "../../core/risk/srm-review.ts";
import { sql } from "drizzle-orm";
import { defaultClearanceRules } from "../../core/travel/clearance.ts";
import { organisations, places } from "../modules/structure/index.ts";
import { createOperator, decideRmt, fileRmt, recordCategory, setRmtPolicy } from "../modules/travel/index.ts";
import { createCertificate, createCourse, fileRequest, saveOwnProfile, saveRules } from "../modules/travel/index.ts";
import { travelProfileInput } from "../../core/travel/profile.ts";
import { userContext } from "./risk.seed.ts";
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
export async function seedTraining(database: Database, people: { id: string; area: string }[], today: string, traveller: string): Promise<void> {
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
  // The demo traveller in Bamako: BSAFE valid for two more years.
  await add(traveller, bsafe.id, completedFor(700, 36));
}

/**
 * Mali's clearance rules and the demo's trips (issue 13, "Demo data"):
 * - Mali's rules: automatic clearance up to level 2, seven days' notice; Bamako Security Area
 *   overrides it, routine movement in the capital being cleared automatically up to level 4;
 * - a trip cleared automatically to Bamako, from Mopti;
 * - the demo traveller's trip Bamako → Mopti → Bamako, its Mopti leg waiting for the ASC of Mopti;
 * - a trip blocked by an expired BSAFE;
 * - a travel notification.
 */
export async function seedTravel(database: Database, today: string): Promise<void> {
  const system = systemContext(database, "demo seed");
  const { db } = database;
  const placeIds = new Map((await db.select({ id: places.id, name: places.name }).from(places)).map((row) => [row.name, row.id]));
  const place = (name: string) => placeIds.get(name) as string;
  await saveRules(system, place("Mali"), { ...defaultClearanceRules }, "Mali's clearance rules: automatic up to level 2, seven days' notice");
  await saveRules(system, place("Bamako Security Area"), { ...defaultClearanceRules, autoMaxLevel: 4 }, "Routine movement in the capital is cleared automatically up to level 4");
  await seedAir(database, place, today);

  // People by their BSAFE: valid for a year or more, or expired.
  const withBsafe = async (stationArea: string, isValid: boolean) => {
    const rows = await db.execute(sql`
      select p.id from persons p
      join places s on s.id = p.duty_station_id
      join training_certificates c on c.person_id = p.id
      join training_courses k on k.id = c.course_id and k.code = 'BSAFE'
      where p.place_path like '%/' || ${place(stationArea)} || '/%' and p.user_id is null
      group by p.id, p.family_name having ${isValid ? sql`max(c.expires_on) > ${addDays(today, 365)}` : sql`max(c.expires_on) < ${today}`}
      order by p.family_name, p.id limit 1`);
    return ((rows as unknown as { rows: { id: string }[] }).rows[0]?.id ?? null) as string | null;
  };
  const at = (days: number, time: string) => `${addDays(today, days)}T${time}`;
  const road = (from: string, to: string, days: number, duration: number) => ({
    fromPlaceId: place(from),
    toPlaceId: place(to),
    departureLocal: at(days, "07:00"),
    arrivalLocal: at(days, `${String(7 + duration).padStart(2, "0")}:00`),
    transport: "road" as const,
    vehicleArrangement: "UN vehicle, two-car movement",
  });

  const fromMopti = await withBsafe("Mopti Security Area", true);
  if (fromMopti) {
    await fileRequest(system, { kind: "clearance", purpose: "Programme review meeting at the country office", isLateNotification: false, travellers: [{ personId: fromMopti }], legs: [road("Mopti", "Bamako", 12, 9), road("Bamako", "Mopti", 15, 9)].map((leg, index) => ({ ...leg, accommodation: index === 0 ? "UN guesthouse, Bamako" : null })) });
  }
  const traveller = userContext(database, "traveller.mali@vigil.example");
  await fileRequest(await traveller, {
    kind: "clearance",
    purpose: "Monitoring visit to the nutrition programme in Mopti",
    isLateNotification: false,
    travellers: [{ personId: (await traveller).actor.personId as string }],
    legs: [{ ...road("Bamako", "Mopti", 10, 9), accommodation: "UN hub, Sévaré", contact: "UN hub radio room" }, road("Mopti", "Bamako", 13, 9)],
  });
  // The demo traveller's travel profile (issue 13 §2), filled by them as the web page would.
  await saveOwnProfile(
    await traveller,
    travelProfileInput.parse({
      emergencyContactName: "Mariam Coulibaly",
      emergencyContactRelationship: "Spouse",
      emergencyContactPhone: "+223 76 45 12 90",
      travelPhone: "+223 66 20 31 47",
      nationality: "ML",
      passportNumber: "AA1234567",
      passportCountry: "ML",
      passportExpiresOn: addDays(today, 900),
      proofOfLife: [{ question: "What was the name of your first school?", answer: "École de Médina Coura" }],
    }),
  );
  const expired = await withBsafe("Mali", false);
  if (expired) {
    await fileRequest(system, { kind: "clearance", purpose: "Distribution monitoring", isLateNotification: false, travellers: [{ personId: expired }], legs: [road("Bamako", "Mopti", 9, 9), road("Mopti", "Bamako", 11, 9)] });
  }
  const notified = await withBsafe("Bamako Security Area", true);
  if (notified) {
    await fileRequest(system, { kind: "notification", purpose: "Workshop with the ministry", isLateNotification: false, travellers: [{ personId: notified }], legs: [road("Bamako", "Kati", 4, 1), road("Kati", "Bamako", 5, 1)] });
  }
}

/**
 * The register of air operators (issue 13 §5), one in each category and kind, with history:
 * - Trans-Sahel Airlines, an Unrestricted airline;
 * - Niger Bend Regional, an airline Unrestricted until 90 days ago and Conditional since, with an
 *   approved RMT for WFP between Bamako and Mopti (WFP makes the RMT mandatory; UNICEF advisory);
 * - Desert Wings Aviation, Restricted; Bamako Charter Services, a charter operator; Relief Wings,
 *   a provider of donated flights (both reviewed by the area whatever their category).
 */
async function seedAir(database: Database, place: (name: string) => string, today: string): Promise<void> {
  const system = systemContext(database, "demo seed");
  const source = "HQ aviation risk assessment";
  const operator = (name: string, kind: "airline" | "charter_operator" | "donated_flight_provider", category: "unrestricted" | "conditional" | "restricted", from: number) =>
    createOperator(system, { name, kind, country: "ML", notes: null, initialCategory: { category, effectiveFrom: addDays(today, from), source, note: null } });
  await operator("Trans-Sahel Airlines", "airline", "unrestricted", -700);
  const nigerBend = await operator("Niger Bend Regional", "airline", "unrestricted", -700);
  await recordCategory(system, nigerBend.id, { category: "conditional", effectiveFrom: addDays(today, -90), source, note: "Maintenance findings; usable where no Unrestricted operator serves the route" });
  await operator("Desert Wings Aviation", "airline", "restricted", -200);
  await operator("Bamako Charter Services", "charter_operator", "unrestricted", -500);
  await operator("Relief Wings", "donated_flight_provider", "unrestricted", -500);
  const orgs = new Map((await database.db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((row) => [row.code, row.id]));
  await setRmtPolicy(system, orgs.get("WFP") as string, "mandatory");
  await setRmtPolicy(system, orgs.get("UNICEF") as string, "advisory");
  const rmt = await fileRmt(system, {
    operatorId: nigerBend.id,
    organisationId: orgs.get("WFP") as string,
    fromPlaceId: place("Bamako Security Area"),
    toPlaceId: place("Mopti Security Area"),
    likelihood: 2,
    impact: 3,
    justification: "No Unrestricted operator flies Bamako–Mopti; the road is under armed escort only.",
    mitigations: "Daylight flights only; crew and aircraft checked by the WFP aviation unit before each rotation.",
    validFrom: addDays(today, -30),
    validUntil: addDays(today, 335),
  });
  await decideRmt(system, rmt.id, { decision: "approve", note: "Approved by the DO after SMT consultation" });
}
