import { sql } from 'drizzle-orm';
import type { Tx } from './database.js';
import { APP_ROLE } from './tenancy.js';

/**
 * Runs `fn` inside an open transaction of `withTenant`/`withoutTenant` with the owner's rights
 * (`set_config('role', 'none', true)`, i.e. SET LOCAL ROLE NONE, then back to the application role):
 * for the few writes that must commit with the change, yet that the application role is denied on
 * purpose. The one use is erasing a person on their deletion request (membership/anonymize.ts): the
 * audit log's names (append-only for the application role) and the account (no DELETE on
 * auth_user) in the same transaction as the anonymization.
 *
 * Why this and not a grant or a SECURITY DEFINER function: the role keeps exactly the rights it has
 * (nothing widens in the grants snapshot; any transaction of the role still cannot rewrite the log),
 * and unlike the owner connection it cannot deadlock PGlite's one connection nor commit apart from
 * the anonymization. Row-level security does not bind the owner: callers name `unsafe…` and scope
 * every statement themselves (tenant and person). If `fn` throws, the transaction rolls back.
 */
export async function unsafeAsOwner<T>(tx: Tx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  await tx.execute(sql`select set_config('role', 'none', true)`);
  const result = await fn(tx);
  await tx.execute(sql`select set_config('role', ${APP_ROLE}, true)`);
  return result;
}
