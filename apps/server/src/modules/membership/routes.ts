/** The member lifecycle after registration: own profile, its review check, deletion; segment invitations. */
import {
  alumnusInvitationPreviewSchema,
  alumnusParamsSchema,
  alumnusSchema,
  anonymizeAlumnusSchema,
  createFromRegistrationSchema,
  deletionRequestSchema,
  errorResponseSchema,
  matchRegistrationSchema,
  memberProfileSchema,
  memberProfileUpdateSchema,
  networkSlugParamsSchema,
  okSchema,
  ownDataQuerySchema,
  portalMeSchema,
  privacyNoticeInputSchema,
  privacyNoticeSchema,
  registerMemberSchema,
  registrationRequestDetailSchema,
  registrationRequestListQuerySchema,
  registrationRequestPageSchema,
  registrationRequestParamsSchema,
  rejectRegistrationSchema,
  selfRegistrationSchema,
  setConsentsSchema,
  verificationPreviewSchema,
  verificationResultSchema,
  verificationTokenParamsSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import { todayInTokyo } from '../../platform/dates.js';
import type { Database } from '../../platform/db/database.js';
import { localeOf } from '../../platform/errors.js';
import { linkLimits, registrationLimits } from '../../platform/rate-limit.js';
import { readAlumnus } from '../alumni/index.js';
import { auditActorOf } from '../audit/index.js';
import { startMemberSession } from '../identity/index.js';
import type { Mailer } from '../mail/index.js';
import { anonymizeAlumnus, requestDeletion } from './anonymize.js';
import {
  currentNotice,
  exportMyData,
  inviteAlumnus,
  optOutOfContact,
  portalMe,
  previewAlumnusInvitation,
  publishNotice,
  registerMember,
  sendAlumnusInvitation,
  setConsents,
} from './membership.js';
import { confirmMyProfile, exportMyDataCsv, readMyProfile, saveMyProfile } from './profile.js';
import {
  createRecordFromRequest,
  listRegistrationRequests,
  matchRegistrationRequest,
  previewVerification,
  readRegistrationRequest,
  rejectRegistrationRequest,
  sendDecisionMail,
  sendVerificationMail,
  submitSelfRegistration,
  verifySelfRegistration,
} from './registration.js';

/** The alumni network: settings, the public page with self-registration, and the staff queue. */

export const membershipRoutes =
  (db: Database, config: Config, mailer: Mailer): FastifyPluginAsyncZod =>
  async (app) => {
    // ---- member registration, consent and the member's own page
    app.get(
      '/api/privacy-notice',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['membership'],
          summary: 'The current privacy notice (個人情報の取扱い) and its purposes',
          response: { 200: privacyNoticeSchema },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => currentNotice(tx, tenantId)),
    );
    app.post(
      '/api/privacy-notice',
      {
        config: { permission: 'privacy-notice:manage' },
        schema: {
          tags: ['membership'],
          summary: 'Publish a new version (members are asked for consent again)',
          body: privacyNoticeInputSchema,
          response: { 201: privacyNoticeSchema, 400: errorResponseSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.inTenant((tx, tenantId) =>
              publishNotice(tx, tenantId, auditActorOf(request), request.body),
            ),
          ),
    );
    app.post(
      '/api/alumni/:alumnusId/invitation',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['membership'],
          summary:
            'Mail a registration link to this leaver (not to do-not-contact, unregistered e-mail or members)',
          params: alumnusParamsSchema,
          response: {
            201: z.object({ mailSent: z.boolean() }),
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const issued = await request.inTenant((tx, tenantId) =>
          inviteAlumnus(tx, tenantId, auditActorOf(request), request.params.alumnusId),
        );
        return reply
          .status(201)
          .send({ mailSent: await sendAlumnusInvitation(mailer, config.baseUrl, issued) });
      },
    );
    app.get(
      '/api/public/alumni-invitations/:token',
      {
        config: { permission: 'public', rateLimits: linkLimits() },
        schema: {
          tags: ['membership'],
          summary: 'What a registration link offers: company, name on record, the privacy notice',
          params: z.object({ token: z.string().min(10).max(200) }),
          response: {
            200: alumnusInvitationPreviewSchema,
            403: errorResponseSchema,
            410: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => previewAlumnusInvitation(db, request.params.token),
    );
    app.post(
      '/api/public/alumni-invitations/:token/register',
      {
        config: { permission: 'public', rateLimits: linkLimits() },
        schema: {
          tags: ['membership'],
          summary: 'Register as a member: confirm the name, choose interests, consent per purpose',
          params: z.object({ token: z.string().min(10).max(200) }),
          body: registerMemberSchema,
          description:
            'On success the answer signs the member in (a better-auth session cookie, `signedIn: true`), unless the account also holds a staff or operator role: such an account signs in as it always does.',
          response: {
            429: errorResponseSchema,
            200: z.object({ email: z.string(), hasPassword: z.boolean(), signedIn: z.boolean() }),
            400: errorResponseSchema,
            409: errorResponseSchema,
            403: errorResponseSchema,
            410: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const { userId, tenantId, ...answer } = await registerMember(
          db,
          request.params.token,
          request.body,
          request.ip,
        );
        const signedIn = await startMemberSession(db, app.auth, request, reply, { userId, tenantId });
        return { ...answer, signedIn };
      },
    );
    app.get(
      '/api/portal/me',
      {
        config: { permission: 'portal:use' },
        schema: {
          tags: ['membership'],
          summary: 'The member’s own record, consents and the current notice',
          response: { 200: portalMeSchema, 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) => portalMe(tx, tenantId, request.requireActor().userId)),
    );
    app.put(
      '/api/portal/consents',
      {
        config: { permission: 'portal:use' },
        schema: {
          tags: ['membership'],
          summary: 'Set the consents (withdraw any purpose; re-consent to a new notice)',
          body: setConsentsSchema,
          response: { 200: portalMeSchema, 400: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          setConsents(
            tx,
            tenantId,
            request.requireActor().userId,
            request.ip,
            request.body.granted,
            request.body.noticeVersion,
          ),
        ),
    );
    app.post(
      '/api/portal/opt-out',
      {
        config: { permission: 'portal:use' },
        schema: {
          tags: ['membership'],
          summary: 'Stop all contact in one step',
          response: { 200: portalMeSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          optOutOfContact(tx, tenantId, request.requireActor().userId, request.ip),
        ),
    );
    app.get(
      '/api/portal/export',
      {
        config: { permission: 'portal:use' },
        schema: {
          tags: ['membership'],
          summary: 'Download my data: JSON, or CSV for Excel (profile and consents sections)',
          description:
            'Everything the company keeps about the member except staff working notes: the record and every consent with its notice version. CSV is UTF-8 with BOM, one row per field. Audited as `alumnus.self_export`.',
          querystring: ownDataQuerySchema,
          response: { 200: z.any() },
        },
      },
      async (request, reply) => {
        const { userId } = request.requireActor();
        const day = todayInTokyo();
        reply.header('cache-control', 'no-store');
        if (request.query.format === 'csv') {
          const csv = await request.inTenant((tx, tenantId) =>
            exportMyDataCsv(tx, tenantId, userId, request.ip, localeOf(request)),
          );
          return reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="my-data-${day}.csv"`)
            .send(csv);
        }
        const data = await request.inTenant((tx, tenantId) => exportMyData(tx, tenantId, userId, request.ip));
        return reply.header('content-disposition', `attachment; filename="my-data-${day}.json"`).send(data);
      },
    );
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
        // one transaction: the record, the person's name in the log, their mail and their account
        await request.inTenant((tx, tenantId) =>
          requestDeletion(
            tx,
            tenantId,
            request.requireActor().userId,
            request.ip,
            request.body.confirmEmail,
            config.secret,
          ),
        );
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
        await request.inTenant((tx, tenantId) =>
          anonymizeAlumnus(tx, tenantId, actor, request.params.alumnusId, request.body, config.secret),
        );
        return request.inTenant((tx, tenantId) => readAlumnus(tx, tenantId, actor, request.params.alumnusId));
      },
    );
    app.post(
      '/api/public/networks/:slug/registrations',
      {
        config: { permission: 'public', rateLimits: registrationLimits() },
        schema: {
          tags: ['network'],
          summary: 'Register from the public page: a confirmation link is mailed (valid 24 hours)',
          description:
            'Always 202 with the same body whether or not the address is known (no account enumeration). At most 3 links per address and company per hour are mailed. 409 when the privacy notice changed since the page was loaded.',
          params: networkSlugParamsSchema,
          body: selfRegistrationSchema,
          response: {
            429: errorResponseSchema,
            202: okSchema,
            400: errorResponseSchema,
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const issued = await submitSelfRegistration(db, request.params.slug, request.body);
        if (issued)
          await sendVerificationMail(mailer, config.baseUrl, issued, localeOf(request), { ip: request.ip });
        return reply.status(202).send({ ok: true as const });
      },
    );
    app.get(
      '/api/public/registration-verifications/:token',
      {
        config: { permission: 'public', rateLimits: linkLimits() },
        schema: {
          tags: ['network'],
          summary: 'What a confirmation link confirms: company and address',
          params: verificationTokenParamsSchema,
          response: {
            200: verificationPreviewSchema,
            403: errorResponseSchema,
            410: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => previewVerification(db, request.params.token),
    );
    app.post(
      '/api/public/registration-verifications/:token',
      {
        config: { permission: 'public', rateLimits: linkLimits() },
        schema: {
          tags: ['network'],
          summary:
            'Confirm the address: registered at once when it matches one leaver record, else queued for staff',
          description:
            '`registered` when exactly one leaver record has this address and is not registered, do-not-contact or anonymized: the answer then signs the member in (a better-auth session cookie, `signedIn: true`) unless the account also holds a staff or operator role; `queued` otherwise.',
          params: verificationTokenParamsSchema,
          response: {
            200: verificationResultSchema,
            403: errorResponseSchema,
            410: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const { member, ...answer } = await verifySelfRegistration(db, request.params.token, request.ip);
        const signedIn = member ? await startMemberSession(db, app.auth, request, reply, member) : false;
        return { ...answer, signedIn };
      },
    );

    // ---- staff: the queue of self-registrations (照合待ち)
    app.get(
      '/api/alumni/registration-requests',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['network'],
          summary:
            'Self-registrations by status (pending: confirmed by e-mail, waiting to be matched), newest first, a page at a time',
          querystring: registrationRequestListQuerySchema,
          response: { 200: registrationRequestPageSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) => listRegistrationRequests(tx, tenantId, request.query)),
    );
    app.get(
      '/api/alumni/registration-requests/:requestId',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['network'],
          summary: 'One self-registration with the leaver records that may be this person (audited read)',
          params: registrationRequestParamsSchema,
          response: { 200: registrationRequestDetailSchema, 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          readRegistrationRequest(tx, tenantId, auditActorOf(request), request.params.requestId),
        ),
    );
    const decisionResponses = {
      200: registrationRequestDetailSchema,
      400: errorResponseSchema,
      404: errorResponseSchema,
      409: errorResponseSchema,
    };
    app.post(
      '/api/alumni/registration-requests/:requestId/match',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['network'],
          summary:
            'Register the person on this leaver record (refused for members, do-not-contact, anonymized)',
          params: registrationRequestParamsSchema,
          body: matchRegistrationSchema,
          response: decisionResponses,
        },
      },
      async (request) => {
        const { request: result, mail } = await request.inTenant((tx, tenantId) =>
          matchRegistrationRequest(
            tx,
            tenantId,
            auditActorOf(request),
            request.params.requestId,
            request.body.alumnusId,
            request.body.confirmation,
          ),
        );
        await sendDecisionMail(mailer, config.baseUrl, mail);
        return result;
      },
    );
    app.post(
      '/api/alumni/registration-requests/:requestId/create-record',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['network'],
          summary: 'No record fits: create a leaver record from the request, then register the person',
          params: registrationRequestParamsSchema,
          body: createFromRegistrationSchema,
          response: decisionResponses,
        },
      },
      async (request) => {
        const { request: result, mail } = await request.inTenant((tx, tenantId) =>
          createRecordFromRequest(
            tx,
            tenantId,
            auditActorOf(request),
            request.params.requestId,
            request.body,
          ),
        );
        await sendDecisionMail(mailer, config.baseUrl, mail);
        return result;
      },
    );
    app.post(
      '/api/alumni/registration-requests/:requestId/reject',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['network'],
          summary: 'Decline the request; the person gets a polite notice (the reason stays internal)',
          params: registrationRequestParamsSchema,
          body: rejectRegistrationSchema,
          response: decisionResponses,
        },
      },
      async (request) => {
        const { request: result, mail } = await request.inTenant((tx, tenantId) =>
          rejectRegistrationRequest(
            tx,
            tenantId,
            auditActorOf(request),
            request.params.requestId,
            request.body.reason,
          ),
        );
        await sendDecisionMail(mailer, config.baseUrl, mail);
        return result;
      },
    );
  };
