-- The application role gets only what its transactions need (issue 9); catalogue.test.ts keeps the
-- whole list in test/__snapshots__/grants.txt.
-- auth_user: company transactions read names and addresses and create a newcomer's account; changing a
-- person's address, name or verification is better-auth's, on the owner connection.
REVOKE UPDATE, DELETE, TRUNCATE ON auth_user FROM kizuna_app;
--> statement-breakpoint
-- operator_staff: read on the owner connection only (a session's roles); no company transaction may
-- read it, let alone make someone operator staff.
REVOKE ALL ON operator_staff FROM kizuna_app;
--> statement-breakpoint
-- tenants: no company is ever deleted by the application; writes are the operator context's (policy).
REVOKE DELETE, TRUNCATE ON tenants FROM kizuna_app;
