import {
  acceptInvitationSchema,
  changeOperatorStaffRoleSchema,
  changePasswordSchema,
  changeStaffRoleSchema,
  createInvitationSchema,
  errorResponseSchema,
  invitationIssuedSchema,
  invitationListQuerySchema,
  invitationPageSchema,
  invitationParamsSchema,
  invitationPreviewSchema,
  invitationTokenParamsSchema,
  meSchema,
  okSchema,
  operatorStaffMemberSchema,
  operatorStaffParamsSchema,
  setActiveTenantSchema,
  staffMemberSchema,
  staffParamsSchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { linkLimits } from '../../platform/rate-limit.js';
import { auditActorOf, recordAudit } from '../audit/index.js';
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
import { changeOwnPassword, endUserSessions } from './sessions.js';
import {
  changeStaffRole,
  listStaff,
  removeStaff,
  unsafeChangeOperatorStaffRole,
  unsafeListOperatorStaff,
  unsafeRemoveOperatorStaff,
} from './staff.js';

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
        await setActiveTenant(db, request.requireActor(), request.body.tenantId, auditActorOf(request));
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

    app.put(
      '/api/me/password',
      {
        config: { permission: 'authenticated' },
        schema: {
          tags: ['identity'],
          summary: 'Change one’s own password (the current one is required); other sessions end',
          body: changePasswordSchema,
          response: { 200: okSchema, 400: errorResponseSchema, 401: errorResponseSchema },
        },
      },
      async (request, reply) => {
        const actor = request.requireActor();
        await changeOwnPassword(app.auth, request, reply, request.body);
        await request.inOperator((tx) =>
          recordAudit(tx, auditActorOf(request), {
            action: 'user.password_change',
            subjectType: 'user',
            subjectId: actor.userId,
            detail: { otherSessionsEnded: true },
          }),
        );
        return { ok: true as const };
      },
    );

    app.patch(
      '/api/staff/:membershipId',
      {
        config: { permission: 'staff:manage' },
        schema: {
          tags: ['identity'],
          summary: 'Give a member of staff another role (their sessions end); never the last admin',
          params: staffParamsSchema,
          body: changeStaffRoleSchema,
          response: {
            200: okSchema,
            400: errorResponseSchema,
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const changed = await request.inTenant((tx, tenantId) =>
          changeStaffRole(
            tx,
            tenantId,
            auditActorOf(request),
            request.params.membershipId,
            request.body.role,
          ),
        );
        if (changed) await endUserSessions(app.auth, changed.userId);
        return { ok: true as const };
      },
    );

    app.delete(
      '/api/staff/:membershipId',
      {
        config: { permission: 'staff:manage' },
        schema: {
          tags: ['identity'],
          summary: 'Remove a member of staff from the company (their sessions end); never the last admin',
          params: staffParamsSchema,
          response: { 200: okSchema, 404: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request) => {
        const removed = await request.inTenant((tx, tenantId) =>
          removeStaff(tx, tenantId, auditActorOf(request), request.params.membershipId),
        );
        await endUserSessions(app.auth, removed.userId);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/operator/staff',
      {
        config: { permission: 'operator-staff:manage' },
        schema: {
          tags: ['identity'],
          summary: 'The operator’s staff (operator admins and interviewers)',
          response: { 200: z.array(operatorStaffMemberSchema) },
        },
      },
      async () => unsafeListOperatorStaff(db),
    );

    app.patch(
      '/api/operator/staff/:userId',
      {
        config: { permission: 'operator-staff:manage' },
        schema: {
          tags: ['identity'],
          summary: 'Give a member of the operator’s staff another role; never the last operator admin',
          params: operatorStaffParamsSchema,
          body: changeOperatorStaffRoleSchema,
          response: {
            200: okSchema,
            400: errorResponseSchema,
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request) => {
        const changed = await unsafeChangeOperatorStaffRole(
          db,
          auditActorOf(request),
          request.params.userId,
          request.body.role,
        );
        if (changed) await endUserSessions(app.auth, changed.userId);
        return { ok: true as const };
      },
    );

    app.delete(
      '/api/operator/staff/:userId',
      {
        config: { permission: 'operator-staff:manage' },
        schema: {
          tags: ['identity'],
          summary:
            'Remove a member of the operator’s staff (their sessions end); never the last operator admin',
          params: operatorStaffParamsSchema,
          response: { 200: okSchema, 404: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request) => {
        const removed = await unsafeRemoveOperatorStaff(db, auditActorOf(request), request.params.userId);
        await endUserSessions(app.auth, removed.userId);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/invitations',
      {
        config: { permission: 'staff:invite' },
        schema: {
          tags: ['identity'],
          summary: 'Staff invitations of the active company, newest first, a page at a time',
          querystring: invitationListQuerySchema,
          response: { 200: invitationPageSchema },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => listInvitations(tx, tenantId, request.query)),
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
          response: {
            200: invitationPreviewSchema,
            403: errorResponseSchema,
            410: errorResponseSchema,
            429: errorResponseSchema,
          },
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
            429: errorResponseSchema,
            200: z.object({ email: z.string(), createdAccount: z.boolean() }),
            400: errorResponseSchema,
            409: errorResponseSchema,
            403: errorResponseSchema,
            410: errorResponseSchema,
          },
        },
      },
      async (request) => acceptInvitation(db, request.params.token, request.body, request.ip),
    );
  };
