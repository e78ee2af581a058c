import {
  alumniListQuerySchema,
  alumniPageSchema,
  alumnusInputSchema,
  alumnusInvitationPreviewSchema,
  alumnusParamsSchema,
  alumnusSchema,
  alumnusUpdateSchema,
  errorResponseSchema,
  exportQuerySchema,
  idSchema,
  importPreviewSchema,
  importProgressSchema,
  importQuerySchema,
  importResultSchema,
  okSchema,
  ownDataQuerySchema,
  portalMeSchema,
  privacyNoticeInputSchema,
  privacyNoticeSchema,
  publishedRehirePolicySchema,
  registerMemberSchema,
  rehirePolicyInputSchema,
  rehirePolicySchema,
  savedMappingSchema,
  saveMappingSchema,
  segmentInputSchema,
  segmentParamsSchema,
  segmentSchema,
  setConsentsSchema,
  timelineEntrySchema,
} from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../platform/config.js';
import type { Database } from '../../platform/db/database.js';
import { AppError, localeOf } from '../../platform/errors.js';
import type { Mailer } from '../../platform/mail.js';
import { auditActorOf } from '../identity/audit-actor.js';
import { exportAlumni } from './export.js';
import { applyImport, type ImportPlan, planImport } from './import.js';
import { ImportProgressBoard } from './import-progress.js';
import { listMappings, saveMapping } from './mappings.js';
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
import { exportMyDataCsv } from './profile.js';
import { alumnusTimeline, createAlumnus, listAlumni, readAlumnus, updateAlumnus } from './records.js';
import {
  findPolicy,
  makeShareLink,
  presentPolicy,
  readPolicyByShareLink,
  readPublishedPolicy,
  saveRehirePolicy,
} from './rehire-policy.js';
import { deleteSegment, listSegments, saveSegment } from './segments.js';

const IMPORT_LIMIT = 64 * 1024 * 1024; // 100,000 rows of a typical HR export fit easily

const nameOf = (a: { input: { familyName: string; givenName: string } }) =>
  `${a.input.familyName} ${a.input.givenName}`;

export function previewOf(plan: ImportPlan) {
  return {
    encoding: plan.encoding,
    headers: plan.headers,
    mapping: plan.mapping,
    rows: plan.rows,
    summary: plan.summary,
    problems: plan.problems.slice(0, 1000),
    skipped: plan.skipped.slice(0, 1000),
    samples: plan.actions.slice(0, 100).map((a) => ({
      row: a.row,
      action: a.action,
      name: nameOf(a),
      employeeNumber: a.input.employeeNumber ?? null,
      changed: a.changed,
    })),
  };
}

export const alumniRoutes =
  (db: Database, config: Config, mailer: Mailer): FastifyPluginAsyncZod =>
  async (app) => {
    const importProgress = new ImportProgressBoard();
    // CSV uploads arrive as raw bytes: the encoding is decided by us, not by the transport
    app.addContentTypeParser(
      ['text/csv', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: IMPORT_LIMIT },
      (_req, body, done) => done(null, body),
    );

    app.get(
      '/api/alumni',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['alumni'],
          summary: 'Alumni of the active company: filter, search, sort, page',
          querystring: alumniListQuerySchema,
          response: { 200: alumniPageSchema },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => listAlumni(tx, tenantId, request.query)),
    );

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
        const { csv } = await request.inTenant((tx, tenantId) =>
          exportAlumni(tx, tenantId, auditActorOf(request), filter, { encoding, locale: localeOf(request) }),
        );
        const stamp = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', `text/csv; charset=${encoding === 'cp932' ? 'Shift_JIS' : 'utf-8'}`)
          .header('content-disposition', `attachment; filename="alumni-${stamp}.csv"`)
          .header('cache-control', 'no-store')
          .serializer((p: unknown) => p as string)
          .send(csv);
      },
    );

    app.post(
      '/api/alumni/import/preview',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'Check a CSV file: every row’s problems and what applying would create, update or leave',
          description:
            'Body: the file’s bytes (Content-Type text/csv or application/octet-stream). Nothing is changed.',
          querystring: importQuerySchema,
          response: { 200: importPreviewSchema, 400: errorResponseSchema },
        },
      },
      async (request) => {
        const bytes = requireFile(request.body);
        const { encoding, mapping } = request.query;
        const plan = await request.inTenant((tx, tenantId) =>
          planImport(tx, tenantId, bytes, {
            encoding,
            ...(mapping ? { mapping } : {}),
            locale: localeOf(request),
          }),
        );
        return previewOf(plan);
      },
    );

    app.post(
      '/api/alumni/import/apply',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'Apply a CSV file in one transaction: all rows or none',
          description:
            'Refused while any row is rejected, unless skipInvalid=true (then the valid rows are applied).',
          querystring: importQuerySchema,
          response: { 200: importResultSchema, 400: errorResponseSchema },
        },
      },
      async (request) => {
        const bytes = requireFile(request.body);
        const { encoding, mapping, skipInvalid, fileName, progressId } = request.query;
        const progress = progressId ? importProgress.follow(progressId) : null;
        try {
          const result = await request.inTenant(async (tx, tenantId) => {
            const plan = await planImport(tx, tenantId, bytes, {
              encoding,
              ...(mapping ? { mapping } : {}),
              locale: localeOf(request),
              lockRows: true,
            });
            if (plan.summary.rejected > 0 && !skipInvalid)
              throw new AppError(
                'validation_failed',
                plan.problems
                  .slice(0, 100)
                  .map((p) => ({ path: `row ${p.row}${p.column ? ` / ${p.column}` : ''}`, key: p.message })),
              );
            const summary = await applyImport(tx, tenantId, auditActorOf(request), plan, {
              skipInvalid,
              ...(fileName ? { fileName } : {}),
              ...(progress ? { onProgress: progress.writing } : {}),
            });
            return { summary };
          });
          progress?.finished(true);
          return result;
        } catch (error) {
          progress?.finished(false);
          throw error;
        }
      },
    );

    app.get(
      '/api/alumni/import/progress/:progressId',
      {
        // no session is read: PGlite's one connection is the running import's until it commits
        config: { permission: 'secret-link' },
        schema: {
          tags: ['alumni'],
          summary: 'Where an apply started with this progressId stands',
          description:
            'The progressId (random, chosen by the page that started the apply) is the only key. Kept in the memory of the server running the apply, for a minute after it ends; 404 when this server has none.',
          params: z.object({ progressId: idSchema }),
          response: { 200: importProgressSchema, 404: errorResponseSchema },
        },
      },
      async (request) => {
        const found = importProgress.read(request.params.progressId);
        if (!found) throw new AppError('not_found');
        return found;
      },
    );

    app.get(
      '/api/alumni/import/mappings',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'Saved column mappings',
          response: { 200: z.array(savedMappingSchema) },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => listMappings(tx, tenantId)),
    );

    app.put(
      '/api/alumni/import/mappings',
      {
        config: { permission: 'alumni:import' },
        schema: {
          tags: ['alumni'],
          summary: 'Save a column mapping by name',
          body: saveMappingSchema,
          response: { 200: savedMappingSchema, 400: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          saveMapping(tx, tenantId, auditActorOf(request), request.body.name, request.body.columns),
        ),
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
          summary: 'The record’s history: created, imported, changed …',
          params: alumnusParamsSchema,
          response: { 200: z.array(timelineEntrySchema), 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) => alumnusTimeline(tx, tenantId, request.params.alumnusId)),
    );
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
        config: { permission: 'public' },
        schema: {
          tags: ['membership'],
          summary: 'What a registration link offers: company, name on record, the privacy notice',
          params: z.object({ token: z.string().min(10).max(200) }),
          response: { 200: alumnusInvitationPreviewSchema, 410: errorResponseSchema },
        },
      },
      async (request) => previewAlumnusInvitation(db, request.params.token),
    );
    app.post(
      '/api/public/alumni-invitations/:token/register',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['membership'],
          summary: 'Register as a member: confirm the name, choose interests, consent per purpose',
          params: z.object({ token: z.string().min(10).max(200) }),
          body: registerMemberSchema,
          response: {
            200: z.object({ email: z.string(), hasPassword: z.boolean() }),
            400: errorResponseSchema,
            409: errorResponseSchema,
            410: errorResponseSchema,
          },
        },
      },
      async (request) => registerMember(db, request.params.token, request.body, request.ip),
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
        const day = new Date().toISOString().slice(0, 10);
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

    // ---- rehire policy (再雇用条件)
    app.get(
      '/api/rehire-policy',
      {
        config: { permission: 'alumni:read' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'The company’s rehire rules (defaults until saved)',
          response: { 200: rehirePolicySchema },
        },
      },
      async (request) =>
        request.inTenant(async (tx, tenantId) => presentPolicy(await findPolicy(tx, tenantId))),
    );
    app.put(
      '/api/rehire-policy',
      {
        config: { permission: 'rehire-policy:manage' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'Save the rehire rules and the explanation for employees (send the version you edited)',
          body: z.object({ version: z.number().int().min(0), policy: rehirePolicyInputSchema }),
          response: { 200: rehirePolicySchema, 400: errorResponseSchema, 409: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          saveRehirePolicy(tx, tenantId, auditActorOf(request), request.body.version, request.body.policy),
        ),
    );
    app.post(
      '/api/rehire-policy/share-link',
      {
        config: { permission: 'rehire-policy:manage' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'A new internal link to the published explanation (the old one stops working)',
          response: { 200: z.object({ url: z.string() }), 404: errorResponseSchema },
        },
      },
      async (request) =>
        request.inTenant((tx, tenantId) =>
          makeShareLink(tx, tenantId, auditActorOf(request), config.baseUrl),
        ),
    );
    app.get(
      '/api/rehire-policy/published',
      {
        config: { permission: 'rehire-policy:read' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'The published explanation, for employees',
          response: { 200: publishedRehirePolicySchema, 404: errorResponseSchema },
        },
      },
      async (request) => request.inTenant((tx, tenantId) => readPublishedPolicy(tx, tenantId)),
    );
    app.get(
      '/api/public/rehire-policy/:token',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['rehire-policy'],
          summary: 'The published explanation through a shareable internal link',
          params: z.object({ token: z.string().min(10).max(200) }),
          response: { 200: publishedRehirePolicySchema, 404: errorResponseSchema },
        },
      },
      async (request) => readPolicyByShareLink(db, request.params.token),
    );
  };

function requireFile(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0)
    throw new AppError('validation_failed', [{ path: 'body', key: 'required' }]);
  return body;
}
