ALTER TABLE "travel_requests" ADD COLUMN "verification_token" text;--> statement-breakpoint
ALTER TABLE "travel_requests" ADD CONSTRAINT "travel_requests_verification_token_unique" UNIQUE("verification_token");--> statement-breakpoint
-- Trips cleared before this column existed get a token too (gen_random_uuid draws from the strong random source: two give 244 random bits).
UPDATE "travel_requests" SET "verification_token" = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') WHERE "status" = 'cleared' AND "verification_token" IS NULL;
