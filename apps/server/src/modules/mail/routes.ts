import {
  errorResponseSchema,
  mailParamsSchema,
  mailQuerySchema,
  outgoingMailSchema,
  outgoingMailSummarySchema,
  pageOf,
} from '@kizuna/contract';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/errors.js';
import { olderThanCursor, pageResult } from '../../platform/http.js';
import { outgoingMail } from './tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Outgoing mail, for operator admins ("送信メール"): without SMTP, this is where mail arrives. */
export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
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
        summary: 'One outgoing message with its body',
        params: mailParamsSchema,
        response: { 200: outgoingMailSchema, 404: errorResponseSchema },
      },
    },
    async (request) =>
      request.inOperator(async (tx) => {
        const [m] = await tx.select().from(outgoingMail).where(eq(outgoingMail.id, request.params.mailId));
        if (!m) throw new AppError('not_found');
        return {
          id: m.id,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          transport: m.transport,
          sentAt: iso(m.sentAt),
          error: m.error,
          createdAt: m.createdAt.toISOString(),
        };
      }),
  );
};
