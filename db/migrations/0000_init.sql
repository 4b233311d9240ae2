CREATE TYPE "public"."accountability_kind" AS ENUM('TALK', 'ADMONISHMENT', 'BULLETIN_CRITICISM');--> statement-breakpoint
CREATE TYPE "public"."bulletin_item_kind" AS ENUM('CRITICISM', 'HIGHLIGHT');--> statement-breakpoint
CREATE TYPE "public"."bulletin_kind" AS ENUM('PROCESS_MONITORING', 'SAMPLING_ASSESSMENT', 'GOVERNANCE');--> statement-breakpoint
CREATE TYPE "public"."finding_category" AS ENUM('CASE_PROCEDURE', 'LEGAL_DOCUMENTS', 'CASE_INFORMATION', 'CONDUCT_DISCIPLINE');--> statement-breakpoint
CREATE TYPE "public"."finding_severity" AS ENUM('FLAW', 'IRREGULAR', 'UNQUALIFIED');--> statement-breakpoint
CREATE TYPE "public"."finding_source" AS ENUM('PROCESS_MONITORING', 'SAMPLING', 'QUALITY_REVIEW', 'SUPERVISION');--> statement-breakpoint
CREATE TYPE "public"."finding_status" AS ENUM('OPEN', 'RECTIFYING', 'SUBMITTED', 'VERIFIED', 'WITHDRAWN');--> statement-breakpoint
CREATE TYPE "public"."person_position" AS ENUM('LEADER', 'DEPT_HEAD', 'PROSECUTOR', 'ASSISTANT', 'CLERK');--> statement-breakpoint
CREATE TYPE "public"."rectification_class" AS ENUM('IMMEDIATE', 'GRADUAL', 'ESCALATE');--> statement-breakpoint
CREATE TYPE "public"."responsibility_tier" AS ENUM('PRIMARY', 'MAIN', 'DIRECT');--> statement-breakpoint
CREATE TYPE "public"."supervisor_kind" AS ENUM('CASE_MANAGEMENT', 'BUSINESS');--> statement-breakpoint
CREATE TYPE "public"."unit_category" AS ENUM('BUSINESS', 'COMPREHENSIVE');--> statement-breakpoint
CREATE TYPE "public"."unit_kind" AS ENUM('OFFICE', 'DEPARTMENT');--> statement-breakpoint
CREATE TYPE "public"."unit_level" AS ENUM('PROVINCE', 'CITY', 'BASIC');--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "unit_kind" NOT NULL,
	"level" "unit_level" NOT NULL,
	"category" "unit_category",
	"business_line" text,
	"parent_id" integer,
	"path" text NOT NULL,
	"head_id" integer,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer NOT NULL,
	"position" "person_position" NOT NULL,
	"supervisor_kind" "supervisor_kind"
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"handler_id" integer,
	"case_ref" text,
	"category" "finding_category" NOT NULL,
	"severity" "finding_severity" NOT NULL,
	"source" "finding_source" NOT NULL,
	"inspection_id" integer,
	"rectification_class" "rectification_class" NOT NULL,
	"status" "finding_status" DEFAULT 'OPEN' NOT NULL,
	"deadline" date NOT NULL,
	"warning_at" timestamp with time zone NOT NULL,
	"found_by" integer,
	"found_at" timestamp with time zone NOT NULL,
	"repeat_of" integer,
	"submitted_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"verified_by" integer,
	"rejection_reason" text,
	"withdrawal_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"text" text NOT NULL,
	"owner_id" integer,
	"due" date NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responsibilities" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"tier" "responsibility_tier" NOT NULL,
	"person_id" integer,
	"unit_id" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "accountability_action_findings" (
	"action_id" integer NOT NULL,
	"finding_id" integer NOT NULL,
	CONSTRAINT "accountability_action_findings_action_id_finding_id_pk" PRIMARY KEY("action_id","finding_id")
);
--> statement-breakpoint
CREATE TABLE "accountability_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "accountability_kind" NOT NULL,
	"target_person_id" integer,
	"target_unit_id" integer,
	"unit_path" text NOT NULL,
	"reason" text NOT NULL,
	"decided_by" integer,
	"decided_on" date NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bulletin_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"bulletin_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" "bulletin_item_kind" NOT NULL,
	"finding_id" integer,
	"text" text NOT NULL,
	"snapshot" jsonb
);
--> statement-breakpoint
CREATE TABLE "bulletins" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"kind" "bulletin_kind" NOT NULL,
	"title" text NOT NULL,
	"year" integer,
	"number" integer,
	"published_at" timestamp with time zone,
	"published_by" integer,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"unit_path" text,
	"before" jsonb,
	"after" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "units" ADD CONSTRAINT "units_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_handler_id_people_id_fk" FOREIGN KEY ("handler_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_found_by_people_id_fk" FOREIGN KEY ("found_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_repeat_of_findings_id_fk" FOREIGN KEY ("repeat_of") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_verified_by_people_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_owner_id_people_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibilities" ADD CONSTRAINT "responsibilities_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibilities" ADD CONSTRAINT "responsibilities_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responsibilities" ADD CONSTRAINT "responsibilities_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_action_findings" ADD CONSTRAINT "accountability_action_findings_action_id_accountability_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."accountability_actions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_action_findings" ADD CONSTRAINT "accountability_action_findings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_actions" ADD CONSTRAINT "accountability_actions_target_person_id_people_id_fk" FOREIGN KEY ("target_person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_actions" ADD CONSTRAINT "accountability_actions_target_unit_id_units_id_fk" FOREIGN KEY ("target_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accountability_actions" ADD CONSTRAINT "accountability_actions_decided_by_people_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_items" ADD CONSTRAINT "bulletin_items_bulletin_id_bulletins_id_fk" FOREIGN KEY ("bulletin_id") REFERENCES "public"."bulletins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletin_items" ADD CONSTRAINT "bulletin_items_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_key" ON "units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "units_path_idx" ON "units" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "units_parent_idx" ON "units" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "people_unit_idx" ON "people" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_code_key" ON "findings" USING btree ("code");--> statement-breakpoint
CREATE INDEX "findings_unit_path_idx" ON "findings" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "findings_status_deadline_idx" ON "findings" USING btree ("status","deadline");--> statement-breakpoint
CREATE INDEX "findings_unit_idx" ON "findings" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "findings_handler_idx" ON "findings" USING btree ("handler_id");--> statement-breakpoint
CREATE INDEX "findings_found_at_idx" ON "findings" USING btree ("found_at","id");--> statement-breakpoint
CREATE INDEX "findings_updated_at_idx" ON "findings" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "findings_deadline_idx" ON "findings" USING btree ("deadline","id");--> statement-breakpoint
CREATE INDEX "measures_finding_idx" ON "measures" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "responsibilities_finding_idx" ON "responsibilities" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "accountability_action_findings_finding_idx" ON "accountability_action_findings" USING btree ("finding_id");--> statement-breakpoint
CREATE INDEX "accountability_actions_decided_idx" ON "accountability_actions" USING btree ("decided_on","id");--> statement-breakpoint
CREATE INDEX "bulletin_items_bulletin_idx" ON "bulletin_items" USING btree ("bulletin_id","position");--> statement-breakpoint
CREATE INDEX "bulletin_items_finding_idx" ON "bulletin_items" USING btree ("finding_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_year_number_key" ON "bulletins" USING btree ("year","number");--> statement-breakpoint
CREATE INDEX "bulletins_published_idx" ON "bulletins" USING btree ("published_at","id");--> statement-breakpoint
CREATE INDEX "journal_entity_idx" ON "journal" USING btree ("entity","entity_id","seq");