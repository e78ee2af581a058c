import { errorResponseSchema, memberProfileSchema, memberProfileUpdateSchema } from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import type { Mailer } from '../../platform/mail.js';
import { confirmMyProfile, readMyProfile, saveMyProfile } from './profile.js';

/** The member lifecycle after registration: own profile, its review check, deletion; segment invitations. */
export const memberRoutes =
  (_db: Database, _config: Config, _mailer: Mailer): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/portal/profile',
      {
        config: { permission: 'portal:use' },
        schema: {
          tags: ['membership'],
          summary: 'My profile as the company keeps it, with "is this still right?" due or not',
          description: 'Audited as `alumnus.self_read`.',
          response: { 200: memberProfileSchema, 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          readMyProfile(tx, tenantId, request.requireActor().userId, request.ip),
        ),
    );
    app.put(
      '/api/portal/profile',
      {
        config: { permission: 'portal:use' },
        schema: {
          tags: ['membership'],
          summary: 'Save my profile (send the version you edited; a newer one answers 409)',
          description:
            'Saving also confirms the profile (resets the review check). Audited as `alumnus.self_update` with the changed field names.',
          body: memberProfileUpdateSchema,
          response: {
            200: memberProfileSchema,
            400: errorResponseSchema,
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          saveMyProfile(
            tx,
            tenantId,
            request.requireActor().userId,
            request.ip,
            request.body.version,
            request.body.profile,
          ),
        ),
    );
    app.post(
      '/api/portal/profile/confirm',
      {
        config: { permission: 'portal:use' },
        schema: {
          tags: ['membership'],
          summary: 'One click: "my profile is still right" (resets the review check)',
          response: { 200: memberProfileSchema, 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          confirmMyProfile(tx, tenantId, request.requireActor().userId, request.ip),
        ),
    );
  };
