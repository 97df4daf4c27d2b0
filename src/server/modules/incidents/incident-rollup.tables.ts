import { boolean, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Materialised monthly counts for dashboards and reports, kept exact by statement-level triggers
 * on `incidents` and `incident_people` (migration `incident_rollups_by_statement`: one aggregated
 * upsert per table and statement, through `incident_rollup_add` and `incident_people_rollup_add`,
 * which write every rollup table below, so they cannot drift apart). Only incidents past
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
  // A dashboard filtered on one category reads that category's months, not every row of the period.
  (table) => [
    primaryKey({ columns: [table.month, table.areaPath, table.categoryCode, table.affectsUn] }),
    index("incident_monthly_rollup_category_idx").on(table.categoryCode, table.month),
  ],
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
    // The demography of one category (no projection has both) is read through this index.
    index("incident_people_monthly_rollup_category_idx").on(table.categoryCode, table.month),
  ],
);

/**
 * Coarser projections of the people rollup for the dashboard, which groups people by outcome
 * (and category, for the violence/safety split) and separately by recruitment type × sex:
 * reading these instead of the full people rollup keeps the dashboard fast at a million
 * incidents. Written with the people rollup, in the same statement.
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

/**
 * Incidents by month × area × soft switch, without the category: the dashboard's counts over
 * time, which yearly tables cannot give, read from a fourteenth of the monthly rollup's rows.
 * Kept by the same triggers (migration `incident_area_monthly_rollup`).
 */
export const incidentAreaMonthlyRollup = pgTable(
  "incident_area_monthly_rollup",
  {
    month: date("month", { mode: "string" }).notNull(),
    areaPath: text("area_path").notNull(),
    affectsUn: boolean("affects_un").notNull(),
    incidents: integer("incidents").notNull(),
  },
  (table) => [primaryKey({ columns: [table.month, table.areaPath, table.affectsUn] })],
);

/**
 * The same counts per calendar year (`year` is its first day), for dashboards over long periods:
 * a ten-year dashboard reads whole years here and only the months at the ends from the monthly
 * tables, about a tenth of the rows. Kept by the same statement-level triggers as the monthly
 * tables (migration `incident_rollups_by_statement`), in the same statements.
 */
export const incidentYearlyRollup = pgTable(
  "incident_yearly_rollup",
  {
    year: date("year", { mode: "string" }).notNull(),
    areaPath: text("area_path").notNull(),
    categoryCode: text("category_code").notNull(),
    affectsUn: boolean("affects_un").notNull(),
    incidents: integer("incidents").notNull(),
  },
  (table) => [primaryKey({ columns: [table.year, table.areaPath, table.categoryCode, table.affectsUn] })],
);

export const incidentOutcomeYearlyRollup = pgTable(
  "incident_outcome_yearly_rollup",
  {
    year: date("year", { mode: "string" }).notNull(),
    areaPath: text("area_path").notNull(),
    categoryCode: text("category_code").notNull(),
    affectsUn: boolean("affects_un").notNull(),
    outcome: text("outcome").notNull(),
    people: integer("people").notNull(),
  },
  (table) => [primaryKey({ columns: [table.year, table.areaPath, table.categoryCode, table.affectsUn, table.outcome] })],
);

export const incidentDemographyYearlyRollup = pgTable(
  "incident_demography_yearly_rollup",
  {
    year: date("year", { mode: "string" }).notNull(),
    areaPath: text("area_path").notNull(),
    affectsUn: boolean("affects_un").notNull(),
    recruitmentType: text("recruitment_type").notNull(),
    sex: text("sex").notNull(),
    people: integer("people").notNull(),
  },
  (table) => [primaryKey({ columns: [table.year, table.areaPath, table.affectsUn, table.recruitmentType, table.sex] })],
);
