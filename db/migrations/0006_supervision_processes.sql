CREATE TYPE "public"."plan_status" AS ENUM('ACTIVE', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."sampling_pick_role" AS ENUM('CITY_BUSINESS', 'CITY_COMPREHENSIVE', 'BASIC_OFFICE', 'BASIC_DEPARTMENT');--> statement-breakpoint
CREATE TYPE "public"."supervision_notice_kind" AS ENUM('SUGGESTION', 'RECTIFICATION_NOTICE');--> statement-breakpoint
CREATE TYPE "public"."supervision_source" AS ENUM('LEADER_ASSIGNED', 'HIGHER_OFFICE', 'COMPLAINT', 'ROUTINE', 'SPECIAL');--> statement-breakpoint
CREATE TYPE "public"."supervision_status" AS ENUM('OPEN', 'CLOSED');--> statement-breakpoint
CREATE TABLE "sampling_picks" (
	"id" serial PRIMARY KEY NOT NULL,
	"round_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"role" "sampling_pick_role" NOT NULL,
	"position" integer NOT NULL,
	"reason" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sampling_rounds" (
	"id" serial PRIMARY KEY NOT NULL,
	"office_id" integer NOT NULL,
	"office_path" text NOT NULL,
	"year" integer NOT NULL,
	"round" integer NOT NULL,
	"seed" text NOT NULL,
	"algorithm" text NOT NULL,
	"compared_with" integer,
	"drawn_by" integer,
	"drawn_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_feedback" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"author_id" integer,
	"text" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"source" "supervision_source" NOT NULL,
	"requirements" text NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"started_on" date NOT NULL,
	"deadline" date NOT NULL,
	"warning_at" timestamp with time zone NOT NULL,
	"status" "supervision_status" DEFAULT 'OPEN' NOT NULL,
	"closed_at" timestamp with time zone,
	"closing_summary" text,
	"opened_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supervision_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"kind" "supervision_notice_kind" NOT NULL,
	"code" text NOT NULL,
	"text" text NOT NULL,
	"unit_path" text NOT NULL,
	"issued_by" integer,
	"issued_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"finding_id" integer NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_id" integer,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"status" "plan_status" DEFAULT 'ACTIVE' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "sampling_round_id" integer;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "supervision_notice_id" integer;--> statement-breakpoint
ALTER TABLE "sampling_picks" ADD CONSTRAINT "sampling_picks_round_id_sampling_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."sampling_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_picks" ADD CONSTRAINT "sampling_picks_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_rounds" ADD CONSTRAINT "sampling_rounds_office_id_units_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_rounds" ADD CONSTRAINT "sampling_rounds_compared_with_sampling_rounds_id_fk" FOREIGN KEY ("compared_with") REFERENCES "public"."sampling_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sampling_rounds" ADD CONSTRAINT "sampling_rounds_drawn_by_people_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_feedback" ADD CONSTRAINT "supervision_feedback_item_id_supervision_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supervision_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_feedback" ADD CONSTRAINT "supervision_feedback_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_items" ADD CONSTRAINT "supervision_items_opened_by_people_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_item_id_supervision_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."supervision_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_notices" ADD CONSTRAINT "supervision_notices_issued_by_people_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_findings" ADD CONSTRAINT "plan_findings_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_findings" ADD CONSTRAINT "plan_findings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sampling_picks_round_unit_key" ON "sampling_picks" USING btree ("round_id","unit_id");--> statement-breakpoint
CREATE INDEX "sampling_picks_unit_idx" ON "sampling_picks" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sampling_rounds_office_year_round_key" ON "sampling_rounds" USING btree ("office_id","year","round");--> statement-breakpoint
CREATE INDEX "supervision_feedback_item_idx" ON "supervision_feedback" USING btree ("item_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_items_code_key" ON "supervision_items" USING btree ("code");--> statement-breakpoint
CREATE INDEX "supervision_items_path_idx" ON "supervision_items" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "supervision_items_started_idx" ON "supervision_items" USING btree ("started_on","id");--> statement-breakpoint
CREATE UNIQUE INDEX "supervision_notices_code_key" ON "supervision_notices" USING btree ("code");--> statement-breakpoint
CREATE INDEX "supervision_notices_item_idx" ON "supervision_notices" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_findings_plan_finding_key" ON "plan_findings" USING btree ("plan_id","finding_id");--> statement-breakpoint
CREATE INDEX "plan_findings_finding_idx" ON "plan_findings" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "plan_milestones_plan_idx" ON "plan_milestones" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "plans_path_idx" ON "plans" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "findings_sampling_round_idx" ON "findings" USING btree ("sampling_round_id");--> statement-breakpoint
CREATE INDEX "findings_supervision_notice_idx" ON "findings" USING btree ("supervision_notice_id");