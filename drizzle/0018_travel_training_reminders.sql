CREATE TABLE "training_reminders" (
	"certificate_id" uuid NOT NULL,
	"days_before" integer NOT NULL,
	"expires_on" date NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_reminders_once" UNIQUE("certificate_id","days_before","expires_on")
);
--> statement-breakpoint
ALTER TABLE "training_reminders" ADD CONSTRAINT "training_reminders_certificate_id_training_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."training_certificates"("id") ON DELETE cascade ON UPDATE no action;