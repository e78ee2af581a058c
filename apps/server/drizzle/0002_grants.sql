-- The application role reads users' names and e-mails and creates users when an invitation is
-- accepted, but never sees password hashes, sessions, verification tokens or rate-limit rows:
-- those belong to better-auth on the owner connection.
REVOKE ALL ON auth_account, auth_session, auth_verification, auth_rate_limit FROM kizuna_app;
--> statement-breakpoint
REVOKE DELETE ON auth_user FROM kizuna_app;
--> statement-breakpoint
GRANT INSERT ON auth_account TO kizuna_app;
--> statement-breakpoint
-- The audit log is append-only for the application.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM kizuna_app;
