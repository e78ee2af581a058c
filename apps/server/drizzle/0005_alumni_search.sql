-- Name search under row-level security (see records.ts, alumniConditions): PostgreSQL uses only
-- leakproof operators as index conditions under a policy, and the array operator @> is not one, so
-- the grams' GIN index was never used by the application role. The search runs instead in
-- alumni_search_ids, a SECURITY DEFINER function that reads the company from the transaction
-- (app.tenant_id, set by withTenant; never a parameter) and returns the matching ids, stopping after
-- max_ids of them (a broad name counts as "more than 1,000" without visiting every match); the
-- list query, still under the policy, then selects those ids.
-- btree_gin lets one GIN index hold the company and the grams, so a search reads only its company's
-- matches (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "alumni_department_idx";--> statement-breakpoint
DROP INDEX "alumni_search_grams_idx";--> statement-breakpoint
CREATE INDEX "alumni_department_left_idx" ON "alumni" USING btree ("tenant_id","department","left_on","id");--> statement-breakpoint
CREATE INDEX "alumni_search_idx" ON "alumni" USING gin ("tenant_id","search_grams");--> statement-breakpoint
CREATE FUNCTION alumni_search_ids(grams text[], needle text, max_ids integer) RETURNS uuid[]
  LANGUAGE sql STABLE STRICT SECURITY DEFINER
  SET search_path = pg_catalog, pg_temp
AS $$
  SELECT coalesce(array_agg(m.id), '{}')
  FROM (
    SELECT a.id
    FROM public.alumni a
    WHERE a.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
      AND a.search_grams @> grams
      AND strpos(a.search_text, needle) > 0
    LIMIT max_ids
  ) m
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION alumni_search_ids(text[], text, integer) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION alumni_search_ids(text[], text, integer) TO kizuna_app;
