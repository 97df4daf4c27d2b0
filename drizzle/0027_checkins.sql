CREATE TABLE "mass_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"audience" jsonb NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"channels" jsonb NOT NULL,
	"is_test" boolean DEFAULT false NOT NULL,
	"sent_by_user_id" uuid,
	"sent_by_name" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mass_message_recipients" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"user_id" uuid,
	"organisation_id" uuid NOT NULL,
	"zone_id" uuid,
	"people" integer DEFAULT 1 NOT NULL,
	"has_email" boolean DEFAULT false NOT NULL,
	"has_mobile" boolean DEFAULT false NOT NULL,
	"is_traveller" boolean DEFAULT false NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answer_channel" text
);
--> statement-breakpoint
CREATE TABLE "mass_message_replies" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"message_id" uuid NOT NULL,
	"recipient_id" bigint NOT NULL,
	"answer" text NOT NULL,
	"note" text,
	"latitude" double precision,
	"longitude" double precision,
	"channel" text NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mass_messages" ADD CONSTRAINT "mass_messages_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_messages" ADD CONSTRAINT "mass_messages_sent_by_user_id_users_id_fk" FOREIGN KEY ("sent_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_message_recipients" ADD CONSTRAINT "mass_message_recipients_message_id_mass_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."mass_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_message_recipients" ADD CONSTRAINT "mass_message_recipients_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_message_recipients" ADD CONSTRAINT "mass_message_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_message_recipients" ADD CONSTRAINT "mass_message_recipients_zone_id_warden_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."warden_zones"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_message_replies" ADD CONSTRAINT "mass_message_replies_message_id_mass_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."mass_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_message_replies" ADD CONSTRAINT "mass_message_replies_recipient_id_mass_message_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."mass_message_recipients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mass_message_replies" ADD CONSTRAINT "mass_message_replies_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mass_messages_place_path_idx" ON "mass_messages" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "mass_messages_sent_idx" ON "mass_messages" USING btree ("sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mass_message_recipients_person_idx" ON "mass_message_recipients" USING btree ("message_id","person_id");--> statement-breakpoint
CREATE INDEX "mass_message_recipients_zone_idx" ON "mass_message_recipients" USING btree ("message_id","zone_id");--> statement-breakpoint
CREATE INDEX "mass_message_replies_message_idx" ON "mass_message_replies" USING btree ("message_id","id");--> statement-breakpoint
CREATE INDEX "mass_message_replies_recipient_idx" ON "mass_message_replies" USING btree ("recipient_id");