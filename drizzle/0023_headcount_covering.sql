DROP INDEX "dependants_person_idx";--> statement-breakpoint
DROP INDEX "persons_place_path_idx";--> statement-breakpoint
CREATE INDEX "dependants_person_idx" ON "dependants" USING btree ("person_id","is_eligible","sex");--> statement-breakpoint
CREATE INDEX "persons_place_path_idx" ON "persons" USING btree ("place_path" text_pattern_ops,"organisation_id","recruitment_type","sex","duty_station_id","id");--> statement-breakpoint
-- The headcount keeps the count of each area's stationed people while the reference stamp holds
-- (travel/headcount): a change to a dependant must renew it, as a change to a person does.
CREATE TRIGGER dependants_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dependants
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
