import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../audit/record-audit.js';

export function auditActorOf(request: FastifyRequest): AuditActor {
  return { userId: request.actor?.userId ?? null, name: request.actor?.name ?? null, ip: request.ip };
}
