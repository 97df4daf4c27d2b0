CREATE TABLE "incident_demography_monthly_rollup" (
	"month" date NOT NULL,
	"area_path" text NOT NULL,
	"affects_un" boolean NOT NULL,
	"recruitment_type" text NOT NULL,
	"sex" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "incident_demography_monthly_rollup_month_area_path_affects_un_recruitment_type_sex_pk" PRIMARY KEY("month","area_path","affects_un","recruitment_type","sex")
);
--> statement-breakpoint
CREATE TABLE "incident_outcome_monthly_rollup" (
	"month" date NOT NULL,
	"area_path" text NOT NULL,
	"category_code" text NOT NULL,
	"affects_un" boolean NOT NULL,
	"outcome" text NOT NULL,
	"people" integer NOT NULL,
	CONSTRAINT "incident_outcome_monthly_rollup_month_area_path_category_code_affects_un_outcome_pk" PRIMARY KEY("month","area_path","category_code","affects_un","outcome")
);
--> statement-breakpoint
-- Filled from the people rollup as it stands, then kept by a trigger on it: every change of the
-- people rollup (an upsert adding a positive or negative count) is added to both projections.
INSERT INTO incident_outcome_monthly_rollup (month, area_path, category_code, affects_un, outcome, people)
SELECT month, area_path, category_code, affects_un, outcome, sum(people)::integer
  FROM incident_people_monthly_rollup
 GROUP BY month, area_path, category_code, affects_un, outcome;
--> statement-breakpoint
INSERT INTO incident_demography_monthly_rollup (month, area_path, affects_un, recruitment_type, sex, people)
SELECT month, area_path, affects_un, recruitment_type, sex, sum(people)::integer
  FROM incident_people_monthly_rollup
 GROUP BY month, area_path, affects_un, recruitment_type, sex;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incident_people_rollup_project() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta integer := NEW.people - CASE WHEN TG_OP = 'UPDATE' THEN OLD.people ELSE 0 END;
BEGIN
  IF delta = 0 THEN
    RETURN NULL;
  END IF;
  INSERT INTO incident_outcome_monthly_rollup AS t (month, area_path, category_code, affects_un, outcome, people)
  VALUES (NEW.month, NEW.area_path, NEW.category_code, NEW.affects_un, NEW.outcome, delta)
  ON CONFLICT (month, area_path, category_code, affects_un, outcome) DO UPDATE SET people = t.people + excluded.people;
  INSERT INTO incident_demography_monthly_rollup AS t (month, area_path, affects_un, recruitment_type, sex, people)
  VALUES (NEW.month, NEW.area_path, NEW.affects_un, NEW.recruitment_type, NEW.sex, delta)
  ON CONFLICT (month, area_path, affects_un, recruitment_type, sex) DO UPDATE SET people = t.people + excluded.people;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER incident_people_rollup_projections
  AFTER INSERT OR UPDATE ON incident_people_monthly_rollup
  FOR EACH ROW EXECUTE FUNCTION incident_people_rollup_project();
