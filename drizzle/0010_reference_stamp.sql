CREATE TABLE "reference_stamp" (
	"id" integer PRIMARY KEY NOT NULL,
	"stamp" uuid NOT NULL
);
--> statement-breakpoint
INSERT INTO "reference_stamp" ("id", "stamp") VALUES (1, gen_random_uuid());
--> statement-breakpoint
-- Any change to the data behind grants and place resolution gives the stamp a new random value
-- (once per statement). An upsert, so a restore that empties the table starts it again.
CREATE OR REPLACE FUNCTION reference_stamp_renew() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reference_stamp AS t (id, stamp) VALUES (1, gen_random_uuid())
  ON CONFLICT (id) DO UPDATE SET stamp = excluded.stamp;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER persons_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON persons
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
--> statement-breakpoint
CREATE TRIGGER appointments_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON appointments
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
--> statement-breakpoint
CREATE TRIGGER places_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON places
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
--> statement-breakpoint
CREATE TRIGGER organisations_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
