CREATE TABLE "incident_area_monthly_rollup" (
	"month" date NOT NULL,
	"area_path" text NOT NULL,
	"affects_un" boolean NOT NULL,
	"incidents" integer NOT NULL,
	CONSTRAINT "incident_area_monthly_rollup_month_area_path_affects_un_pk" PRIMARY KEY("month","area_path","affects_un")
);
--> statement-breakpoint
-- Filled from the monthly rollup as it stands, then kept by the same function as every other
-- incident rollup (migration 0009), now writing this table too.
INSERT INTO incident_area_monthly_rollup (month, area_path, affects_un, incidents)
SELECT month, area_path, affects_un, sum(incidents)::integer
  FROM incident_monthly_rollup
 GROUP BY month, area_path, affects_un;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION incident_rollup_add(deltas incident_rollup_delta[]) RETURNS void LANGUAGE sql AS $$
  WITH d AS (
    SELECT month, area_path, category_code, affects_un, sum(incidents)::integer AS incidents
      FROM unnest(deltas)
     GROUP BY month, area_path, category_code, affects_un
    HAVING sum(incidents) <> 0
  ), monthly AS (
    INSERT INTO incident_monthly_rollup AS t (month, area_path, category_code, affects_un, incidents)
    SELECT month, area_path, category_code, affects_un, incidents FROM d
    ON CONFLICT (month, area_path, category_code, affects_un) DO UPDATE SET incidents = t.incidents + excluded.incidents
  ), area_monthly AS (
    INSERT INTO incident_area_monthly_rollup AS t (month, area_path, affects_un, incidents)
    SELECT month, area_path, affects_un, sum(incidents)::integer
      FROM d GROUP BY month, area_path, affects_un HAVING sum(incidents) <> 0
    ON CONFLICT (month, area_path, affects_un) DO UPDATE SET incidents = t.incidents + excluded.incidents
  )
  INSERT INTO incident_yearly_rollup AS t (year, area_path, category_code, affects_un, incidents)
  SELECT date_trunc('year', month::timestamp)::date, area_path, category_code, affects_un, sum(incidents)::integer
    FROM d
   GROUP BY 1, area_path, category_code, affects_un
  HAVING sum(incidents) <> 0
  ON CONFLICT (year, area_path, category_code, affects_un) DO UPDATE SET incidents = t.incidents + excluded.incidents
$$;
