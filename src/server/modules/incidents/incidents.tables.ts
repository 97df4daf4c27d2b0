import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AssetAffectedInput, IncidentSex, IncidentSource, PremisesAffectedInput } from "../../../core/incidents/incident.schemas.ts";
import type { PersonOutcome } from "../../../core/incidents/incident-taxonomy.types.ts";
import type { RecruitmentType } from "../../../core/personnel/personnel.schemas.ts";
import { files } from "../../platform/files/files.tables.ts";
import { persons } from "../personnel/index.ts";
import { places } from "../structure/index.ts";

export const incidentStatuses = ["draft", "submitted", "verified", "closed"] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** SSIRS incident records. The place is always resolved to a place of the hierarchy (`placePath`). */
export const incidents = pgTable(
  "incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    taxonomyVersion: integer("taxonomy_version").notNull(),
    categoryCode: text("category_code").notNull(),
    status: text("status").$type<IncidentStatus>().notNull().default("draft"),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    timeZone: text("time_zone").notNull(),
    dutyStationId: uuid("duty_station_id").references(() => places.id),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    placeId: uuid("place_id")
      .notNull()
      .references(() => places.id),
    placePath: text("place_path").notNull(),
    description: text("description").notNull(),
    source: text("source").$type<IncidentSource>().notNull(),
    sourceDetail: text("source_detail"),
    reporterName: text("reporter_name").notNull(),
    reporterPersonId: uuid("reporter_person_id").references(() => persons.id),
    reporterContact: text("reporter_contact"),
    affectsUn: boolean("affects_un").notNull(),
    isNearMiss: boolean("is_near_miss").notNull(),
    // Sexual assault: narrative and victims are need-to-know (DOMAIN §3).
    isSensitive: boolean("is_sensitive").notNull(),
    organisationsAffected: uuid("organisations_affected").array().notNull().default([]),
    premisesAffected: jsonb("premises_affected").$type<PremisesAffectedInput[]>().notNull().default([]),
    assetsAffected: jsonb("assets_affected").$type<AssetAffectedInput[]>().notNull().default([]),
    createdByUserId: uuid("created_by_user_id"),
    // Imported rows: the source's external id, or a hash of the row's content, so that
    // importing the same file again adds nothing.
    importKey: text("import_key"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    verifiedByName: text("verified_by_name"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("incidents_place_path_idx").using("btree", table.placePath.op("text_pattern_ops")),
    index("incidents_occurred_at_idx").on(table.occurredAt, table.id),
    index("incidents_category_idx").on(table.categoryCode, table.occurredAt),
    // The list sorted by last change pages on (updated_at, id).
    index("incidents_updated_at_idx").on(table.updatedAt, table.id),
    uniqueIndex("incidents_import_key_idx").on(table.importKey),
    index("incidents_organisations_idx").using("gin", table.organisationsAffected),
    // Full-text search over the narrative; 'simple' because reports mix English and French.
    index("incidents_search_idx").using("gin", sql`to_tsvector('simple', ${table.description})`),
  ],
);

/** People affected, by outcome × recruitment type × sex; a line may name one personnel record. */
export const incidentPeople = pgTable(
  "incident_people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    outcome: text("outcome").$type<PersonOutcome>().notNull(),
    recruitmentType: text("recruitment_type").$type<RecruitmentType>().notNull(),
    sex: text("sex").$type<IncidentSex>().notNull(),
    count: integer("count").notNull(),
    personId: uuid("person_id").references(() => persons.id),
    organisationId: uuid("organisation_id"),
  },
  (table) => [index("incident_people_incident_idx").on(table.incidentId)],
);

/** Files attached to an incident (photos, statements, police reports), stored in `files`. */
export const incidentAttachments = pgTable(
  "incident_attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    fileId: uuid("file_id")
      .notNull()
      .references(() => files.id),
    description: text("description"),
    uploadedByUserId: uuid("uploaded_by_user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("incident_attachments_incident_idx").on(table.incidentId)],
);

/** People named on a sensitive incident's need-to-know list, beside the area's P/C/SA. */
export const incidentNeedToKnow = pgTable(
  "incident_need_to_know",
  {
    incidentId: uuid("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
  },
  (table) => [primaryKey({ columns: [table.incidentId, table.personId] })],
);
