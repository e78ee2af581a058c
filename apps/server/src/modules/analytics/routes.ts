import { homeFiguresSchema } from '@kizuna/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { homeFigures } from './home-figures.js';

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/analytics/home',
    {
      config: { permission: 'alumni:read' },
      schema: {
        tags: ['analytics'],
        summary: 'The staff home’s numbers for the active company today',
        description:
          'Alumni (anonymized records excluded), members and the join rate, self-registrations waiting for a decision, registration links mailed this month (Asia/Tokyo) and CSV imports. Counts only; nothing is written.',
        response: { 200: homeFiguresSchema },
      },
    },
    async (request) => request.inTenant((tx, tenantId) => homeFigures(tx, tenantId)),
  );
};
