import {
  alumniListQuerySchema,
  alumniPageSchema,
  errorResponseSchema,
  idSchema,
  importPreviewSchema,
  importProgressSchema,
  importQuerySchema,
  importResultSchema,
  importTemplateQuerySchema,
  savedMappingSchema,
  saveMappingSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { maintainAfterBulkWrite } from '../../platform/db/maintenance.js';
import { AppError, localeOf } from '../../platform/errors.js';
import { listAlumni } from '../alumni/index.js';
import { auditActorOf } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import { applyImport, type ImportPlan, planImport } from './import.js';
import { ImportProgressBoard } from './import-progress.js';
import { listMappings, saveMapping } from './mappings.js';
import { importTemplate, templateDisposition } from './template.js';

const IMPORT_LIMIT = 64 * 1024 * 1024; // 100,000 rows of a typical HR export fit easily

const nameOf = (a: { input: { familyName: string; givenName: string } }) =>
  `${a.input.familyName} ${a.input.givenName}`;

export function previewOf(plan: ImportPlan) {
  return {
    encoding: plan.encoding,
    headers: plan.headers,
    mapping: plan.mapping,
    defaults: plan.defaults,
    values: plan.values,
    rows: plan.rows,
    summary: plan.summary,
    problems: plan.problems.slice(0, 1000),
    skipped: plan.skipped.slice(0, 1000),
    distinctValues: plan.distinctValues,
    samples: plan.actions.slice(0, 100).map((a) => ({
      row: a.row,
      action: a.action,
      name: nameOf(a),
      employeeNumber: a.input.employeeNumber ?? null,
      leftOn: a.input.leftOn,
      leaveType: a.input.leaveType,
      changed: a.changed,
    })),
  };
}

export const alumniImportRoutes =
  (db: Database, config: Config, _mailer: Mailer): FastifyPluginAsyncZod =>
  async (app) => {
    const importProgress = new ImportProgressBoard();
    // CSV uploads arrive as raw bytes: the encoding is decided by us, not by the transport
    app.addContentTypeParser(
      ['text/csv', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT },
      (_req, body, done) => done(null, body),
    );

    app.get(
      '/api/alumni',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['alumni'],
          summary: 'Alumni of the active company: filter, search, sort, page',
          querystring: alumniListQuerySchema,
          response: { 200: alumniPageSchema },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => listAlumni(tx, tenantId, request.query)),
    );

    app.post(
      '/api/alumni/import/preview',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'Check a CSV file: every row’s problems and what applying would create, update or leave',
          description:
            'Body: the file’s bytes (Content-Type text/csv or application/octet-stream). Nothing is changed. An Excel workbook (.xlsx, .xls) is refused with how to save it as CSV.',
          querystring: importQuerySchema,
          response: { 200: importPreviewSchema, 400: errorResponseSchema },
        },
      },
      async (request) => {
        const bytes = requireFile(request.body);
        const { encoding, mapping, defaults, values } = request.query;
        const plan = await request.inTenant((tx, tenantId) =>
          planImport(tx, tenantId, bytes, {
            encoding,
            ...(mapping ? { mapping } : {}),
            ...(defaults ? { defaults } : {}),
            ...(values ? { values } : {}),
            locale: localeOf(request),
            secret: config.secret,
            collectValues: true,
          }),
        );
        return previewOf(plan);
      },
    );

    app.post(
      '/api/alumni/import/apply',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'Apply a CSV file in one transaction: all rows or none',
          description:
            'Refused while any row is rejected, unless skipInvalid=true (then the valid rows are applied).',
          querystring: importQuerySchema,
          response: { 200: importResultSchema, 400: errorResponseSchema },
        },
      },
      async (request) => {
        const bytes = requireFile(request.body);
        const { encoding, mapping, defaults, values, skipInvalid, fileName, progressId } = request.query;
        const progress = progressId ? importProgress.follow(progressId) : null;
        try {
          const result = await request.inTenant(async (tx, tenantId) => {
            const plan = await planImport(tx, tenantId, bytes, {
              encoding,
              ...(mapping ? { mapping } : {}),
              ...(defaults ? { defaults } : {}),
              ...(values ? { values } : {}),
              locale: localeOf(request),
              secret: config.secret,
              lockRows: true,
            });
            if (plan.summary.rejected > 0 && !skipInvalid)
              throw new AppError(
                'validation_failed',
                plan.problems
                  .slice(0, 100)
                  .map((p) => ({ path: `row ${p.row}${p.column ? ` / ${p.column}` : ''}`, key: p.message })),
              );
            const summary = await applyImport(tx, tenantId, auditActorOf(request), plan, {
              skipInvalid,
              ...(fileName ? { fileName } : {}),
              ...(progress ? { onProgress: progress.writing } : {}),
            });
            return { summary };
          });
          progress?.finished(true);
          // the next search is planned for the table as it now is (platform/db/maintenance.ts)
          await maintainAfterBulkWrite(db, request.log);
          return result;
        } catch (error) {
          progress?.finished(false);
          throw error;
        }
      },
    );

    app.get(
      '/api/alumni/import/progress/:progressId',
      {
        // no session is read: PGlite's one connection is the running import's until it commits
        config: { permission: 'secret-link' },
        schema: {
          tags: ['alumni'],
          summary: 'Where an apply started with this progressId stands',
          description:
            'The progressId (random, chosen by the page that started the apply) is the only key. Kept in the memory of the server running the apply, for a minute after it ends; 404 when this server has none.',
          params: z.object({ progressId: idSchema }),
          response: { 200: importProgressSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        const found = importProgress.read(request.params.progressId);
        if (!found) throw new AppError('not_found');
        return found;
      },
    );

    app.get(
      '/api/alumni/import/mappings',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'Saved column mappings',
          response: { 200: z.array(savedMappingSchema) },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => listMappings(tx, tenantId)),
    );

    app.put(
      '/api/alumni/import/mappings',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'Save a column mapping by name',
          body: saveMappingSchema,
          response: { 200: savedMappingSchema, 400: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          saveMapping(tx, tenantId, auditActorOf(request), request.body.name, request.body),
        ),
    );

    app.get(
      '/api/alumni/import/template',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'A template CSV to fill in: our headers in Japanese and one example row',
          description:
            'Every header is one the import recognises; the example row imports as it is (replace or delete it). UTF-8 with BOM, or CP932 (Shift_JIS) as Excel in Japan saves it.',
          querystring: importTemplateQuerySchema,
          response: { 200: z.any().meta({ description: 'text/csv' }) },
        },
      },
      async (request, reply) => {
        const { encoding } = request.query;
        return reply
          .header('content-type', `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
          .header('content-disposition', templateDisposition(encoding))
          .serializer((p: unknown) => p as string)
          .send(importTemplate(encoding));
      },
    );
  };

function requireFile(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('validation_failed', [{ path: 'body', key: 'required' }]);
  return body;
}
