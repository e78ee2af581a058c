-- The application role. Every request runs `SET LOCAL ROLE kizuna_app`, so row-level security
-- applies even when the server connects as a superuser (a superuser bypasses RLS; this role
-- cannot). Roles are cluster-wide, hence the existence check.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kizuna_app') THEN
    CREATE ROLE kizuna_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
GRANT kizuna_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO kizuna_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO kizuna_app;
