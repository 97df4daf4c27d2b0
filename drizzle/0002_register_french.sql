ALTER TABLE "responsibilities" ADD COLUMN "actor_fr" text;--> statement-breakpoint
ALTER TABLE "responsibilities" ADD COLUMN "heading_fr" text;--> statement-breakpoint
ALTER TABLE "responsibilities" ADD COLUMN "text_fr" text;