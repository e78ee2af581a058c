CREATE TABLE "alumni_network_settings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"public_page_enabled" boolean DEFAULT false NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"profile_review_months" integer DEFAULT 12 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alumni_network_settings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "alumni_network_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "alumni_registration_requests" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"family_name" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name_kana" text,
	"given_name_kana" text,
	"employee_number" text,
	"leave_year" integer,
	"department" text,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"consents" text[] DEFAULT '{}'::text[] NOT NULL,
	"notice_version" integer NOT NULL,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'unverified' NOT NULL,
	"verified_at" timestamp with time zone,
	"alumnus_id" uuid,
	"decided_at" timestamp with time zone,
	"decided_by_user_id" text,
	"decision_reason" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alumni_registration_requests_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "alumni_registration_requests" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alumni" ADD COLUMN "profile_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alumni" ADD COLUMN "directory_fields" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "alumni" ADD COLUMN "anonymized_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alumni" ADD COLUMN "erased_email_hash" text;--> statement-breakpoint
ALTER TABLE "alumni_network_settings" ADD CONSTRAINT "alumni_network_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_registration_requests" ADD CONSTRAINT "alumni_registration_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_registration_requests" ADD CONSTRAINT "alumni_registration_requests_decided_by_user_id_auth_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_registration_requests" ADD CONSTRAINT "alumni_registration_requests_alumnus_fk" FOREIGN KEY ("tenant_id","alumnus_id") REFERENCES "public"."alumni"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alumni_network_settings_tenant_uq" ON "alumni_network_settings" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alumni_registration_requests_token_uq" ON "alumni_registration_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "alumni_registration_requests_status_idx" ON "alumni_registration_requests" USING btree ("tenant_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "alumni_registration_requests_email_idx" ON "alumni_registration_requests" USING btree ("tenant_id","email","created_at");--> statement-breakpoint
CREATE INDEX "alumni_erased_email_idx" ON "alumni" USING btree ("tenant_id","erased_email_hash") WHERE erased_email_hash is not null;--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alumni_network_settings" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alumni_registration_requests" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
-- The default privileges of 0000 cover tables created by the migrating user; granted here too so
-- that the application role can use these tables whoever runs this migration.
GRANT SELECT, INSERT, UPDATE, DELETE ON "alumni_network_settings", "alumni_registration_requests" TO kizuna_app;
