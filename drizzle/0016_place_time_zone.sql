ALTER TABLE "notifications" ALTER COLUMN "title" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "message_key" text;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD COLUMN "carried_from_id" uuid;--> statement-breakpoint
ALTER TABLE "srm_measures" ADD COLUMN "verification_note" text;--> statement-breakpoint
ALTER TABLE "srm_assessments" ADD COLUMN "returned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "srm_assessments" ADD COLUMN "returned_by_name" text;--> statement-breakpoint
ALTER TABLE "srm_assessments" ADD COLUMN "return_reason" text;--> statement-breakpoint
ALTER TABLE "places" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_carried_from_id_risk_acceptances_id_fk" FOREIGN KEY ("carried_from_id") REFERENCES "public"."risk_acceptances"("id") ON DELETE no action ON UPDATE no action;