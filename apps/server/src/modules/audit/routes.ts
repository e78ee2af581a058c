import {
  auditActorsQuerySchema,
  auditActorsSchema,
  auditEntrySchema,
  auditExportQuerySchema,
  auditQuerySchema,
  errorResponseSchema,
  pageOf,
} from '@kizuna/contract';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import { localeOf } from '../../platform/errors.js';
import { exportAuditLog, unsafeExportAuditLogAcrossTenants } from './export-audit.js';
import {
  listAuditActors,
  listAuditLog,
  unsafeListAuditActorsAcrossTenants,
  unsafeListAuditLogAcrossTenants,
} from './list-audit.js';
import type { AuditNames } from './names.js';
import { auditActorOf, recordAudit } from './record-audit.js';

const auditPage = pageOf(auditEntrySchema);
const iso = <T extends { createdAt: Date }>(page: { items: T[]; nextCursor: string | null }) => ({
  ...page,
  items: page.items.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
});

const csvResponse = {
  200: z.any().meta({ description: 'text/csv' }),
  400: errorResponseSchema,
  413: errorResponseSchema,
};

function sendCsv(reply: FastifyReply, csv: Buffer, encoding: 'utf8' | 'cp932', name: string) {
  // the day in Japan, as the page shows it (until 09:00 there, UTC's date is the day before)
  const stamp = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
  return reply
    .header('content-type', `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
    .header('content-disposition', `attachment; filename="${name}-${stamp}.csv"`)
    .header('cache-control', 'no-store')
    .serializer((p: unknown) => p as string)
    .send(csv);
}

/** The audit routes; `names` (from app.ts) says how entries name their company and subject. */
export const auditRoutes =
  (db: Database, names: AuditNames): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit log of the active company (filter by action, actor, days in Japan)',
          querystring: auditQuerySchema,
          response: { 200: auditPage, 400: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) =>
        iso(await request.inTenant((tx, tenantId) => listAuditLog(tx, names, tenantId, request.query))),
    );

    app.get(
      '/api/audit/actors',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'The people who appear as actors in the active company’s log (the actor filter)',
          querystring: auditActorsQuerySchema,
          response: { 200: auditActorsSchema, 400: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => ({
        items: await request.inTenant((tx, tenantId) => listAuditActors(tx, names, tenantId, request.query)),
      }),
    );

    app.get(
      '/api/audit/export',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'The active company’s filtered audit log as CSV (UTF-8 with BOM, or CP932); audited',
          querystring: auditExportQuerySchema,
          response: csvResponse,
        },
      },
      async (request, reply) => {
        const { encoding, ...filter } = request.query;
        const { csv } = await request.inTenant((tx, tenantId) =>
          exportAuditLog(tx, names, tenantId, auditActorOf(request), filter, {
            encoding,
            locale: localeOf(request),
          }),
        );
        return sendCsv(reply, csv, encoding, 'audit-log');
      },
    );

    app.get(
      '/api/operator/audit',
      {
        config: { permission: 'operator-audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit log across all companies (operator admins)',
          querystring: auditQuerySchema,
          response: { 200: auditPage, 400: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => {
        const page = await unsafeListAuditLogAcrossTenants(db, names, request.query);
        // reading the whole audit log is itself an audited act; one entry per look, not per page
        if (!request.query.cursor) {
          const { action, actorUserId, from, to, tenantId } = request.query;
          await request.inOperator((tx) =>
            recordAudit(tx, auditActorOf(request), {
              action: 'audit.read_all',
              subjectType: 'audit_log',
              detail: {
                filter: {
                  action: action ?? null,
                  tenantId: tenantId ?? null,
                  actorUserId: actorUserId ?? null,
                  from: from ?? null,
                  to: to ?? null,
                },
              },
            }),
          );
        }
        return iso(page);
      },
    );

    app.get(
      '/api/operator/audit/actors',
      {
        config: { permission: 'operator-audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'The people who appear as actors across all companies’ logs (operator admins)',
          querystring: auditActorsQuerySchema,
          response: { 200: auditActorsSchema, 400: errorResponseSchema, 403: errorResponseSchema },
        },
      },
      async (request) => ({ items: await unsafeListAuditActorsAcrossTenants(db, names, request.query) }),
    );

    app.get(
      '/api/operator/audit/export',
      {
        config: { permission: 'operator-audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'Every company’s filtered audit log as CSV (operator admins); audited',
          querystring: auditExportQuerySchema,
          response: csvResponse,
        },
      },
      async (request, reply) => {
        const { encoding, ...filter } = request.query;
        const { csv } = await unsafeExportAuditLogAcrossTenants(db, names, auditActorOf(request), filter, {
          encoding,
          locale: localeOf(request),
        });
        return sendCsv(reply, csv, encoding, 'audit-log-all');
      },
    );
  };
