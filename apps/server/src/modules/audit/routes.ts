import { auditEntrySchema, auditQuerySchema, errorResponseSchema, pageOf } from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../platform/db/database.js';
import { listAuditLog, unsafeListAuditLogAcrossTenants } from './list-audit.js';
import { recordAudit } from './record-audit.js';

const auditPage = pageOf(auditEntrySchema);
const iso = <T extends { createdAt: Date }>(page: { items: T[]; nextCursor: string | null }) => ({
  ...page,
  items: page.items.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
});

export const auditRoutes =
  (db: Database): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/audit',
      {
        config: { permission: 'audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit log of the active company',
          querystring: auditQuerySchema,
          response: { 200: auditPage, 403: errorResponseSchema },
        },
      },
      async (request) =>
        iso(await request.inTenant((tx, tenantId) => listAuditLog(tx, tenantId, request.query))),
    );

    app.get(
      '/api/operator/audit',
      {
        config: { permission: 'operator-audit:read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit log across all companies (operator admins)',
          querystring: auditQuerySchema,
          response: { 200: auditPage, 403: errorResponseSchema },
        },
      },
      async (request) => {
        const page = await unsafeListAuditLogAcrossTenants(db.unsafeOwner, request.query);
        // reading the whole audit log is itself an audited act
        const actor = request.requireActor();
        // one entry per look, not per page
        if (!request.query.cursor)
          await request.inOperator((tx) =>
            recordAudit(
              tx,
              { userId: actor.userId, name: actor.name, ip: request.ip },
              {
                action: 'audit.read_all',
                subjectType: 'audit_log',
                detail: {
                  filter: { action: request.query.action ?? null, tenantId: request.query.tenantId ?? null },
                },
              },
            ),
          );
        return iso(page);
      },
    );
  };
