import { PassThrough } from 'node:stream';
import {
  alumnusInputSchema,
  alumnusParamsSchema,
  alumnusSchema,
  alumnusUpdateSchema,
  errorResponseSchema,
  exportQuerySchema,
  timelinePageSchema,
  timelineQuerySchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import { todayInTokyo } from '../../platform/dates.js';
import type { Database } from '../../platform/db/database.js';
import { localeOf } from '../../platform/errors.js';
import { auditActorOf } from '../audit/index.js';
import type { Mailer } from '../mail/index.js';
import { streamAlumniExport } from './export.js';
import { alumnusTimeline, createAlumnus, readAlumnus, updateAlumnus } from './records.js';

export const alumniRoutes =
  (_db: Database, _config: Config, _mailer: Mailer): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/alumni',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['alumni'],
          summary: 'Add a leaver record',
          body: alumnusInputSchema,
          response: { 201: alumnusSchema, 400: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await request.inTenant((tx, tenantId) =>
              createAlumnus(tx, tenantId, auditActorOf(request), request.body),
            ),
          ),
    );

    app.get(
      '/api/alumni/export',
      {
        config: { permission: 'alumni:export' },
        schema: {
          tags: ['alumni'],
          summary: 'The filtered list as CSV (UTF-8 with BOM, or CP932)',
          querystring: exportQuerySchema,
          response: { 200: z.any().meta({ description: 'text/csv' }) },
        },
      },
      async (request, reply) => {
        const { encoding, ...filter } = request.query;
        const stamp = todayInTokyo(); // the date the UI shows: until 09:00 in Japan, UTC's is the day before
        // the rows are streamed from inside the transaction (streamAlumniExport): the answer starts
        // with the first batch, and ends only after the commit, so a complete file means its audit
        // entry is stored; a failure after the start, or a client gone away, cuts the answer short
        const body = new PassThrough();
        let started = false;
        reply.raw.once('close', () => {
          if (!body.writableEnded) body.destroy(new Error('the client closed the export'));
        });
        try {
          await request.inTenant((tx, tenantId) =>
            streamAlumniExport(
              tx,
              tenantId,
              auditActorOf(request),
              filter,
              { encoding, locale: localeOf(request) },
              () => {
                started = true;
                reply
                  .header('content-type', `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
                  .header('content-disposition', `attachment; filename="alumni-${stamp}.csv"`)
                  .header('cache-control', 'no-store')
                  .send(body);
                return body;
              },
            ),
          );
        } catch (error) {
          if (!started) throw error;
          request.log.error({ err: error }, 'export cut short');
          body.destroy(error as Error);
          return reply;
        }
        body.end();
        return reply;
      },
    );

    app.get(
      '/api/alumni/:alumnusId',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['alumni'],
          summary: 'One alumnus (each read is audited)',
          params: alumnusParamsSchema,
          response: { 200: alumnusSchema, 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          readAlumnus(tx, tenantId, auditActorOf(request), request.params.alumnusId),
        ),
    );

    app.put(
      '/api/alumni/:alumnusId',
      {
        config: { permission: 'alumni:write' },
        schema: {
          tags: ['alumni'],
          summary: 'Edit an alumnus (send the version you edited; a newer edit answers 409)',
          params: alumnusParamsSchema,
          body: alumnusUpdateSchema,
          response: {
            200: alumnusSchema,
            400: errorResponseSchema,
            404: errorResponseSchema,
            409: errorResponseSchema,
          },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          updateAlumnus(
            tx,
            tenantId,
            auditActorOf(request),
            request.params.alumnusId,
            request.body.version,
            request.body.alumnus,
          ),
        ),
    );

    app.get(
      '/api/alumni/:alumnusId/timeline',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['alumni'],
          summary: 'The record’s history: created, imported, changed … (newest first, a page at a time)',
          params: alumnusParamsSchema,
          querystring: timelineQuerySchema,
          response: { 200: timelinePageSchema, 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          alumnusTimeline(tx, tenantId, request.params.alumnusId, request.query),
        ),
    );
  };
