-- Monthly rollups of incidents and people affected, kept exact by triggers, so dashboards
-- and reports read thousands of rows instead of millions. Only incidents past draft count.
-- The month is the incident's local month (its own time zone), as reports are read locally.
CREATE OR REPLACE FUNCTION incident_area_path(place_path text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(substring(place_path from '^/[^/]+/[^/]+/'), place_path)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incident_local_month(occurred_at timestamptz, time_zone text) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', occurred_at AT TIME ZONE time_zone)::date
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incident_rollup_apply(r incidents, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF r.status = 'draft' THEN
    RETURN;
  END IF;
  INSERT INTO incident_monthly_rollup AS t (month, area_path, category_code, affects_un, incidents)
  VALUES (incident_local_month(r.occurred_at, r.time_zone), incident_area_path(r.place_path), r.category_code, r.affects_un, sign)
  ON CONFLICT (month, area_path, category_code, affects_un) DO UPDATE SET incidents = t.incidents + excluded.incidents;
  INSERT INTO incident_people_monthly_rollup AS t (month, area_path, category_code, affects_un, outcome, recruitment_type, sex, people)
  SELECT incident_local_month(r.occurred_at, r.time_zone), incident_area_path(r.place_path), r.category_code, r.affects_un,
         p.outcome, p.recruitment_type, p.sex, sign * sum(p.count)::integer
    FROM incident_people p
   WHERE p.incident_id = r.id
   GROUP BY p.outcome, p.recruitment_type, p.sex
  ON CONFLICT (month, area_path, category_code, affects_un, outcome, recruitment_type, sex)
  DO UPDATE SET people = t.people + excluded.people;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incident_rollup_on_incident() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM incident_rollup_apply(NEW, 1);
  ELSIF TG_OP = 'UPDATE' THEN
    IF (OLD.status = 'draft') IS DISTINCT FROM (NEW.status = 'draft')
       OR OLD.occurred_at IS DISTINCT FROM NEW.occurred_at
       OR OLD.time_zone IS DISTINCT FROM NEW.time_zone
       OR OLD.place_path IS DISTINCT FROM NEW.place_path
       OR OLD.category_code IS DISTINCT FROM NEW.category_code
       OR OLD.affects_un IS DISTINCT FROM NEW.affects_un THEN
      PERFORM incident_rollup_apply(OLD, -1);
      PERFORM incident_rollup_apply(NEW, 1);
    END IF;
  ELSE
    -- Before the delete, while the incident's people still exist (they go by cascade).
    PERFORM incident_rollup_apply(OLD, -1);
    RETURN OLD;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incidents_rollup_write
  AFTER INSERT OR UPDATE ON incidents
  FOR EACH ROW EXECUTE FUNCTION incident_rollup_on_incident();
--> statement-breakpoint
CREATE TRIGGER incidents_rollup_delete
  BEFORE DELETE ON incidents
  FOR EACH ROW EXECUTE FUNCTION incident_rollup_on_incident();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incident_rollup_on_people() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  i incidents;
BEGIN
  SELECT * INTO i FROM incidents WHERE id = coalesce(NEW.incident_id, OLD.incident_id);
  -- A deleted incident already took its people out of the rollup.
  IF NOT FOUND OR i.status = 'draft' THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO incident_people_monthly_rollup AS t (month, area_path, category_code, affects_un, outcome, recruitment_type, sex, people)
    VALUES (incident_local_month(i.occurred_at, i.time_zone), incident_area_path(i.place_path), i.category_code, i.affects_un,
            OLD.outcome, OLD.recruitment_type, OLD.sex, -OLD.count)
    ON CONFLICT (month, area_path, category_code, affects_un, outcome, recruitment_type, sex)
    DO UPDATE SET people = t.people + excluded.people;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO incident_people_monthly_rollup AS t (month, area_path, category_code, affects_un, outcome, recruitment_type, sex, people)
    VALUES (incident_local_month(i.occurred_at, i.time_zone), incident_area_path(i.place_path), i.category_code, i.affects_un,
            NEW.outcome, NEW.recruitment_type, NEW.sex, NEW.count)
    ON CONFLICT (month, area_path, category_code, affects_un, outcome, recruitment_type, sex)
    DO UPDATE SET people = t.people + excluded.people;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incident_people_rollup
  AFTER INSERT OR UPDATE OR DELETE ON incident_people
  FOR EACH ROW EXECUTE FUNCTION incident_rollup_on_people();
