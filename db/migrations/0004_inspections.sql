CREATE TYPE "public"."inspection_result" AS ENUM('NO_PROBLEM', 'PROBLEM', 'QUALIFIED', 'FLAW', 'UNQUALIFIED');--> statement-breakpoint
CREATE TABLE "inspections" (
	"id" serial PRIMARY KEY NOT NULL,
	"supervisor_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"case_ref" text NOT NULL,
	"inspected_on" date NOT NULL,
	"source" "finding_source" NOT NULL,
	"result" "inspection_result" NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_supervisor_id_people_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspections_supervisor_idx" ON "inspections" USING btree ("supervisor_id","inspected_on");--> statement-breakpoint
CREATE INDEX "inspections_path_idx" ON "inspections" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "inspections_day_idx" ON "inspections" USING btree ("inspected_on","id");