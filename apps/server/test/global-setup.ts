import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/platform/db/database.js';

/**
 * Migrates one template database for the whole run; every test file starts from a copy of it.
 * PGlite: a data-dir dump loaded per file. PostgreSQL (TEST_DATABASE_URL): a template database
 * cloned with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'kizuna-test-'));
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `kizuna_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const templateUrl = withDatabase(url, name);
    const db = await openDatabase({ databaseUrl: templateUrl, poolSize: 1 });
    await db.migrate();
    await db.close();
    project.provide('templateDatabase', name);
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const db = await openDatabase({});
  await db.migrate();
  const dump = await db.pglite!.dumpDataDir('none');
  const file = join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('templateFile', file);
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    templateFile: string;
    templateDatabase: string;
  }
}
