import {
  errorResponseSchema,
  okSchema,
  segmentInputSchema,
  segmentInvitationQuerySchema,
  segmentInvitationResultSchema,
  segmentParamsSchema,
  segmentSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { maintainAfterBulkWrite } from '../../platform/db/maintenance.js';
import { auditActorOf } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import { inviteSegment, sendSegmentInvitations } from './segment-invitations.js';
import { deleteSegment, listSegments, saveSegment } from './segments.js';

/** The member lifecycle after registration: own profile, its review check, deletion; segment invitations. */

export const segmentRoutes =
  (db: Database, config: Config, mailer: Mailer): FastifyPluginAsyncZod =>
  async (app) => {
    // ---- segments (saved filters)
    app.get(
      '/api/alumni/segments',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['alumni'],
          summary: 'Saved filters with their live counts',
          response: { 200: z.array(segmentSchema) },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => listSegments(tx, tenantId)),
    );
    app.post(
      '/api/alumni/segments',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['alumni'],
          summary: 'Save a filter as a segment',
          body: segmentInputSchema,
          response: { 201: segmentSchema, 400: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.inTenant((tx, tenantId) =>
              saveSegment(tx, tenantId, auditActorOf(request), request.body),
            ),
          ),
    );
    app.put(
      '/api/alumni/segments/:segmentId',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['alumni'],
          summary: 'Rename or change a segment',
          params: segmentParamsSchema,
          body: segmentInputSchema,
          response: { 200: segmentSchema, 404: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          saveSegment(tx, tenantId, auditActorOf(request), request.body, request.params.segmentId),
        ),
    );
    app.delete(
      '/api/alumni/segments/:segmentId',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['alumni'],
          summary: 'Delete a segment',
          params: segmentParamsSchema,
          response: { 200: okSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        await request.inTenant((tx, tenantId) =>
          deleteSegment(tx, tenantId, auditActorOf(request), request.params.segmentId),
        );
        return { ok: true as const };
      },
    );

    // ---- invitations to a whole segment
    app.post(
      '/api/alumni/segments/:segmentId/invitations',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['membership'],
          summary: 'Invite everyone in a segment who may be invited (dryRun=true only counts)',
          description:
            'Skipped, and counted by reason: anonymized, already registered, do-not-contact, no e-mail, a pending invitation from the last 7 days. Mails go out after the invitations are saved; `mailNotSent` counts those SMTP refused.',
          params: segmentParamsSchema,
          querystring: segmentInvitationQuerySchema,
          response: { 200: segmentInvitationResultSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        const { invited, skipped, issued } = await request.inTenant((tx, tenantId) =>
          inviteSegment(tx, tenantId, auditActorOf(request), request.params.segmentId, request.query.dryRun),
        );
        const mailNotSent = await sendSegmentInvitations(mailer, config.baseUrl, issued);
        if (issued.length > 0) await maintainAfterBulkWrite(db, request.log);
        return { invited, skipped, mailNotSent };
      },
    );
  };
