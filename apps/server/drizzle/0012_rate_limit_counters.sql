CREATE TABLE "rate_limit_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"resets_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- Counted on the owner connection only: the application role neither reads nor writes budgets.
REVOKE ALL ON "rate_limit_counters" FROM kizuna_app;
