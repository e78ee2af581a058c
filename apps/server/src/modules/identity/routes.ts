import {
  acceptInvitationSchema,
  createInvitationSchema,
  errorResponseSchema,
  invitationIssuedSchema,
  invitationParamsSchema,
  invitationPreviewSchema,
  invitationSchema,
  invitationTokenParamsSchema,
  meSchema,
  okSchema,
  setActiveTenantSchema,
  staffMemberSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { linkLimits } from '../../platform/rate-limit.js';
import { auditActorOf } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import { setActiveTenant } from './access.js';
import {
  acceptInvitation,
  inviteStaff,
  listInvitations,
  previewInvitation,
  reissueInvitation,
  revokeInvitation,
  sendInvitationMail,
} from './invitations.js';
import { listStaff } from './staff.js';

export const identityRoutes =
  (db: Database, mailer: Mailer, config: Config): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/me',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['identity'],
          summary: 'The signed-in user, companies and permissions',
          response: { 200: meSchema, 401: errorResponseSchema },
        },
      },
      async (request) => {
        const a = request.requireActor();
        return {
          user: { id: a.userId, name: a.name, email: a.email },
          operatorRole: a.operatorRole,
          memberships: a.memberships,
          activeTenant: a.activeTenant,
          permissions: a.permissions,
        };
      },
    );

    app.put(
      '/api/me/active-tenant',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['identity'],
          summary: 'Choose the company this session acts in',
          body: setActiveTenantSchema,
          response: { 200: okSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        await setActiveTenant(db, request.requireActor(), request.body.tenantId);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/staff',
      {
        config: { permission: 'staff:read' },
        schema: {
          tags: ['identity'],
          summary: 'Staff of the active company',
          response: { 200: z.array(staffMemberSchema) },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => listStaff(tx, tenantId)),
    );

    app.get(
      '/api/invitations',
      {
        config: { permission: 'staff:invite' },
        schema: {
          tags: ['identity'],
          summary: 'Staff invitations of the active company',
          response: { 200: z.array(invitationSchema) },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => listInvitations(tx, tenantId)),
    );

    app.post(
      '/api/invitations',
      {
        config: { permission: 'staff:invite' },
        schema: {
          tags: ['identity'],
          summary: 'Invite a staff member by e-mail',
          body: createInvitationSchema,
          response: { 201: invitationIssuedSchema, 400: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const issued = await request.inTenant((tx, tenantId) =>
          inviteStaff(tx, tenantId, auditActorOf(request), request.body),
        );
        const mailSent = await sendInvitationMail(mailer, config.baseUrl, issued);
        return reply.status(201).send({ id: issued.id, mailSent });
      },
    );

    app.post(
      '/api/invitations/:invitationId/resend',
      {
        config: { permission: 'staff:invite' },
        schema: {
          tags: ['identity'],
          summary: 'Send a new link (the old one stops working)',
          params: invitationParamsSchema,
          response: { 201: invitationIssuedSchema, 404: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const issued = await request.inTenant((tx, tenantId) =>
          reissueInvitation(tx, tenantId, auditActorOf(request), request.params.invitationId),
        );
        const mailSent = await sendInvitationMail(mailer, config.baseUrl, issued);
        return reply.status(201).send({ id: issued.id, mailSent });
      },
    );

    app.delete(
      '/api/invitations/:invitationId',
      {
        config: { permission: 'staff:invite' },
        schema: {
          tags: ['identity'],
          summary: 'Revoke a pending invitation',
          params: invitationParamsSchema,
          response: { 200: okSchema, 404: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request) => {
        await request.inTenant((tx, tenantId) =>
          revokeInvitation(tx, tenantId, auditActorOf(request), request.params.invitationId),
        );
        return { ok: true as const };
      },
    );

    app.get(
      '/api/public/invitations/:token',
      {
        config: { permission: 'public', rateLimits: linkLimits() },
        schema: {
          tags: ['identity'],
          summary: 'What an invitation link offers (no sign-in needed)',
          params: invitationTokenParamsSchema,
          response: { 200: invitationPreviewSchema, 410: errorResponseSchema, 429: errorResponseSchema },
        },
      },
      async (request) => previewInvitation(db, request.params.token),
    );

    app.post(
      '/api/public/invitations/:token/accept',
      {
        config: { permission: 'public', rateLimits: linkLimits() },
        schema: {
          tags: ['identity'],
          summary: 'Accept an invitation (creating the account when the e-mail has none)',
          params: invitationTokenParamsSchema,
          body: acceptInvitationSchema,
          response: {
            200: z.object({ email: z.string(), createdAccount: z.boolean() }),
            400: errorResponseSchema,
            409: errorResponseSchema,
            410: errorResponseSchema,
            429: errorResponseSchema,
          },
        },
      },
      async (request) => acceptInvitation(db, request.params.token, request.body, request.ip),
    );
  };
