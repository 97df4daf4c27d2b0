CREATE TABLE "air_operator_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_id" uuid NOT NULL,
	"category" text NOT NULL,
	"effective_from" date NOT NULL,
	"source" text NOT NULL,
	"note" text,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "air_operators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"country" text,
	"notes" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "air_operators_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "air_rmt_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"operator_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"from_place_id" uuid NOT NULL,
	"to_place_id" uuid NOT NULL,
	"scope_paths" text[] NOT NULL,
	"justification" text NOT NULL,
	"matrix_id" uuid NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"level" text NOT NULL,
	"mitigations" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"status" text NOT NULL,
	"approver" text,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "air_rmt_policies" (
	"organisation_id" uuid PRIMARY KEY NOT NULL,
	"policy" text NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "travel_profiles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"dependant_id" uuid,
	"emergency_contact_name" text,
	"emergency_contact_phone" text,
	"emergency_contact_relationship" text,
	"travel_phone" text,
	"nationality" text,
	"passport_number" text,
	"passport_country" text,
	"passport_expires_on" date,
	"proof_of_life" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "travel_profiles_dependant_id_unique" UNIQUE("dependant_id")
);
--> statement-breakpoint
ALTER TABLE "air_operator_categories" ADD CONSTRAINT "air_operator_categories_operator_id_air_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."air_operators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_operator_categories" ADD CONSTRAINT "air_operator_categories_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_operators" ADD CONSTRAINT "air_operators_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_assessments" ADD CONSTRAINT "air_rmt_assessments_operator_id_air_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."air_operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_assessments" ADD CONSTRAINT "air_rmt_assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_assessments" ADD CONSTRAINT "air_rmt_assessments_from_place_id_places_id_fk" FOREIGN KEY ("from_place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_assessments" ADD CONSTRAINT "air_rmt_assessments_to_place_id_places_id_fk" FOREIGN KEY ("to_place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_assessments" ADD CONSTRAINT "air_rmt_assessments_matrix_id_risk_matrices_id_fk" FOREIGN KEY ("matrix_id") REFERENCES "public"."risk_matrices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_assessments" ADD CONSTRAINT "air_rmt_assessments_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_assessments" ADD CONSTRAINT "air_rmt_assessments_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_policies" ADD CONSTRAINT "air_rmt_policies_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "air_rmt_policies" ADD CONSTRAINT "air_rmt_policies_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_profiles" ADD CONSTRAINT "travel_profiles_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_profiles" ADD CONSTRAINT "travel_profiles_dependant_id_dependants_id_fk" FOREIGN KEY ("dependant_id") REFERENCES "public"."dependants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_profiles" ADD CONSTRAINT "travel_profiles_updated_by_user_id_users_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "air_operator_categories_operator_idx" ON "air_operator_categories" USING btree ("operator_id","effective_from");--> statement-breakpoint
CREATE INDEX "air_rmt_assessments_route_idx" ON "air_rmt_assessments" USING btree ("operator_id","from_place_id","to_place_id");--> statement-breakpoint
CREATE UNIQUE INDEX "travel_profiles_own_idx" ON "travel_profiles" USING btree ("person_id") WHERE dependant_id is null;