import {
  errorResponseSchema,
  networkSettingsInputSchema,
  networkSettingsSchema,
  networkSlugParamsSchema,
  publicNetworkSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Database } from '../../platform/db/database.js';
import { auditActorOf } from '../audit/index.js';
import { readNetworkSettings, saveNetworkSettings } from './network-settings.js';
import { type NoticeOf, readPublicNetwork } from './public-page.js';

/** The alumni network: settings, the public page with self-registration, and the staff queue. */

export const networkRoutes =
  (db: Database, noticeOf: NoticeOf): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/network-settings',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['network'],
          summary: 'The alumni network settings: public page, its intro, the profile review age',
          response: { 200: networkSettingsSchema },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => readNetworkSettings(tx, tenantId)),
    );
    app.put(
      '/api/network-settings',
      {
        config: { permission: 'network:manage' },
        schema: {
          tags: ['network'],
          summary: 'Save the alumni network settings',
          body: networkSettingsInputSchema,
          response: { 200: networkSettingsSchema, 400: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          saveNetworkSettings(tx, tenantId, auditActorOf(request), request.body),
        ),
    );

    // ---- the public page and self-registration (no session)
    app.get(
      '/api/public/networks/:slug',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['network'],
          summary: 'The company’s public alumni page: intro and privacy notice (404 unless enabled)',
          params: networkSlugParamsSchema,
          response: { 200: publicNetworkSchema, 404: errorResponseSchema },
        },
      },
      async (request) => readPublicNetwork(db, request.params.slug, noticeOf),
    );
  };
