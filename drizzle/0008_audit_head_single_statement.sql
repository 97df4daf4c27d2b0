ALTER TABLE "audit_head" ADD COLUMN "prev_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL;--> statement-breakpoint
-- The head of an existing chain learns the hash before its last entry; an empty chain gets its
-- genesis row, so every writer can lock and advance the head with one UPDATE.
UPDATE "audit_head" SET "prev_hash" = "audit_log"."prev_hash" FROM "audit_log" WHERE "audit_log"."seq" = "audit_head"."seq";
--> statement-breakpoint
INSERT INTO "audit_head" ("id", "seq", "hash", "prev_hash")
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000', '0000000000000000000000000000000000000000000000000000000000000000')
ON CONFLICT ("id") DO NOTHING;
