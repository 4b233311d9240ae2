CREATE TYPE "public"."calendar_day_kind" AS ENUM('HOLIDAY', 'WORKDAY', 'NORMAL');--> statement-breakpoint
CREATE TABLE "calendar_days" (
	"day" date PRIMARY KEY NOT NULL,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"sample" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
