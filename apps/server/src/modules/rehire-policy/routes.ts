import {
  errorResponseSchema,
  publishedRehirePolicySchema,
  rehirePolicyInputSchema,
  rehirePolicySchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { sharedLinkLimits } from '../../platform/rate-limit.js';
import { auditActorOf } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import {
  findPolicy,
  makeShareLink,
  presentPolicy,
  readPolicyByShareLink,
  readPublishedPolicy,
  saveRehirePolicy,
} from './rehire-policy.js';

export const rehirePolicyRoutes =
  (db: Database, config: Config, _mailer: Mailer): FastifyPluginAsyncZod =>
  async (app) => {
    // ---- rehire policy (再雇用条件)
    app.get(
      '/api/rehire-policy',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'The company’s rehire rules (defaults until saved)',
          response: { 200: rehirePolicySchema },
        },
      },
      async (request) =>
        request.inTenant(async (tx, tenantId) => presentPolicy(await findPolicy(tx, tenantId))),
    );
    app.put(
      '/api/rehire-policy',
      {
        config: { permission: 'rehire-policy:manage' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'Save the rehire rules and the explanation for employees (send the version you edited)',
          body: z.object({ version: z.number().int().min(0), policy: rehirePolicyInputSchema }),
          response: { 200: rehirePolicySchema, 400: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          saveRehirePolicy(tx, tenantId, auditActorOf(request), request.body.version, request.body.policy),
        ),
    );
    app.post(
      '/api/rehire-policy/share-link',
      {
        config: { permission: 'rehire-policy:manage' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'A new internal link to the published explanation (the old one stops working)',
          response: { 200: z.object({ url: z.string() }), 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          makeShareLink(tx, tenantId, auditActorOf(request), config.baseUrl),
        ),
    );
    app.get(
      '/api/rehire-policy/published',
      {
        config: { permission: 'rehire-policy:read' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'The published explanation, for employees',
          response: { 200: publishedRehirePolicySchema, 404: errorResponseSchema },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => readPublishedPolicy(tx, tenantId)),
    );
    app.get(
      '/api/public/rehire-policy/:token',
      {
        config: { permission: 'public', rateLimits: sharedLinkLimits() },
        schema: {
          tags: ['rehire-policy'],
          summary: 'The published explanation through a shareable internal link',
          params: z.object({ token: z.string().min(10).max(200) }),
          response: {
            200: publishedRehirePolicySchema,
            403: errorResponseSchema,
            404: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => readPolicyByShareLink(db, request.params.token),
    );
  };
