import { boolean, date, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import type { CertificateSource, CourseKind } from "../../../../core/travel/training.ts";
import { files } from "../../../platform/files/files.tables.ts";
import { persons } from "../../personnel/index.ts";

/** The course catalogue (BSAFE, SSAFE, area inductions), kept by the system administrator. */
export const trainingCourses = pgTable("training_courses", {
  id: uuid("id").primaryKey().defaultRandom(),
  code: text("code").notNull().unique(),
  kind: text("kind").$type<CourseKind>().notNull(),
  nameEn: text("name_en").notNull(),
  nameFr: text("name_fr").notNull(),
  validityMonths: integer("validity_months").notNull(),
  isActive: boolean("is_active").notNull().default(true),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A person's certificate of a course. `expiresOn` is completion plus the course's validity unless
 * set by hand with `expiryReason`. Scope comes from the person (their duty station and
 * organisation, read by join: a person may move). One certificate per person, course and
 * completion date: importing the same export again adds nothing.
 */
export const trainingCertificates = pgTable(
  "training_certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => trainingCourses.id),
    completedOn: date("completed_on", { mode: "string" }).notNull(),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    expiryReason: text("expiry_reason"),
    issuer: text("issuer"),
    source: text("source").$type<CertificateSource>().notNull(),
    fileId: uuid("file_id").references(() => files.id),
    createdByUserId: uuid("created_by_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique("training_certificates_once").on(table.personId, table.courseId, table.completedOn),
    index("training_certificates_person_idx").on(table.personId),
    index("training_certificates_expiry_idx").on(table.expiresOn),
  ],
);

/**
 * Expiry reminders already sent: one row per certificate, reminder (days before expiry) and the
 * expiry date it was about, so a job run twice sends nothing twice, while a corrected expiry date
 * is reminded again.
 */
export const trainingReminders = pgTable(
  "training_reminders",
  {
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => trainingCertificates.id, { onDelete: "cascade" }),
    daysBefore: integer("days_before").notNull(),
    expiresOn: date("expires_on", { mode: "string" }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [unique("training_reminders_once").on(table.certificateId, table.daysBefore, table.expiresOn)],
);
