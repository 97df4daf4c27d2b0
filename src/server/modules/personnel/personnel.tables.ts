import { boolean, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type {
  DependantRelationship,
  PersonnelCategory,
  RecruitmentType,
  Sex,
} from "../../../core/personnel/personnel.schemas.ts";
import { users } from "../../platform/auth/auth.tables.ts";
import { organisations, places } from "../structure/index.ts";

export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    dutyStationId: uuid("duty_station_id")
      .notNull()
      .references(() => places.id),
    // Copy of the duty station's path: scope filters need no join. Places never move.
    placePath: text("place_path").notNull(),
    indexNumber: text("index_number"),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    sex: text("sex").$type<Sex>().notNull(),
    recruitmentType: text("recruitment_type").$type<RecruitmentType>().notNull(),
    category: text("category").$type<PersonnelCategory>().notNull(),
    grade: text("grade"),
    userId: uuid("user_id")
      .unique()
      .references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The place path first (who is in an area: a prefix), then what the headcount groups by, so
    // that counting an area reads the index alone (travel/headcount/presence.service.ts).
    index("persons_place_path_idx").using(
      "btree",
      table.placePath.op("text_pattern_ops"),
      table.organisationId,
      table.recruitmentType,
      table.sex,
      table.dutyStationId,
      table.id,
    ),
    index("persons_organisation_idx").on(table.organisationId),
    index("persons_family_name_idx").on(table.familyName, table.givenName),
  ],
);

/**
 * Contacts and residential address: sensitive, need-to-know. Kept in their own table so
 * that no ordinary query of persons can carry them by accident; every read is audited.
 */
export const personPrivate = pgTable("person_private", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => persons.id, { onDelete: "cascade" }),
  phone: text("phone"),
  mobile: text("mobile"),
  email: text("email"),
  emergencyContact: text("emergency_contact"),
  residentialAddress: text("residential_address"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export const dependants = pgTable(
  "dependants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    relationship: text("relationship").$type<DependantRelationship>().notNull(),
    sex: text("sex").$type<Sex>().notNull(),
    birthDate: date("birth_date"),
    isEligible: boolean("is_eligible").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // With eligibility and sex: the headcount counts an area's dependants from the index alone.
    index("dependants_person_idx").on(table.personId, table.isEligible, table.sex),
    // The headcount's list pages through a large area's dependants in name order.
    index("dependants_name_idx").on(table.familyName, table.givenName),
  ],
);

