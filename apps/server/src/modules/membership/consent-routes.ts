import { alumnusConsentsSchema, alumnusParamsSchema, errorResponseSchema } from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditActorOf } from '../audit/index.js';
import { readAlumnusConsents } from './member-consents.js';

/** Staff reading a record's consents (the alumnus page's panel). */
export const alumnusConsentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/alumni/:alumnusId/consents',
    {
      config: { permission: 'alumni:read' },
      schema: {
        tags: ['membership'],
        summary: 'The person’s consents per purpose (given, withdrawn or never), with notice versions',
        description:
          'Also when the person registered and was last invited, and the notice version in force. Audited as `alumnus.read` with `{ part: "consents" }`.',
        params: alumnusParamsSchema,
        response: { 200: alumnusConsentsSchema, 404: errorResponseSchema },
      },
    },
    async (request) =>
      request.inTenant((tx, tenantId) =>
        readAlumnusConsents(tx, tenantId, auditActorOf(request), request.params.alumnusId),
      ),
  );
};
