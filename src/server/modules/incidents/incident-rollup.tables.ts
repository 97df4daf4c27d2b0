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
