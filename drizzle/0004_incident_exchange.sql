CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subscription_id" uuid NOT NULL,
	"event_type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_status_code" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"secret" text NOT NULL,
	"event_types" text[] NOT NULL,
	"place_id" uuid,
	"place_path" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"status_code" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"recipients" text[] NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"message_id" text,
	"meta" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"entity_type" text,
	"entity_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "incident_monthly_rollup" (
	"month" date NOT NULL,
	"area_path" text NOT NULL,
	"category_code" text NOT NULL,
	"affects_un" boolean NOT NULL,
	"incidents" integer NOT NULL,
	CONSTRAINT "incident_monthly_rollup_month_area_path_category_code_affects_un_pk" PRIMARY KEY("month","area_path","category_code","affects_un")
);
--> statement-breakpoint
CREATE TABLE "incident_people_monthly_rollup" (
	"month" date NOT NULL,
	"area_path" text NOT NULL,
	"category_code" text NOT NULL,
	"affects_un" boolean NOT NULL,
	"outcome" text NOT NULL,
	"recruitment_type" text NOT NULL,
	"sex" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "incident_people_monthly_rollup_month_area_path_category_code_affects_un_outcome_recruitment_type_sex_pk" PRIMARY KEY("month","area_path","category_code","affects_un","outcome","recruitment_type","sex")
);
--> statement-breakpoint
CREATE TABLE "victim_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"victim_person_id" uuid,
	"victim_name" text NOT NULL,
	"perpetrator_kind" text NOT NULL,
	"perpetrator_detail" text,
	"investigation_status" text NOT NULL,
	"judicial_status" text NOT NULL,
	"next_of_kin_focal_point_name" text,
	"next_of_kin_focal_point_contact" text,
	"notes" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "victim_follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"due_date" date NOT NULL,
	"owner_name" text,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "incidents_occurred_at_idx";--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "import_key" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_webhook_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."webhook_subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_cases" ADD CONSTRAINT "victim_cases_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_cases" ADD CONSTRAINT "victim_cases_victim_person_id_persons_id_fk" FOREIGN KEY ("victim_person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_follow_ups" ADD CONSTRAINT "victim_follow_ups_case_id_victim_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."victim_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "email_outbox_pending_idx" ON "email_outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "victim_cases_place_path_idx" ON "victim_cases" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "victim_cases_incident_idx" ON "victim_cases" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "victim_follow_ups_case_idx" ON "victim_follow_ups" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incidents_import_key_idx" ON "incidents" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "incidents_organisations_idx" ON "incidents" USING gin ("organisations_affected");--> statement-breakpoint
CREATE INDEX "incidents_search_idx" ON "incidents" USING gin (to_tsvector('simple', "description"));--> statement-breakpoint
CREATE INDEX "incidents_occurred_at_idx" ON "incidents" USING btree ("occurred_at","id");