CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX "findings_title_trgm_idx" ON "findings" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "findings_description_trgm_idx" ON "findings" USING gin ("description" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "findings_case_ref_trgm_idx" ON "findings" USING gin ("case_ref" gin_trgm_ops);