import {
  alumnusParamsSchema,
  alumnusSchema,
  anonymizeAlumnusSchema,
  deletionRequestSchema,
  errorResponseSchema,
  memberProfileSchema,
  memberProfileUpdateSchema,
  okSchema,
  segmentInvitationQuerySchema,
  segmentInvitationResultSchema,
  segmentParamsSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import type { Mailer } from '../../platform/mail.js';
import { auditActorOf } from '../identity/audit-actor.js';
import { anonymizeAlumnus, requestDeletion, unsafeRemoveAnonymizedUser } from './anonymize.js';
import { confirmMyProfile, readMyProfile, saveMyProfile } from './profile.js';
import { readAlumnus } from './records.js';
import { inviteSegment, sendSegmentInvitations } from './segment-invitations.js';

/** The member lifecycle after registration: own profile, its review check, deletion; segment invitations. */
export const memberRoutes =
  (db: Database, config: Config, mailer: Mailer): FastifyPluginAsyncZod =>
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

    // ---- deletion on request (削除依頼): anonymization
    app.post(
      '/api/portal/deletion',
      {
        config: { permission: 'portal:use' },
        schema: {
          tags: ['membership'],
          summary: 'Delete my data: the record is anonymized at once and my membership ends',
          description:
            'The member confirms by typing the e-mail address on record (a mismatch answers 400 with a field error). Employment facts (employee number, dates, leave type and reason category, department, position) are kept; everything else personal is cleared, every consent withdrawn, and the account removed when it has no other company. Audited as `alumnus.anonymize` without the erased values.',
          body: deletionRequestSchema,
          response: { 200: okSchema, 400: errorResponseSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        const { userId } = await request.inTenant((tx, tenantId) =>
          requestDeletion(tx, tenantId, request.requireActor().userId, request.ip, request.body.confirmEmail),
        );
        await unsafeRemoveAnonymizedUser(db, userId); // after commit: the owner connection is free
        return { ok: true as const };
      },
    );
    app.post(
      '/api/alumni/:alumnusId/anonymize',
      {
        config: { permission: 'alumni:anonymize' },
        schema: {
          tags: ['alumni'],
          summary: 'Anonymize a record on a deletion request received by phone or letter',
          description:
            'Same effect as the member’s own deletion request; send the version you looked at. An anonymized record answers 409 `anonymized` to edits and invitations afterwards.',
          params: alumnusParamsSchema,
          body: anonymizeAlumnusSchema,
          response: {
            200: alumnusSchema,
            400: errorResponseSchema,
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const actor = auditActorOf(request);
        const { userId } = await request.inTenant((tx, tenantId) =>
          anonymizeAlumnus(tx, tenantId, actor, request.params.alumnusId, request.body),
        );
        await unsafeRemoveAnonymizedUser(db, userId);
        return request.inTenant((tx, tenantId) => readAlumnus(tx, tenantId, actor, request.params.alumnusId));
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
        return { invited, skipped, mailNotSent };
      },
    );
  };
