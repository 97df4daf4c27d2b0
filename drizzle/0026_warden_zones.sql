CREATE TABLE "warden_zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"security_area_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"name" text NOT NULL,
	"localities" text[] DEFAULT '{}' NOT NULL,
	"polygon" jsonb,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warden_zone_households" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"zone_id" uuid NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "warden_zone_wardens" (
	"zone_id" uuid NOT NULL,
	"appointment_id" uuid NOT NULL,
	"is_deputy" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warden_zones" ADD CONSTRAINT "warden_zones_security_area_id_places_id_fk" FOREIGN KEY ("security_area_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warden_zone_households" ADD CONSTRAINT "warden_zone_households_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warden_zone_households" ADD CONSTRAINT "warden_zone_households_zone_id_warden_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."warden_zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warden_zone_wardens" ADD CONSTRAINT "warden_zone_wardens_zone_id_warden_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."warden_zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warden_zone_wardens" ADD CONSTRAINT "warden_zone_wardens_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "warden_zones_area_name_idx" ON "warden_zones" USING btree ("security_area_id",lower("name"));--> statement-breakpoint
CREATE INDEX "warden_zones_place_path_idx" ON "warden_zones" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "warden_zone_households_zone_idx" ON "warden_zone_households" USING btree ("zone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "warden_zone_wardens_pk" ON "warden_zone_wardens" USING btree ("zone_id","appointment_id");--> statement-breakpoint
CREATE INDEX "warden_zone_wardens_appointment_idx" ON "warden_zone_wardens" USING btree ("appointment_id");