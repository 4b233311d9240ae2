CREATE TYPE "public"."quality_review_mode" AS ENUM('OWN_OFFICE', 'HIGHER_OFFICE', 'CROSS_REGION');--> statement-breakpoint
CREATE TYPE "public"."quality_review_result" AS ENUM('QUALIFIED', 'FLAW', 'UNQUALIFIED');--> statement-breakpoint
CREATE TABLE "quality_reviews" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_ref" text NOT NULL,
	"prosecutor_id" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"unit_path" text NOT NULL,
	"reviewer_unit_id" integer NOT NULL,
	"mode" "quality_review_mode" NOT NULL,
	"result" "quality_review_result" NOT NULL,
	"reviewed_on" date NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "quality_review_id" integer;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_prosecutor_id_people_id_fk" FOREIGN KEY ("prosecutor_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quality_reviews" ADD CONSTRAINT "quality_reviews_reviewer_unit_id_units_id_fk" FOREIGN KEY ("reviewer_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "quality_reviews_prosecutor_idx" ON "quality_reviews" USING btree ("prosecutor_id","reviewed_on");--> statement-breakpoint
CREATE INDEX "quality_reviews_path_idx" ON "quality_reviews" USING btree ("unit_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "quality_reviews_day_idx" ON "quality_reviews" USING btree ("reviewed_on","id");--> statement-breakpoint
CREATE INDEX "findings_quality_review_idx" ON "findings" USING btree ("quality_review_id");