CREATE TABLE "pc_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"activity_key" uuid,
	"activity_name" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"level" text NOT NULL,
	"rationale" text NOT NULL,
	"approver_name" text NOT NULL,
	"approved_on" date NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_acceptances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"activity_key" uuid NOT NULL,
	"pc_assessment_id" uuid NOT NULL,
	"residual_level" text NOT NULL,
	"risk_class" text NOT NULL,
	"criticality" text NOT NULL,
	"approver_role" text NOT NULL,
	"accepted_by_user_id" uuid NOT NULL,
	"accepted_by_name" text NOT NULL,
	"reason" text NOT NULL,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "security_level_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"levels" jsonb NOT NULL,
	"overall" integer NOT NULL,
	"justification" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by_user_id" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by_user_id" uuid,
	"approved_at" timestamp with time zone,
	"endorsed_by_user_id" uuid,
	"endorsed_at" timestamp with time zone,
	"rejected_by_user_id" uuid,
	"rejected_at" timestamp with time zone,
	"rejection_reason" text
);
--> statement-breakpoint
CREATE TABLE "srm_measure_evidence" (
	"measure_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "srm_measure_evidence_measure_id_file_id_pk" PRIMARY KEY("measure_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "srm_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"organisation_id" uuid,
	"assessment_lineage_id" uuid,
	"scenario_key" uuid,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner_name" text NOT NULL,
	"due_on" date NOT NULL,
	"cost_amount" numeric(14, 2),
	"cost_currency" text,
	"status" text DEFAULT 'planned' NOT NULL,
	"implemented_on" date,
	"verified_on" date,
	"effectiveness" integer,
	"effectiveness_note" text,
	"last_overdue_notice_at" timestamp with time zone,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_matrices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"definition" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_matrices_code_version_key" UNIQUE("code","version")
);
--> statement-breakpoint
CREATE TABLE "srm_activities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "srm_activities_assessment_key" UNIQUE("assessment_id","key")
);
--> statement-breakpoint
CREATE TABLE "srm_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"lineage_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"place_id" uuid NOT NULL,
	"place_path" text NOT NULL,
	"matrix_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"review_due_on" date NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"author_user_id" uuid,
	"author_name" text NOT NULL,
	"smt_consulted_on" date,
	"approved_at" timestamp with time zone,
	"approved_by_user_id" uuid,
	"approved_by_name" text,
	"approval_conditions" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "srm_assessments_lineage_version_key" UNIQUE("lineage_id","version")
);
--> statement-breakpoint
CREATE TABLE "srm_scenarios" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"threat_category" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"exposed" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"inherent_likelihood" integer NOT NULL,
	"inherent_impact" integer NOT NULL,
	"residual_likelihood" integer NOT NULL,
	"residual_impact" integer NOT NULL,
	"measures_text" text DEFAULT '' NOT NULL,
	"strategies" text[] DEFAULT '{}'::text[] NOT NULL,
	"justification" text DEFAULT '' NOT NULL,
	"activity_keys" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "srm_scenarios_assessment_key" UNIQUE("assessment_id","key")
);
--> statement-breakpoint
CREATE TABLE "srm_threats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"category" text NOT NULL,
	"intent" integer,
	"capability" integer,
	"inhibiting_context" integer,
	"narrative" text DEFAULT '' NOT NULL,
	CONSTRAINT "srm_threats_assessment_category_key" UNIQUE("assessment_id","category")
);
--> statement-breakpoint
ALTER TABLE "pc_assessments" ADD CONSTRAINT "pc_assessments_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pc_assessments" ADD CONSTRAINT "pc_assessments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pc_assessments" ADD CONSTRAINT "pc_assessments_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_assessment_id_srm_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."srm_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_pc_assessment_id_pc_assessments_id_fk" FOREIGN KEY ("pc_assessment_id") REFERENCES "public"."pc_assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_acceptances" ADD CONSTRAINT "risk_acceptances_accepted_by_user_id_users_id_fk" FOREIGN KEY ("accepted_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_level_changes" ADD CONSTRAINT "security_level_changes_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_level_changes" ADD CONSTRAINT "security_level_changes_proposed_by_user_id_users_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_level_changes" ADD CONSTRAINT "security_level_changes_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_level_changes" ADD CONSTRAINT "security_level_changes_endorsed_by_user_id_users_id_fk" FOREIGN KEY ("endorsed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "security_level_changes" ADD CONSTRAINT "security_level_changes_rejected_by_user_id_users_id_fk" FOREIGN KEY ("rejected_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_measure_evidence" ADD CONSTRAINT "srm_measure_evidence_measure_id_srm_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."srm_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_measure_evidence" ADD CONSTRAINT "srm_measure_evidence_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_measures" ADD CONSTRAINT "srm_measures_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_measures" ADD CONSTRAINT "srm_measures_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_measures" ADD CONSTRAINT "srm_measures_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_activities" ADD CONSTRAINT "srm_activities_assessment_id_srm_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."srm_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_activities" ADD CONSTRAINT "srm_activities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_assessments" ADD CONSTRAINT "srm_assessments_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_assessments" ADD CONSTRAINT "srm_assessments_matrix_id_risk_matrices_id_fk" FOREIGN KEY ("matrix_id") REFERENCES "public"."risk_matrices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_assessments" ADD CONSTRAINT "srm_assessments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_assessments" ADD CONSTRAINT "srm_assessments_approved_by_user_id_users_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_scenarios" ADD CONSTRAINT "srm_scenarios_assessment_id_srm_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."srm_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "srm_threats" ADD CONSTRAINT "srm_threats_assessment_id_srm_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."srm_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pc_assessments_place_path_idx" ON "pc_assessments" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "pc_assessments_activity_idx" ON "pc_assessments" USING btree ("activity_key");--> statement-breakpoint
CREATE INDEX "risk_acceptances_assessment_idx" ON "risk_acceptances" USING btree ("assessment_id","activity_key");--> statement-breakpoint
CREATE INDEX "security_level_changes_place_idx" ON "security_level_changes" USING btree ("place_id","endorsed_at");--> statement-breakpoint
CREATE INDEX "security_level_changes_place_path_idx" ON "security_level_changes" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "srm_measures_place_path_idx" ON "srm_measures" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "srm_measures_due_idx" ON "srm_measures" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "srm_measures_category_idx" ON "srm_measures" USING btree ("category");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_matrices_one_default_idx" ON "risk_matrices" USING btree ("is_default") WHERE "risk_matrices"."is_default";--> statement-breakpoint
CREATE INDEX "srm_activities_assessment_idx" ON "srm_activities" USING btree ("assessment_id");--> statement-breakpoint
CREATE INDEX "srm_assessments_place_path_idx" ON "srm_assessments" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "srm_assessments_review_due_idx" ON "srm_assessments" USING btree ("review_due_on");--> statement-breakpoint
CREATE INDEX "srm_scenarios_assessment_idx" ON "srm_scenarios" USING btree ("assessment_id");--> statement-breakpoint
-- The shipped matrices (src/core/risk/risk-matrices.data.ts), version 1 of each; the UN SRM 5 × 5 is the default.
INSERT INTO "risk_matrices" ("code", "version", "definition", "is_default") VALUES ('un_srm_5x5', 1, '{"code":"un_srm_5x5","version":1,"name":{"en":"UN SRM 5 × 5","fr":"GRS des Nations Unies 5 × 5"},"description":{"en":"The UN Security Risk Management matrix: likelihood × impact on five-point scales, six risk levels.","fr":"La matrice de gestion des risques de sécurité des Nations Unies : probabilité × impact sur cinq niveaux, six niveaux de risque."},"likelihood":[{"value":1,"label":{"en":"Very unlikely","fr":"Très improbable"},"description":{"en":"Not expected to happen in the time frame","fr":"Ne devrait pas se produire dans la période"},"colour":"#2e7d32"},{"value":2,"label":{"en":"Unlikely","fr":"Improbable"},"description":{"en":"Could happen, but there is no sign that it will","fr":"Pourrait se produire, sans indice qu''il se produira"},"colour":"#9ccc65"},{"value":3,"label":{"en":"Moderately likely","fr":"Moyennement probable"},"description":{"en":"Has happened in the area and could happen again","fr":"S''est produit dans la zone et pourrait se reproduire"},"colour":"#fbc02d"},{"value":4,"label":{"en":"Likely","fr":"Probable"},"description":{"en":"Expected to happen at some time in the time frame","fr":"Devrait se produire au cours de la période"},"colour":"#f57c00"},{"value":5,"label":{"en":"Very likely","fr":"Très probable"},"description":{"en":"Expected to happen soon, or happening now","fr":"Devrait se produire bientôt, ou se produit déjà"},"colour":"#c62828"}],"impact":[{"value":1,"label":{"en":"Negligible","fr":"Négligeable"},"description":{"en":"No injury; minor damage; programmes carry on","fr":"Aucune blessure ; dégâts mineurs ; les programmes continuent"},"colour":"#2e7d32"},{"value":2,"label":{"en":"Minor","fr":"Mineur"},"description":{"en":"Minor injuries; some damage or loss; short delays","fr":"Blessures légères ; dégâts ou pertes limités ; brefs retards"},"colour":"#9ccc65"},{"value":3,"label":{"en":"Moderate","fr":"Modéré"},"description":{"en":"Serious injuries; significant loss; programmes disrupted","fr":"Blessures graves ; pertes importantes ; programmes perturbés"},"colour":"#fbc02d"},{"value":4,"label":{"en":"Severe","fr":"Grave"},"description":{"en":"Deaths or permanent disability; programmes suspended","fr":"Décès ou invalidité permanente ; programmes suspendus"},"colour":"#f57c00"},{"value":5,"label":{"en":"Critical","fr":"Critique"},"description":{"en":"Multiple deaths; loss of premises; withdrawal from the area","fr":"Plusieurs décès ; perte des locaux ; retrait de la zone"},"colour":"#c62828"}],"levels":[{"code":"very_low","label":{"en":"Very low","fr":"Très faible"},"colour":"#2e7d32","rank":0,"acceptability":"medium_or_below"},{"code":"low","label":{"en":"Low","fr":"Faible"},"colour":"#9ccc65","rank":1,"acceptability":"medium_or_below"},{"code":"medium","label":{"en":"Medium","fr":"Moyen"},"colour":"#fbc02d","rank":2,"acceptability":"medium_or_below"},{"code":"high","label":{"en":"High","fr":"Élevé"},"colour":"#f57c00","rank":3,"acceptability":"high"},{"code":"very_high","label":{"en":"Very high","fr":"Très élevé"},"colour":"#c62828","rank":4,"acceptability":"very_high"},{"code":"unacceptable","label":{"en":"Unacceptable","fr":"Inacceptable"},"colour":"#212121","rank":5,"acceptability":"unacceptable"}],"grid":[["very_low","very_low","very_low","low","low"],["very_low","low","low","medium","medium"],["very_low","low","medium","high","high"],["low","medium","high","high","very_high"],["low","medium","high","very_high","unacceptable"]],"score":"none"}'::jsonb, true);
--> statement-breakpoint
INSERT INTO "risk_matrices" ("code", "version", "definition", "is_default") VALUES ('guide_2008_lxi', 1, '{"code":"guide_2008_lxi","version":1,"name":{"en":"2008 guide: likelihood × impact","fr":"Guide de 2008 : probabilité × impact"},"description":{"en":"Security and Risk Management: A Guide for UN Managers (2008). Score = likelihood × impact, in five bands, with the ACAT treatment strategies.","fr":"Security and Risk Management: A Guide for UN Managers (2008). Score = probabilité × impact, en cinq bandes, avec les stratégies de traitement ACAT."},"likelihood":[{"value":1,"label":{"en":"Very unlikely","fr":"Très improbable"},"description":{"en":"Not expected to happen in the time frame","fr":"Ne devrait pas se produire dans la période"},"colour":"#2e7d32"},{"value":2,"label":{"en":"Unlikely","fr":"Improbable"},"description":{"en":"Could happen, but there is no sign that it will","fr":"Pourrait se produire, sans indice qu''il se produira"},"colour":"#9ccc65"},{"value":3,"label":{"en":"Moderately likely","fr":"Moyennement probable"},"description":{"en":"Has happened in the area and could happen again","fr":"S''est produit dans la zone et pourrait se reproduire"},"colour":"#fbc02d"},{"value":4,"label":{"en":"Likely","fr":"Probable"},"description":{"en":"Expected to happen at some time in the time frame","fr":"Devrait se produire au cours de la période"},"colour":"#f57c00"},{"value":5,"label":{"en":"Very likely","fr":"Très probable"},"description":{"en":"Expected to happen soon, or happening now","fr":"Devrait se produire bientôt, ou se produit déjà"},"colour":"#c62828"}],"impact":[{"value":1,"label":{"en":"Negligible","fr":"Négligeable"},"description":{"en":"No injury; minor damage; programmes carry on","fr":"Aucune blessure ; dégâts mineurs ; les programmes continuent"},"colour":"#2e7d32"},{"value":2,"label":{"en":"Minor","fr":"Mineur"},"description":{"en":"Minor injuries; some damage or loss; short delays","fr":"Blessures légères ; dégâts ou pertes limités ; brefs retards"},"colour":"#9ccc65"},{"value":3,"label":{"en":"Moderate","fr":"Modéré"},"description":{"en":"Serious injuries; significant loss; programmes disrupted","fr":"Blessures graves ; pertes importantes ; programmes perturbés"},"colour":"#fbc02d"},{"value":4,"label":{"en":"Severe","fr":"Grave"},"description":{"en":"Deaths or permanent disability; programmes suspended","fr":"Décès ou invalidité permanente ; programmes suspendus"},"colour":"#f57c00"},{"value":5,"label":{"en":"Critical","fr":"Critique"},"description":{"en":"Multiple deaths; loss of premises; withdrawal from the area","fr":"Plusieurs décès ; perte des locaux ; retrait de la zone"},"colour":"#c62828"}],"levels":[{"code":"negligible","label":{"en":"Negligible","fr":"Négligeable"},"colour":"#2e7d32","rank":0,"acceptability":"medium_or_below"},{"code":"low","label":{"en":"Low","fr":"Faible"},"colour":"#9ccc65","rank":1,"acceptability":"medium_or_below"},{"code":"medium","label":{"en":"Medium","fr":"Moyen"},"colour":"#fbc02d","rank":2,"acceptability":"medium_or_below"},{"code":"high","label":{"en":"High","fr":"Élevé"},"colour":"#f57c00","rank":3,"acceptability":"high"},{"code":"critical","label":{"en":"Critical","fr":"Critique"},"colour":"#c62828","rank":4,"acceptability":"very_high"}],"grid":[["negligible","low","low","low","low"],["low","low","medium","medium","medium"],["low","medium","medium","high","high"],["low","medium","high","high","critical"],["low","medium","high","critical","critical"]],"strategies":[[["accept"],["transfer","accept"],["transfer"],["transfer"],["transfer","control"]],[["control","accept"],["control","transfer"],["transfer","control"],["transfer","control"],["transfer","control"]],[["control"],["control","transfer"],["control","transfer"],["control","avoid"],["avoid","control"]],[["control"],["control","transfer"],["control","avoid"],["control","avoid"],["avoid","control"]],[["control"],["control","transfer"],["control","avoid"],["control","avoid"],["avoid"]]],"score":"product"}'::jsonb, false);
