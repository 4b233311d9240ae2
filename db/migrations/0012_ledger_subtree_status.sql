CREATE INDEX "findings_status_unit_path_idx" ON "findings" USING btree ("status","unit_path" text_pattern_ops);--> statement-breakpoint
-- A finer histogram of unit paths (1,000 buckets instead of 100): with 50,000 units a county's
-- subtree holds a fraction of one default bucket, and the planner estimated 1 row for 2,500,
-- which made the single-column path index look as good as the one above.
ALTER TABLE "findings" ALTER COLUMN "unit_path" SET STATISTICS 1000;
--> statement-breakpoint
ANALYZE "findings";
