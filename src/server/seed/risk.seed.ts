import { eq } from "drizzle-orm";
import type { z } from "zod";
import { measureInput } from "../../core/risk/measures.schemas.ts";
import type { SecurityLevel, ThreatCategory } from "../../core/risk/security-levels.ts";
import { addDays } from "../../core/appointments/continuity.ts";
import { loadAppointmentGrants } from "../modules/appointments/index.ts";
import {
  acceptRisk,
  addScenario,
  approveAssessment,
  approveLevelChange,
  createAssessment,
  createMeasure,
  createPcAssessment,
  createVersion,
  endorseLevelChange,
  proposeLevelChange,
  replaceActivities,
  replaceThreats,
  submitAssessment,
  updateScenario,
} from "../modules/risk/index.ts";
import { organisations, places } from "../modules/structure/index.ts";
import { users } from "../platform/auth/auth.tables.ts";
import { clock, todayIso } from "../platform/clock.ts";
import type { Database } from "../platform/db/database.ts";
import { type ServiceContext, serviceContext } from "../platform/http/context.ts";

/**
 * Demo security risk management, written by the demo people themselves (the P/C/SA drafts, the
 * DO approves, the desk officer endorses), so the audit trail reads as in real use:
 * - Mali: an SRM approved half a year ago whose review is now overdue, with a second version in
 *   draft; activities of four organisations with their programme criticality, one of them blocked
 *   (High risk, PC3) and one accepted by the DO; measures, some overdue.
 * - Security levels in force for every Designated Area and for Bamako, and a proposal for DR Congo
 *   awaiting its DO.
 * - Implemented measures in DR Congo and Haiti too, for the cross-country view.
 */
export async function seedRisk(database: Database): Promise<void> {
  const today = todayIso();
  const as = (email: string) => userContext(database, email);
  const pcsa = await as("pcsa.mali@vigil.example");
  const dOfficial = await as("do.mali@vigil.example");
  const desk = await as("desk.mali@vigil.example");
  const placeIds = new Map((await database.db.select({ id: places.id, name: places.name }).from(places)).map((row) => [row.name, row.id]));
  const orgIds = new Map((await database.db.select({ id: organisations.id, code: organisations.code }).from(organisations)).map((row) => [row.code, row.id]));
  const place = (name: string) => placeIds.get(name) as string;
  const org = (code: string) => orgIds.get(code) as string;
  const mali = place("Mali");

  // Half a year ago the P/C/SA drafted Mali's SRM and the DO approved it after the SMT.
  const approvedOn = addDays(today, -180);
  const draft = await atDate(approvedOn, () =>
    createAssessment(pcsa, {
      placeId: mali,
      title: "Security risk management: Mali",
      periodFrom: addDays(today, -190),
      periodTo: addDays(today, 175),
      reviewDueOn: addDays(today, -10),
      summary:
        "Armed groups contest the centre and the north; roads between Mopti, Gao and Tombouctou carry the highest risk. Crime is rising in Bamako. The rainy season floods the Niger delta from July to October.",
    }),
  );
  const activities = await atDate(approvedOn, () =>
    replaceActivities(pcsa, draft.id, [
      { organisationId: org("WFP"), name: "Food distribution in Douentza", description: "Monthly general food distribution to displaced families." },
      { organisationId: org("UNICEF"), name: "School rehabilitation in Bandiagara", description: "Rebuilding classrooms damaged in 2025." },
      { organisationId: org("UNHCR"), name: "Refugee registration in Gao", description: "Registration and protection monitoring." },
      { organisationId: org("WHO"), name: "Measles vaccination in Tombouctou", description: "Campaign with the Ministry of Health." },
    ]),
  );
  const key = (name: string) => activities.activities.find((activity: { name: string; key: string }) => activity.name.startsWith(name))?.key as string;
  await atDate(approvedOn, () =>
    replaceThreats(pcsa, draft.id, [
      threat("armed_conflict", 5, 4, 2, "Non-state armed groups attack security forces along the main roads and hold parts of the centre."),
      threat("terrorism", 5, 4, 2, "Groups affiliated with regional networks have used IEDs against convoys and complex attacks in towns."),
      threat("crime", 4, 3, 3, "Armed robbery and carjacking in Bamako and Sévaré, mostly at night."),
      threat("civil_unrest", 3, 2, 3, "Demonstrations in Bamako around political events; generally peaceful."),
      { category: "hazards", intent: null, capability: null, inhibitingContext: null, narrative: "Flooding of the Niger delta in the rainy season; road accidents are the first cause of injuries." },
    ]),
  );
  const scenario = (input: Parameters<typeof addScenario>[2]) => atDate(approvedOn, () => addScenario(pcsa, draft.id, input));
  await scenario({
    threatCategory: "terrorism",
    title: "IED against a road mission between Mopti and Gao",
    exposed: ["people", "assets", "programmes"],
    inherentLikelihood: 4,
    inherentImpact: 5,
    residualLikelihood: 3,
    residualImpact: 4,
    measuresText: "Armed escort, convoy procedures, route reconnaissance, movement control.",
    strategies: ["control", "avoid"],
    justification: "Missions are needed to reach displaced people; escorts lower likelihood, armoured vehicles lower impact.",
    activityKeys: [key("Food distribution"), key("School rehabilitation")],
    description: "",
  });
  const abduction = await scenario({
    threatCategory: "terrorism",
    title: "Abduction of international personnel in Gao",
    exposed: ["people"],
    inherentLikelihood: 4,
    inherentImpact: 5,
    residualLikelihood: 4,
    residualImpact: 4,
    measuresText: "Residential security, movement restrictions after dark, hibernation plan.",
    strategies: ["control"],
    justification: "The likelihood stays high: the measures mostly limit how long personnel are exposed.",
    activityKeys: [key("Refugee registration")],
    description: "",
  });
  await scenario({
    threatCategory: "crime",
    title: "Armed robbery at a residence in Bamako",
    exposed: ["people", "premises"],
    inherentLikelihood: 4,
    inherentImpact: 3,
    residualLikelihood: 2,
    residualImpact: 3,
    measuresText: "Residential security measures, guards, warden system.",
    strategies: ["control"],
    justification: "",
    activityKeys: [],
    description: "",
  });
  await scenario({
    threatCategory: "hazards",
    title: "Road accident on the Tombouctou track",
    exposed: ["people", "assets"],
    inherentLikelihood: 4,
    inherentImpact: 4,
    residualLikelihood: 2,
    residualImpact: 4,
    measuresText: "Driver training, speed limits, two-vehicle rule, first-aid kits.",
    strategies: ["control", "transfer"],
    justification: "",
    activityKeys: [key("Measles vaccination")],
    description: "",
  });
  await atDate(approvedOn, () => submitAssessment(pcsa, draft.id));
  await atDate(approvedOn, () => approveAssessment(dOfficial, draft.id, { smtConsultedOn: addDays(approvedOn, -2), conditions: "Review the road-mission scenarios after the rainy season." }));

  // Programme criticality of each activity, rated by the organisations.
  const rate = (code: string, name: string, level: "pc1" | "pc2" | "pc3" | "pc4", rationale: string) =>
    atDate(approvedOn, () =>
      createPcAssessment(pcsa, {
        placeId: mali,
        organisationId: org(code),
        activityKey: key(name),
        activityName: activities.activities.find((activity: { key: string }) => activity.key === key(name))?.name as string,
        periodFrom: addDays(today, -190),
        periodTo: addDays(today, 175),
        level,
        rationale,
        approverName: `${code} Representative, Mali`,
        approvedOn: addDays(approvedOn, -5),
      }),
    );
  await rate("WFP", "Food distribution", "pc1", "Lifesaving: the only food source of 40,000 displaced people.");
  await rate("UNICEF", "School rehabilitation", "pc3", "Important for recovery, but it can wait for a safer season.");
  await rate("UNHCR", "Refugee registration", "pc2", "Protection of refugees depends on registration; no partner can do it.");
  await rate("WHO", "Measles vaccination", "pc2", "An outbreak is under way in the region.");
  // The DO accepted the High risk of the registration in Gao (PC2); the school stays blocked (PC3).
  await atDate(addDays(approvedOn, 3), () => acceptRisk(dOfficial, draft.id, { activityKey: key("Refugee registration"), reason: "Registration is essential to protection; the hibernation plan is tested and escorts are available." }));

  // A second version, in draft: the abduction risk has risen since the approval.
  const second = await createVersion(pcsa, draft.id);
  const abductionV2 = second.scenarios.find((item: { key: string }) => item.key === abduction.scenarios.find((s: { title: string }) => s.title.startsWith("Abduction"))?.key);
  if (abductionV2) await updateScenario(pcsa, abductionV2.id, { residualLikelihood: 5, justification: "Two abductions in the region this quarter." });

  // Measures in Mali: baseline, area and organisation ones, some overdue.
  const measure = (input: Omit<z.input<typeof measureInput>, "placeId">) => createMeasure(pcsa, measureInput.parse({ placeId: mali, ...input }));
  await measure({ kind: "baseline", category: "telecoms", title: "HF and VHF radio in every field vehicle", ownerName: "ASA Bamako", dueOn: addDays(today, -120), costAmount: 18000, costCurrency: "USD", status: "verified", implementedOn: addDays(today, -130), verifiedOn: addDays(today, -100), verificationNote: "Radio check of all 23 field vehicles by the ASA and the radio room, log signed.", effectiveness: 4, effectivenessNote: "Every convoy kept contact during the last two incidents.", assessmentLineageId: draft.lineageId });
  await measure({ kind: "baseline", category: "training_briefing", title: "SSAFE training for personnel travelling north of Mopti", ownerName: "P/C/SA Mali", dueOn: addDays(today, -30), status: "in_progress", assessmentLineageId: draft.lineageId });
  await measure({ kind: "area", category: "vehicles", title: "Two armoured vehicles for the Gao office", ownerName: "Head of Gao office", dueOn: addDays(today, -12), costAmount: 320000, costCurrency: "USD", status: "planned", assessmentLineageId: draft.lineageId });
  await measure({ kind: "area", category: "procedures", title: "Revised hibernation and relocation plan for Gao", ownerName: "P/C/SA Mali", dueOn: addDays(today, 25), status: "in_progress", assessmentLineageId: draft.lineageId });
  await measure({ kind: "organisation", organisationId: org("WFP"), category: "residential", title: "Guards and lighting at WFP residences in Sévaré", ownerName: "WFP security focal point", dueOn: addDays(today, -60), costAmount: 24000, costCurrency: "USD", status: "implemented", implementedOn: addDays(today, -65), effectiveness: 3, effectivenessNote: "One attempted intrusion deterred." });
  await measure({ kind: "organisation", organisationId: org("UNICEF"), category: "medical", title: "Trauma kits in every UNICEF vehicle", ownerName: "UNICEF operations", dueOn: addDays(today, 40), costAmount: 6500, costCurrency: "EUR", status: "planned" });
  // Elsewhere, implemented measures for the cross-country view. DR Congo and Haiti have no
  // security adviser with a demo login: the seed records them under its own name.
  const [admin] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, "admin@vigil.example"));
  const seedAdviser = serviceContext(database, { userId: admin.id, personId: null, displayName: "demo seed", grants: [{ role: "pcsa", placePath: null, organisationId: null }] }, null);
  const elsewhere = (placeName: string, input: Omit<z.input<typeof measureInput>, "placeId">) => createMeasure(seedAdviser, measureInput.parse({ placeId: place(placeName), ...input }));
  await elsewhere("Democratic Republic of the Congo", { kind: "baseline", category: "telecoms", title: "HF and VHF radio in every field vehicle", ownerName: "ASA Goma", dueOn: addDays(today, -200), costAmount: 26000, costCurrency: "USD", status: "verified", implementedOn: addDays(today, -210), verifiedOn: addDays(today, -180), verificationNote: "Vehicle-by-vehicle inspection by the ASA Goma; inspection sheets filed with the CSA.", effectiveness: 5, effectivenessNote: "Radio checks every hour on the Goma–Beni road." });
  await elsewhere("Democratic Republic of the Congo", { kind: "area", category: "vehicles", title: "Armoured vehicles for missions north of Goma", ownerName: "Head of Goma office", dueOn: addDays(today, -90), costAmount: 410000, costCurrency: "USD", status: "implemented", implementedOn: addDays(today, -95), effectiveness: 4, effectivenessNote: "No casualty in two ambushes." });
  await elsewhere("Democratic Republic of the Congo", { kind: "organisation", organisationId: org("UNICEF"), category: "residential", title: "Safe rooms in UNICEF residences in Beni", ownerName: "UNICEF operations", dueOn: addDays(today, -50), costAmount: 38000, costCurrency: "USD", status: "implemented", implementedOn: addDays(today, -55), effectiveness: 3 });
  await elsewhere("Haiti", { kind: "area", category: "procedures", title: "Movement tracking with check-in every two hours in Port-au-Prince", ownerName: "CSFP Haiti", dueOn: addDays(today, -70), costAmount: 4000, costCurrency: "USD", status: "verified", implementedOn: addDays(today, -80), verifiedOn: addDays(today, -40), verificationNote: "CSFP reviewed a month of check-in logs against the movement plans.", effectiveness: 4, effectivenessNote: "Two kidnapping attempts interrupted thanks to missed check-ins." });
  await elsewhere("Haiti", { kind: "baseline", category: "training_briefing", title: "Kidnapping awareness briefing for every arrival", ownerName: "CSFP Haiti", dueOn: addDays(today, -30), costAmount: 1500, costCurrency: "USD", status: "implemented", implementedOn: addDays(today, -35), effectiveness: 3 });

  // Security levels: Mali, Bamako and Mopti endorsed (every Security Area of Mali has its own
  // level in force, as the SLS asks), a rise for DR Congo awaiting its DO.
  const levels = (armed: number, terror: number, crime: number, unrest: number, hazards: number) =>
    ({ armed_conflict: armed, terrorism: terror, crime, civil_unrest: unrest, hazards }) as Record<ThreatCategory, SecurityLevel>;
  const setLevel = async (name: string, categoryLevels: Record<ThreatCategory, SecurityLevel>, overall: SecurityLevel, daysAgo: number) => {
    const change = await atDate(addDays(today, -daysAgo), () => proposeLevelChange(pcsa, { placeId: place(name), levels: categoryLevels, overall }));
    await atDate(addDays(today, -daysAgo), () => approveLevelChange(dOfficial, change.id));
    await atDate(addDays(today, -daysAgo + 1), () => endorseLevelChange(desk, change.id));
  };
  async function setLevelAs(context: ServiceContext, name: string, overall: SecurityLevel) {
    const officials = serviceContext(database, { ...context.actor, grants: [{ role: "do", placePath: null, organisationId: null }, { role: "desk_officer", placePath: null, organisationId: null }] }, null);
    const change = await atDate(addDays(today, -200), () => proposeLevelChange(context, { placeId: place(name), levels: levels(overall, overall - 1, overall, overall - 1, 3) as Record<ThreatCategory, SecurityLevel>, overall }));
    await atDate(addDays(today, -200), () => approveLevelChange(officials, change.id));
    await atDate(addDays(today, -199), () => endorseLevelChange(officials, change.id));
  }
  await setLevel("Mali", levels(4, 4, 4, 3, 3), 4, 400);
  await setLevel("Mali", levels(5, 5, 4, 3, 3), 5, 150);
  await setLevel("Bamako Security Area", levels(3, 4, 4, 3, 2), 4, 150);
  // Mopti: armed groups contest the roads of the centre and the delta floods; the towns are calmer than the north.
  await setLevel("Mopti Security Area", levels(4, 4, 3, 3, 4), 4, 148);
  await setLevelAs(seedAdviser, "Democratic Republic of the Congo", 4);
  await setLevelAs(seedAdviser, "Haiti", 5);
  // In DR Congo a rise is proposed and awaits its DO (Mali's areas are left free for the demo users to try).
  await proposeLevelChange(seedAdviser, { placeId: place("Democratic Republic of the Congo"), levels: levels(5, 3, 4, 3, 3), overall: 5 });
}

function threat(category: ThreatCategory, intent: number, capability: number, inhibitingContext: number, narrative: string) {
  return { category, intent, capability, inhibitingContext, narrative };
}

/** A demo user acting with the roles their appointments give them today. */
export async function userContext(database: Database, email: string): Promise<ServiceContext> {
  const [user] = await database.db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.email, email));
  if (!user) throw new Error(`No demo user ${email}`);
  const { personId, grants } = await loadAppointmentGrants(database, user.id);
  return serviceContext(database, { userId: user.id, personId, displayName: user.displayName, grants: [...grants, { role: "authenticated", placePath: null, organisationId: null }] }, null);
}

/**
 * Runs a step as if on an earlier day, so the demo has a history (approvals months ago, level
 * changes over the past year). The clock is the one source of "now" for business rules.
 */
export async function atDate<T>(isoDate: string, step: () => Promise<T>): Promise<T> {
  const real = clock.now;
  const [hours, minutes] = [real().getUTCHours(), real().getUTCMinutes()];
  clock.now = () => new Date(`${isoDate}T${String(Math.min(hours, 17)).padStart(2, "0")}:${String(minutes).padStart(2, "0")}:00.000Z`);
  try {
    return await step();
  } finally {
    clock.now = real;
  }
}
