import { date, integer, pgTable, primaryKey, text, boolean } from "drizzle-orm/pg-core";

/**
 * Materialised monthly counts for dashboards and reports, kept exact by triggers on
 * `incidents` and `incident_people` (migration `incident_rollups`). Only incidents past
 * draft are counted. `areaPath` is the incident's path cut at the security-area level
 * ("/da/sa/"), the finest level a dashboard scope or filter uses from these tables.
 * Derived data: not backed up, rebuilt by the triggers when a backup is restored.
 */
export const incidentMonthlyRollup = pgTable(
  "incident_monthly_rollup",
  {
    month: date("month", { mode: "string" }).notNull(),
    areaPath: text("area_path").notNull(),
    categoryCode: text("category_code").notNull(),
    affectsUn: boolean("affects_un").notNull(),
    incidents: integer("incidents").notNull(),
  },
  (table) => [primaryKey({ columns: [table.month, table.areaPath, table.categoryCode, table.affectsUn] })],
);

/** People affected, by month × area × category × outcome × recruitment type × sex. */
export const incidentPeopleMonthlyRollup = pgTable(
  "incident_people_monthly_rollup",
  {
    month: date("month", { mode: "string" }).notNull(),
    areaPath: text("area_path").notNull(),
    categoryCode: text("category_code").notNull(),
    affectsUn: boolean("affects_un").notNull(),
    outcome: text("outcome").notNull(),
    recruitmentType: text("recruitment_type").notNull(),
    sex: text("sex").notNull(),
    people: integer("people").notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.month, table.areaPath, table.categoryCode, table.affectsUn, table.outcome, table.recruitmentType, table.sex] }),
  ],
);

/**
 * Coarser projections of the people rollup for the dashboard, which groups people by outcome
 * (and category, for the violence/safety split) and separately by recruitment type × sex:
 * reading these instead of the full people rollup keeps the dashboard fast at a million
 * incidents. Kept by a trigger on `incident_people_monthly_rollup` (migration `people_rollup_projections`).
 */
export const incidentOutcomeMonthlyRollup = pgTable(
  "incident_outcome_monthly_rollup",
  {
    month: date("month", { mode: "string" }).notNull(),
    areaPath: text("area_path").notNull(),
    categoryCode: text("category_code").notNull(),
    affectsUn: boolean("affects_un").notNull(),
    outcome: text("outcome").notNull(),
    people: integer("people").notNull(),
  },
  (table) => [primaryKey({ columns: [table.month, table.areaPath, table.categoryCode, table.affectsUn, table.outcome] })],
);

export const incidentDemographyMonthlyRollup = pgTable(
  "incident_demography_monthly_rollup",
  {
    month: date("month", { mode: "string" }).notNull(),
    areaPath: text("area_path").notNull(),
    affectsUn: boolean("affects_un").notNull(),
    recruitmentType: text("recruitment_type").notNull(),
    sex: text("sex").notNull(),
    people: integer("people").notNull(),
  },
  (table) => [primaryKey({ columns: [table.month, table.areaPath, table.affectsUn, table.recruitmentType, table.sex] })],
);
