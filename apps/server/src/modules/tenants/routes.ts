import {
  createTenantSchema,
  errorResponseSchema,
  tenantParamsSchema,
  tenantSchema,
  updateTenantSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../../platform/db/database.js';
import { auditActorOf } from '../audit/index.js';
import { type CountMembers, createTenant, getTenant, listTenants, updateTenant } from './use-cases.js';

export const tenantRoutes =
  (db: Database, countMembers: CountMembers): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/tenants',
      {
        config: { permission: 'tenants:read' },
        schema: { tags: ['tenants'], summary: 'List companies', response: { 200: z.array(tenantSchema) } },
      },
      async () => listTenants(db, countMembers),
    );

    app.post(
      '/api/tenants',
      {
        config: { permission: 'tenants:manage' },
        schema: {
          tags: ['tenants'],
          summary: 'Create a company',
          body: createTenantSchema,
          response: { 201: tenantSchema, 400: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const tenant = await createTenant(db, auditActorOf(request), request.body);
        return reply.status(201).send(tenant);
      },
    );

    app.get(
      '/api/tenants/:tenantId',
      {
        config: { permission: 'tenants:read' },
        schema: {
          tags: ['tenants'],
          summary: 'One company',
          params: tenantParamsSchema,
          response: { 200: tenantSchema, 404: errorResponseSchema },
        },
      },
      async (request) => getTenant(db, countMembers, request.params.tenantId),
    );

    app.patch(
      '/api/tenants/:tenantId',
      {
        config: { permission: 'tenants:manage' },
        schema: {
          tags: ['tenants'],
          summary: 'Rename, suspend or reactivate a company',
          params: tenantParamsSchema,
          body: updateTenantSchema,
          response: { 200: tenantSchema, 400: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        await updateTenant(db, auditActorOf(request), request.params.tenantId, request.body);
        return getTenant(db, countMembers, request.params.tenantId);
      },
    );
  };
