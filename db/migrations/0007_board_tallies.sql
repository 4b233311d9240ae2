CREATE TABLE "board_active" (
	"unit_id" integer NOT NULL,
	"deadline" date NOT NULL,
	"warning_at" timestamp with time zone NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "board_active_unit_id_deadline_warning_at_pk" PRIMARY KEY("unit_id","deadline","warning_at")
);
--> statement-breakpoint
CREATE TABLE "board_months" (
	"unit_id" integer NOT NULL,
	"month" text NOT NULL,
	"opened" integer NOT NULL,
	"verified" integer NOT NULL,
	CONSTRAINT "board_months_unit_id_month_pk" PRIMARY KEY("unit_id","month")
);
