import {
  createFromRegistrationSchema,
  errorResponseSchema,
  matchRegistrationSchema,
  networkSettingsInputSchema,
  networkSettingsSchema,
  networkSlugParamsSchema,
  okSchema,
  publicNetworkSchema,
  registrationRequestDetailSchema,
  registrationRequestListQuerySchema,
  registrationRequestParamsSchema,
  registrationRequestSchema,
  rejectRegistrationSchema,
  selfRegistrationSchema,
  verificationPreviewSchema,
  verificationResultSchema,
  verificationTokenParamsSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import type { Mailer } from '../../platform/mail.js';
import { auditActorOf } from '../identity/audit-actor.js';
import { readNetworkSettings, saveNetworkSettings } from './network-settings.js';
import {
  createRecordFromRequest,
  listRegistrationRequests,
  matchRegistrationRequest,
  previewVerification,
  readPublicNetwork,
  readRegistrationRequest,
  rejectRegistrationRequest,
  sendDecisionMail,
  sendVerificationMail,
  submitSelfRegistration,
  verifySelfRegistration,
} from './registration.js';

/** The alumni network: settings, the public page with self-registration, and the staff queue. */
export const networkRoutes =
  (db: Database, config: Config, mailer: Mailer): FastifyPluginAsyncZod =>
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
      async (request) => readPublicNetwork(db, request.params.slug),
    );
    app.post(
      '/api/public/networks/:slug/registrations',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['network'],
          summary: 'Register from the public page: a confirmation link is mailed (valid 24 hours)',
          description:
            'Always 202 with the same body whether or not the address is known (no account enumeration). At most 3 links per address and company per hour are mailed. 409 when the privacy notice changed since the page was loaded.',
          params: networkSlugParamsSchema,
          body: selfRegistrationSchema,
          response: {
            202: okSchema,
            400: errorResponseSchema,
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request, reply) => {
        const issued = await submitSelfRegistration(db, request.params.slug, request.body);
        if (issued) await sendVerificationMail(mailer, config.baseUrl, issued);
        return reply.status(202).send({ ok: true as const });
      },
    );
    app.get(
      '/api/public/registration-verifications/:token',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['network'],
          summary: 'What a confirmation link confirms: company and address',
          params: verificationTokenParamsSchema,
          response: { 200: verificationPreviewSchema, 410: errorResponseSchema },
        },
      },
      async (request) => previewVerification(db, request.params.token),
    );
    app.post(
      '/api/public/registration-verifications/:token',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['network'],
          summary:
            'Confirm the address: registered at once when it matches one leaver record, else queued for staff',
          description:
            '`registered` when exactly one leaver record has this address and is not registered, do-not-contact or anonymized (the member signs in by e-mail link); `queued` otherwise.',
          params: verificationTokenParamsSchema,
          response: { 200: verificationResultSchema, 410: errorResponseSchema },
        },
      },
      async (request) => verifySelfRegistration(db, request.params.token, request.ip),
    );

    // ---- staff: the queue of self-registrations (照合待ち)
    app.get(
      '/api/alumni/registration-requests',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['network'],
          summary: 'Self-registrations by status (pending: confirmed by e-mail, waiting to be matched)',
          querystring: registrationRequestListQuerySchema,
          response: { 200: z.array(registrationRequestSchema) },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) => listRegistrationRequests(tx, tenantId, request.query.status)),
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
