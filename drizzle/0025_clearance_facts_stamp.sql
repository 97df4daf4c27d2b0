-- The facts a filing's clearance weighs (the area's rules and suspensions, the security level in
-- force, the SRM measures that apply to travel) are kept per area while the reference stamp holds
-- (travel/requests/clearance-facts.ts), so a change to any of them renews the stamp. Updates renew
-- it only when a column the clearance reads changes: the daily overdue-measure notices touch
-- srm_measures without emptying every cache.
CREATE TRIGGER clearance_rule_sets_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON clearance_rule_sets
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
--> statement-breakpoint
CREATE TRIGGER clearance_suspensions_reference_stamp AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON clearance_suspensions
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
--> statement-breakpoint
CREATE TRIGGER security_level_changes_reference_stamp AFTER INSERT OR UPDATE OF place_id, place_path, levels, overall, status, endorsed_at OR DELETE OR TRUNCATE ON security_level_changes
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
--> statement-breakpoint
CREATE TRIGGER srm_measures_reference_stamp AFTER INSERT OR UPDATE OF place_id, place_path, organisation_id, category, status, title OR DELETE OR TRUNCATE ON srm_measures
  FOR EACH STATEMENT EXECUTE FUNCTION reference_stamp_renew();
