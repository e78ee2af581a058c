CREATE TYPE "public"."leave_type" AS ENUM('voluntary', 'company', 'contract_end', 'other');--> statement-breakpoint
CREATE TABLE "alumni" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"family_name" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name_kana" text,
	"given_name_kana" text,
	"email" text,
	"phone" text,
	"employee_number" text,
	"department" text,
	"position" text,
	"joined_on" date,
	"left_on" date NOT NULL,
	"leave_type" "leave_type" NOT NULL,
	"leave_reason_category" text,
	"leave_reason_note" text,
	"current_company" text,
	"current_title" text,
	"has_decision_authority" boolean DEFAULT false NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"interests" text[] DEFAULT '{}'::text[] NOT NULL,
	"return_conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"internal_notes" text,
	"do_not_contact" boolean DEFAULT false NOT NULL,
	"do_not_contact_reason" text,
	"user_id" text,
	"registered_at" timestamp with time zone,
	"search_text" text DEFAULT '' NOT NULL,
	"search_grams" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alumni_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "alumni" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "alumni_consents" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"alumnus_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"notice_version" integer NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "alumni_consents_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "alumni_consents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "alumni_import_mappings" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"columns" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alumni_import_mappings_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "alumni_import_mappings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "alumni_invitations" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"alumnus_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"invited_by_user_id" text,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alumni_invitations_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "alumni_invitations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "alumni_segments" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"filter" jsonb NOT NULL,
	"created_by_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alumni_segments_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "alumni_segments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "privacy_notices" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"body" text NOT NULL,
	"purposes" text[] NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "privacy_notices_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "privacy_notices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "rehire_policies" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"allowed_leave_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"min_tenure_months" integer DEFAULT 0 NOT NULL,
	"min_months_since_leaving" integer DEFAULT 0 NOT NULL,
	"excluded_leave_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"exclude_do_not_contact" boolean DEFAULT true NOT NULL,
	"explanation" text DEFAULT '' NOT NULL,
	"published" boolean DEFAULT false NOT NULL,
	"share_token_hash" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rehire_policies_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "rehire_policies" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alumni" ADD CONSTRAINT "alumni_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni" ADD CONSTRAINT "alumni_user_id_auth_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_consents" ADD CONSTRAINT "alumni_consents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_consents" ADD CONSTRAINT "alumni_consents_alumnus_fk" FOREIGN KEY ("tenant_id","alumnus_id") REFERENCES "public"."alumni"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_import_mappings" ADD CONSTRAINT "alumni_import_mappings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_invitations" ADD CONSTRAINT "alumni_invitations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_invitations" ADD CONSTRAINT "alumni_invitations_invited_by_user_id_auth_user_id_fk" FOREIGN KEY ("invited_by_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_invitations" ADD CONSTRAINT "alumni_invitations_alumnus_fk" FOREIGN KEY ("tenant_id","alumnus_id") REFERENCES "public"."alumni"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_segments" ADD CONSTRAINT "alumni_segments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alumni_segments" ADD CONSTRAINT "alumni_segments_created_by_user_id_auth_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."auth_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "privacy_notices" ADD CONSTRAINT "privacy_notices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rehire_policies" ADD CONSTRAINT "rehire_policies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alumni_employee_number_uq" ON "alumni" USING btree ("tenant_id","employee_number") WHERE employee_number is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "alumni_email_uq" ON "alumni" USING btree ("tenant_id","email") WHERE email is not null;--> statement-breakpoint
CREATE INDEX "alumni_left_idx" ON "alumni" USING btree ("tenant_id","left_on","id");--> statement-breakpoint
CREATE INDEX "alumni_created_idx" ON "alumni" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "alumni_kana_idx" ON "alumni" USING btree ("tenant_id",coalesce(family_name_kana, ''),coalesce(given_name_kana, ''),"id");--> statement-breakpoint
CREATE INDEX "alumni_department_idx" ON "alumni" USING btree ("tenant_id","department");--> statement-breakpoint
CREATE INDEX "alumni_search_grams_idx" ON "alumni" USING gin ("search_grams");--> statement-breakpoint
CREATE INDEX "alumni_tags_idx" ON "alumni" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "alumni_interests_idx" ON "alumni" USING gin ("interests");--> statement-breakpoint
CREATE INDEX "alumni_consents_alumnus_idx" ON "alumni_consents" USING btree ("tenant_id","alumnus_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "alumni_import_mappings_name_uq" ON "alumni_import_mappings" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "alumni_invitations_token_uq" ON "alumni_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "alumni_segments_name_uq" ON "alumni_segments" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_notices_version_uq" ON "privacy_notices" USING btree ("tenant_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "rehire_policies_tenant_uq" ON "rehire_policies" USING btree ("tenant_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rehire_policies_share_token_uq" ON "rehire_policies" USING btree ("share_token_hash");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("tenant_id","subject_type","subject_id","created_at");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alumni" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alumni_consents" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alumni_import_mappings" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alumni_invitations" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alumni_segments" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "privacy_notices" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "rehire_policies" AS PERMISSIVE FOR ALL TO "kizuna_app" USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid) WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);