CREATE TABLE "incident_need_to_know" (
	"incident_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "incident_need_to_know_incident_id_person_id_pk" PRIMARY KEY("incident_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "incident_people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	"recruitment_type" text NOT NULL,
	"sex" text NOT NULL,
	"count" integer NOT NULL,
	"person_id" uuid,
	"organisation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"taxonomy_version" integer NOT NULL,
	"category_code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"duty_station_id" uuid,
	"latitude" double precision,
	"longitude" double precision,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"description" text NOT NULL,
	"source" text NOT NULL,
	"source_detail" text,
	"reporter_name" text NOT NULL,
	"reporter_person_id" uuid,
	"reporter_contact" text,
	"affects_un" boolean NOT NULL,
	"is_near_miss" boolean NOT NULL,
	"is_sensitive" boolean NOT NULL,
	"organisations_affected" uuid[] DEFAULT '{}' NOT NULL,
	"premises_affected" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assets_affected" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by_user_id" uuid,
	"submitted_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"verified_by_name" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incident_need_to_know" ADD CONSTRAINT "incident_need_to_know_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_need_to_know" ADD CONSTRAINT "incident_need_to_know_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_people" ADD CONSTRAINT "incident_people_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_people" ADD CONSTRAINT "incident_people_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_duty_station_id_places_id_fk" FOREIGN KEY ("duty_station_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_reporter_person_id_persons_id_fk" FOREIGN KEY ("reporter_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incident_people_incident_idx" ON "incident_people" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incidents_place_path_idx" ON "incidents" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "incidents_occurred_at_idx" ON "incidents" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "incidents_category_idx" ON "incidents" USING btree ("category_code","occurred_at");