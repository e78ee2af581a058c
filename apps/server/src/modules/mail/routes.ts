import {
  errorResponseSchema,
  mailParamsSchema,
  mailQuerySchema,
  outboxSchema,
  outgoingMailSchema,
  outgoingMailSummarySchema,
  pageOf,
} from '@kizuna/contract';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { olderThanCursor, pageResult } from '../../platform/http.js';
import { auditActorOf, recordAudit } from '../audit/index.js';
import { outgoingMail } from './tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Outgoing mail, for operator admins ("送信メール"): without SMTP, this is where mail arrives. */
export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/mail/outbox',
    {
      config: { permission: 'mail:read' },
      schema: {
        tags: ['mail'],
        summary: 'How mail leaves: kept here with its body (no SMTP), or sent over SMTP with no body kept',
        response: { 200: outboxSchema },
      },
    },
    async () => ({ transport: app.mailer.transport, bodiesKept: app.mailer.transport === 'database' }),
  );

  app.get(
    '/api/mail',
    {
      config: { permission: 'mail:read' },
      schema: {
        tags: ['mail'],
        summary: 'Outgoing mail, newest first',
        querystring: mailQuerySchema,
        response: { 200: pageOf(outgoingMailSummarySchema) },
      },
    },
    async (request) =>
      request.inOperator(async (tx) => {
        const { limit, cursor, to } = request.query;
        const where: SQL[] = [];
        const before = olderThanCursor(outgoingMail, cursor);
        if (before) where.push(before);
        if (to) where.push(sql`strpos(${outgoingMail.to}, ${to.toLowerCase()}) > 0`);
        const rows = await tx
          .select({
            id: outgoingMail.id,
            to: outgoingMail.to,
            subject: outgoingMail.subject,
            transport: outgoingMail.transport,
            sentAt: outgoingMail.sentAt,
            error: outgoingMail.error,
            erasedAt: outgoingMail.erasedAt,
            createdAt: outgoingMail.createdAt,
          })
          .from(outgoingMail)
          .where(and(...where))
          .orderBy(desc(outgoingMail.createdAt), desc(outgoingMail.id))
          .limit(limit + 1);
        const page = pageResult(rows, limit);
        return {
          ...page,
          items: page.items.map((m) => ({
            ...m,
            sentAt: iso(m.sentAt),
            erasedAt: iso(m.erasedAt),
            createdAt: m.createdAt.toISOString(),
          })),
        };
      }),
  );

  app.get(
    '/api/mail/:mailId',
    {
      config: { permission: 'mail:read' },
      schema: {
        tags: ['mail'],
        summary: 'One outgoing message, with its body when the outbox kept it',
        description:
          'The body is kept only without SMTP (development and demos) and until the recipient’s deletion request. Every read is audited as `mail.read`.',
        params: mailParamsSchema,
        response: { 200: outgoingMailSchema, 404: errorResponseSchema },
      },
    },
    async (request) =>
      request.inOperator(async (tx) => {
        const [m] = await tx.select().from(outgoingMail).where(eq(outgoingMail.id, request.params.mailId));
        if (!m) throw new AppError('not_found');
        // the body may hold a live sign-in, reset or invitation link: who read it stays on record
        await recordAudit(tx, auditActorOf(request), {
          action: 'mail.read',
          subjectType: 'mail',
          subjectId: m.id,
          detail: { bodyKept: m.text !== null },
        });
        return {
          id: m.id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          transport: m.transport,
          sentAt: iso(m.sentAt),
          error: m.error,
          erasedAt: iso(m.erasedAt),
          createdAt: m.createdAt.toISOString(),
        };
      }),
  );
};
