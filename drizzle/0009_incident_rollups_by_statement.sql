CREATE TABLE "incident_demography_yearly_rollup" (
	"year" date NOT NULL,
	"area_path" text NOT NULL,
	"affects_un" boolean NOT NULL,
	"recruitment_type" text NOT NULL,
	"sex" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "incident_demography_yearly_rollup_year_area_path_affects_un_recruitment_type_sex_pk" PRIMARY KEY("year","area_path","affects_un","recruitment_type","sex")
);
--> statement-breakpoint
CREATE TABLE "incident_outcome_yearly_rollup" (
	"year" date NOT NULL,
	"area_path" text NOT NULL,
	"category_code" text NOT NULL,
	"affects_un" boolean NOT NULL,
	"outcome" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "incident_outcome_yearly_rollup_year_area_path_category_code_affects_un_outcome_pk" PRIMARY KEY("year","area_path","category_code","affects_un","outcome")
);
--> statement-breakpoint
CREATE TABLE "incident_yearly_rollup" (
	"year" date NOT NULL,
	"area_path" text NOT NULL,
	"category_code" text NOT NULL,
	"affects_un" boolean NOT NULL,
	"incidents" integer NOT NULL,
	CONSTRAINT "incident_yearly_rollup_year_area_path_category_code_affects_un_pk" PRIMARY KEY("year","area_path","category_code","affects_un")
);
--> statement-breakpoint
-- The rollups were kept by row-level triggers: one upsert per incident and per people line, which
-- was a third of an import's time. From here they are kept by statement-level triggers that read
-- the statement's transition tables and add one aggregated delta per rollup table per statement.
-- Every rollup table (monthly, yearly, and the people projections) is written by the two functions
-- below, so they cannot drift apart. Counting rules are unchanged: non-draft incidents only, in
-- their local month, areas cut at two levels, people in the category of their incident.
DROP TRIGGER IF EXISTS incidents_rollup_write ON incidents;
--> statement-breakpoint
DROP TRIGGER IF EXISTS incidents_rollup_delete ON incidents;
--> statement-breakpoint
DROP TRIGGER IF EXISTS incident_people_rollup ON incident_people;
--> statement-breakpoint
DROP TRIGGER IF EXISTS incident_people_rollup_projections ON incident_people_monthly_rollup;
--> statement-breakpoint
DROP FUNCTION IF EXISTS incident_rollup_on_incident();
--> statement-breakpoint
DROP FUNCTION IF EXISTS incident_rollup_on_people();
--> statement-breakpoint
DROP FUNCTION IF EXISTS incident_rollup_apply(incidents, integer);
--> statement-breakpoint
DROP FUNCTION IF EXISTS incident_people_rollup_project();
--> statement-breakpoint
INSERT INTO incident_yearly_rollup (year, area_path, category_code, affects_un, incidents)
SELECT date_trunc('year', month::timestamp)::date, area_path, category_code, affects_un, sum(incidents)::integer
  FROM incident_monthly_rollup
 GROUP BY 1, area_path, category_code, affects_un;
--> statement-breakpoint
INSERT INTO incident_outcome_yearly_rollup (year, area_path, category_code, affects_un, outcome, people)
SELECT date_trunc('year', month::timestamp)::date, area_path, category_code, affects_un, outcome, sum(people)::integer
  FROM incident_outcome_monthly_rollup
 GROUP BY 1, area_path, category_code, affects_un, outcome;
--> statement-breakpoint
INSERT INTO incident_demography_yearly_rollup (year, area_path, affects_un, recruitment_type, sex, people)
SELECT date_trunc('year', month::timestamp)::date, area_path, affects_un, recruitment_type, sex, sum(people)::integer
  FROM incident_demography_monthly_rollup
 GROUP BY 1, area_path, affects_un, recruitment_type, sex;
--> statement-breakpoint
-- A change of the counts: +1 / -1 incident, or +n / -n people, under a monthly key.
CREATE TYPE incident_rollup_delta AS (month date, area_path text, category_code text, affects_un boolean, incidents integer);
--> statement-breakpoint
CREATE TYPE incident_people_rollup_delta AS (
  month date, area_path text, category_code text, affects_un boolean, outcome text, recruitment_type text, sex text, people integer
);
--> statement-breakpoint
-- Deltas are summed per key first (ON CONFLICT may touch a row once per statement); keys that
-- sum to zero (an incident edited without moving it) write nothing.
CREATE FUNCTION incident_rollup_add(deltas incident_rollup_delta[]) RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT month, area_path, category_code, affects_un, sum(incidents)::integer AS incidents
      FROM unnest(deltas)
     GROUP BY month, area_path, category_code, affects_un
    HAVING sum(incidents) <> 0
  ), monthly AS (
    INSERT INTO incident_monthly_rollup AS t (month, area_path, category_code, affects_un, incidents)
    SELECT month, area_path, category_code, affects_un, incidents FROM d
    ON CONFLICT (month, area_path, category_code, affects_un) DO UPDATE SET incidents = t.incidents + excluded.incidents
  )
  INSERT INTO incident_yearly_rollup AS t (year, area_path, category_code, affects_un, incidents)
  SELECT date_trunc('year', month::timestamp)::date, area_path, category_code, affects_un, sum(incidents)::integer
    FROM d
   GROUP BY 1, area_path, category_code, affects_un
  HAVING sum(incidents) <> 0
  ON CONFLICT (year, area_path, category_code, affects_un) DO UPDATE SET incidents = t.incidents + excluded.incidents
$$;
--> statement-breakpoint
CREATE FUNCTION incident_people_rollup_add(deltas incident_people_rollup_delta[]) RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT month, area_path, category_code, affects_un, outcome, recruitment_type, sex, sum(people)::integer AS people
      FROM unnest(deltas)
     GROUP BY month, area_path, category_code, affects_un, outcome, recruitment_type, sex
    HAVING sum(people) <> 0
  ), people AS (
    INSERT INTO incident_people_monthly_rollup AS t (month, area_path, category_code, affects_un, outcome, recruitment_type, sex, people)
    SELECT month, area_path, category_code, affects_un, outcome, recruitment_type, sex, people FROM d
    ON CONFLICT (month, area_path, category_code, affects_un, outcome, recruitment_type, sex) DO UPDATE SET people = t.people + excluded.people
  ), outcome_monthly AS (
    INSERT INTO incident_outcome_monthly_rollup AS t (month, area_path, category_code, affects_un, outcome, people)
    SELECT month, area_path, category_code, affects_un, outcome, sum(people)::integer
      FROM d GROUP BY month, area_path, category_code, affects_un, outcome HAVING sum(people) <> 0
    ON CONFLICT (month, area_path, category_code, affects_un, outcome) DO UPDATE SET people = t.people + excluded.people
  ), outcome_yearly AS (
    INSERT INTO incident_outcome_yearly_rollup AS t (year, area_path, category_code, affects_un, outcome, people)
    SELECT date_trunc('year', month::timestamp)::date, area_path, category_code, affects_un, outcome, sum(people)::integer
      FROM d GROUP BY 1, area_path, category_code, affects_un, outcome HAVING sum(people) <> 0
    ON CONFLICT (year, area_path, category_code, affects_un, outcome) DO UPDATE SET people = t.people + excluded.people
  ), demography_monthly AS (
    INSERT INTO incident_demography_monthly_rollup AS t (month, area_path, affects_un, recruitment_type, sex, people)
    SELECT month, area_path, affects_un, recruitment_type, sex, sum(people)::integer
      FROM d GROUP BY month, area_path, affects_un, recruitment_type, sex HAVING sum(people) <> 0
    ON CONFLICT (month, area_path, affects_un, recruitment_type, sex) DO UPDATE SET people = t.people + excluded.people
  )
  INSERT INTO incident_demography_yearly_rollup AS t (year, area_path, affects_un, recruitment_type, sex, people)
  SELECT date_trunc('year', month::timestamp)::date, area_path, affects_un, recruitment_type, sex, sum(people)::integer
    FROM d GROUP BY 1, area_path, affects_un, recruitment_type, sex HAVING sum(people) <> 0
  ON CONFLICT (year, area_path, affects_un, recruitment_type, sex) DO UPDATE SET people = t.people + excluded.people
$$;
--> statement-breakpoint
-- New incidents have no people lines yet (the lines refer to them through a foreign key that is
-- checked at once), so only the incidents are counted here; the lines count when they go in.
CREATE FUNCTION incident_rollup_on_incidents_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas incident_rollup_delta[];
BEGIN
  SELECT array(
    SELECT row(incident_local_month(n.occurred_at, n.time_zone), incident_area_path(n.place_path), n.category_code, n.affects_un, 1)::incident_rollup_delta
      FROM new_incidents n
     WHERE n.status <> 'draft')
    INTO deltas;
  IF cardinality(deltas) > 0 THEN
    PERFORM incident_rollup_add(deltas);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incidents_rollup_insert
  AFTER INSERT ON incidents REFERENCING NEW TABLE AS new_incidents
  FOR EACH STATEMENT EXECUTE FUNCTION incident_rollup_on_incidents_insert();
--> statement-breakpoint
-- Each updated row is taken out under its old key and put back under its new one; summed per
-- incident first, so a row whose key did not change (most edits, a verification) cancels out
-- before its people are looked up. A row that moves takes its people lines with it.
CREATE FUNCTION incident_rollup_on_incidents_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  incident_deltas incident_rollup_delta[];
  people_deltas incident_people_rollup_delta[];
BEGIN
  WITH sides AS (
    SELECT o.id, -1 AS sign, incident_local_month(o.occurred_at, o.time_zone) AS month, incident_area_path(o.place_path) AS area_path,
           o.category_code, o.affects_un
      FROM old_incidents o WHERE o.status <> 'draft'
    UNION ALL
    SELECT n.id, 1, incident_local_month(n.occurred_at, n.time_zone), incident_area_path(n.place_path), n.category_code, n.affects_un
      FROM new_incidents n WHERE n.status <> 'draft'
  ), moved AS (
    SELECT id, month, area_path, category_code, affects_un, sum(sign)::integer AS sign
      FROM sides GROUP BY id, month, area_path, category_code, affects_un HAVING sum(sign) <> 0
  )
  SELECT array(SELECT row(m.month, m.area_path, m.category_code, m.affects_un, m.sign)::incident_rollup_delta FROM moved m),
         array(SELECT row(m.month, m.area_path, m.category_code, m.affects_un, p.outcome, p.recruitment_type, p.sex, m.sign * p.count)::incident_people_rollup_delta
                 FROM moved m JOIN incident_people p ON p.incident_id = m.id)
    INTO incident_deltas, people_deltas;
  IF cardinality(incident_deltas) > 0 THEN
    PERFORM incident_rollup_add(incident_deltas);
    PERFORM incident_people_rollup_add(people_deltas);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incidents_rollup_update
  AFTER UPDATE ON incidents REFERENCING OLD TABLE AS old_incidents NEW TABLE AS new_incidents
  FOR EACH STATEMENT EXECUTE FUNCTION incident_rollup_on_incidents_update();
--> statement-breakpoint
-- Deleting incidents stays a row-level trigger, BEFORE the delete: the people lines go by cascade
-- and are gone by the time a statement-level AFTER trigger on incidents would run, so it could not
-- take them out. Nothing in Vigil deletes incidents in bulk (only by hand, in SQL).
CREATE FUNCTION incident_rollup_on_incident_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  local_month date := incident_local_month(OLD.occurred_at, OLD.time_zone);
  area text := incident_area_path(OLD.place_path);
BEGIN
  IF OLD.status <> 'draft' THEN
    PERFORM incident_rollup_add(array[row(local_month, area, OLD.category_code, OLD.affects_un, -1)::incident_rollup_delta]);
    PERFORM incident_people_rollup_add(array(
      SELECT row(local_month, area, OLD.category_code, OLD.affects_un, p.outcome, p.recruitment_type, p.sex, -p.count)::incident_people_rollup_delta
        FROM incident_people p WHERE p.incident_id = OLD.id));
  END IF;
  RETURN OLD;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incidents_rollup_delete
  BEFORE DELETE ON incidents
  FOR EACH ROW EXECUTE FUNCTION incident_rollup_on_incident_delete();
--> statement-breakpoint
-- People lines: each added line counts under its incident's key, each removed line is taken out.
-- A line whose incident is gone was removed by the incident's delete (cascade), which already took
-- it out. Lines are looked up with their incident as it is now, after the statement.
CREATE FUNCTION incident_rollup_on_people_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas incident_people_rollup_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array(
      SELECT row(incident_local_month(i.occurred_at, i.time_zone), incident_area_path(i.place_path), i.category_code, i.affects_un,
                 p.outcome, p.recruitment_type, p.sex, p.count)::incident_people_rollup_delta
        FROM new_lines p JOIN incidents i ON i.id = p.incident_id
       WHERE i.status <> 'draft')
      INTO deltas;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array(
      SELECT row(incident_local_month(i.occurred_at, i.time_zone), incident_area_path(i.place_path), i.category_code, i.affects_un,
                 p.outcome, p.recruitment_type, p.sex, -p.count)::incident_people_rollup_delta
        FROM old_lines p JOIN incidents i ON i.id = p.incident_id
       WHERE i.status <> 'draft')
      INTO deltas;
  ELSE
    -- Summed per line first, so lines updated without a counted change cancel out before the join.
    WITH sides AS (
      SELECT id, incident_id, outcome, recruitment_type, sex, -count AS count FROM old_lines
      UNION ALL
      SELECT id, incident_id, outcome, recruitment_type, sex, count FROM new_lines
    ), changed AS (
      SELECT incident_id, outcome, recruitment_type, sex, sum(count)::integer AS count
        FROM sides GROUP BY id, incident_id, outcome, recruitment_type, sex HAVING sum(count) <> 0
    )
    SELECT array(
      SELECT row(incident_local_month(i.occurred_at, i.time_zone), incident_area_path(i.place_path), i.category_code, i.affects_un,
                 p.outcome, p.recruitment_type, p.sex, p.count)::incident_people_rollup_delta
        FROM changed p JOIN incidents i ON i.id = p.incident_id
       WHERE i.status <> 'draft')
      INTO deltas;
  END IF;
  IF cardinality(deltas) > 0 THEN
    PERFORM incident_people_rollup_add(deltas);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incident_people_rollup_insert
  AFTER INSERT ON incident_people REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION incident_rollup_on_people_lines();
--> statement-breakpoint
CREATE TRIGGER incident_people_rollup_update
  AFTER UPDATE ON incident_people REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION incident_rollup_on_people_lines();
--> statement-breakpoint
CREATE TRIGGER incident_people_rollup_delete
  AFTER DELETE ON incident_people REFERENCING OLD TABLE AS old_lines
  FOR EACH STATEMENT EXECUTE FUNCTION incident_rollup_on_people_lines();
