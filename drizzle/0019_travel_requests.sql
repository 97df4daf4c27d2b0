CREATE SEQUENCE "public"."travel_request_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "clearance_rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"version" integer NOT NULL,
	"rules" jsonb NOT NULL,
	"note" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clearance_rule_sets_version" UNIQUE("place_id","version")
);
--> statement-breakpoint
CREATE TABLE "clearance_suspensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"suspended_by_user_id" uuid,
	"suspended_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "travel_legs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"from_place_id" uuid NOT NULL,
	"from_path" text NOT NULL,
	"from_locality" text,
	"to_place_id" uuid NOT NULL,
	"to_path" text NOT NULL,
	"to_locality" text,
	"to_latitude" double precision,
	"to_longitude" double precision,
	"departure_local" text NOT NULL,
	"arrival_local" text NOT NULL,
	"departure_at" timestamp with time zone NOT NULL,
	"arrival_at" timestamp with time zone NOT NULL,
	"transport" text NOT NULL,
	"operator_id" uuid,
	"vehicle_arrangement" text,
	"accommodation" text,
	"contact" text,
	"status" text NOT NULL,
	"reviewer" text DEFAULT 'none' NOT NULL,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rule_set_id" uuid,
	"level_change_id" uuid,
	"evaluated_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
CREATE TABLE "travel_request_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"leg_id" uuid,
	"action" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "travel_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"purpose" text NOT NULL,
	"activity_key" uuid,
	"is_late_notification" boolean DEFAULT false NOT NULL,
	"scope_paths" text[] NOT NULL,
	"organisation_ids" uuid[] NOT NULL,
	"departs_at" timestamp with time zone NOT NULL,
	"returns_at" timestamp with time zone NOT NULL,
	"filed_by_user_id" uuid,
	"cleared_at" timestamp with time zone,
	"conditions_acknowledged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "travel_requests_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "travel_travellers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"person_id" uuid,
	"dependant_id" uuid,
	"position" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clearance_rule_sets" ADD CONSTRAINT "clearance_rule_sets_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_rule_sets" ADD CONSTRAINT "clearance_rule_sets_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_suspensions" ADD CONSTRAINT "clearance_suspensions_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_suspensions" ADD CONSTRAINT "clearance_suspensions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_suspensions" ADD CONSTRAINT "clearance_suspensions_suspended_by_user_id_users_id_fk" FOREIGN KEY ("suspended_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clearance_suspensions" ADD CONSTRAINT "clearance_suspensions_lifted_by_user_id_users_id_fk" FOREIGN KEY ("lifted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_legs" ADD CONSTRAINT "travel_legs_request_id_travel_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."travel_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_legs" ADD CONSTRAINT "travel_legs_from_place_id_places_id_fk" FOREIGN KEY ("from_place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_legs" ADD CONSTRAINT "travel_legs_to_place_id_places_id_fk" FOREIGN KEY ("to_place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_legs" ADD CONSTRAINT "travel_legs_rule_set_id_clearance_rule_sets_id_fk" FOREIGN KEY ("rule_set_id") REFERENCES "public"."clearance_rule_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_legs" ADD CONSTRAINT "travel_legs_decided_by_user_id_users_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_request_steps" ADD CONSTRAINT "travel_request_steps_request_id_travel_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."travel_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_request_steps" ADD CONSTRAINT "travel_request_steps_leg_id_travel_legs_id_fk" FOREIGN KEY ("leg_id") REFERENCES "public"."travel_legs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_request_steps" ADD CONSTRAINT "travel_request_steps_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_requests" ADD CONSTRAINT "travel_requests_filed_by_user_id_users_id_fk" FOREIGN KEY ("filed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_travellers" ADD CONSTRAINT "travel_travellers_request_id_travel_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."travel_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_travellers" ADD CONSTRAINT "travel_travellers_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "travel_travellers" ADD CONSTRAINT "travel_travellers_dependant_id_dependants_id_fk" FOREIGN KEY ("dependant_id") REFERENCES "public"."dependants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clearance_suspensions_place_idx" ON "clearance_suspensions" USING btree ("place_id");--> statement-breakpoint
CREATE INDEX "travel_legs_request_idx" ON "travel_legs" USING btree ("request_id","position");--> statement-breakpoint
CREATE INDEX "travel_legs_to_path_idx" ON "travel_legs" USING btree ("to_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "travel_legs_review_idx" ON "travel_legs" USING btree ("departure_at") WHERE status = 'review';--> statement-breakpoint
CREATE INDEX "travel_request_steps_request_idx" ON "travel_request_steps" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "travel_requests_departs_idx" ON "travel_requests" USING btree ("departs_at");--> statement-breakpoint
CREATE INDEX "travel_requests_scope_paths_idx" ON "travel_requests" USING gin ("scope_paths");--> statement-breakpoint
CREATE INDEX "travel_requests_status_idx" ON "travel_requests" USING btree ("status") WHERE status in ('under_review', 'blocked', 'changes_requested', 'cleared', 'notified');--> statement-breakpoint
CREATE INDEX "travel_travellers_request_idx" ON "travel_travellers" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "travel_travellers_person_idx" ON "travel_travellers" USING btree ("person_id");