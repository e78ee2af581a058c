import { openDatabase } from '../apps/server/src/platform/db/database.js';
import { auditLog } from '../apps/server/src/modules/audit/tables.js';
import { tenants } from '../apps/server/src/modules/tenants/tables.js';
import { and, desc, eq, lt, or } from 'drizzle-orm';
const db = await openDatabase({});
const after = { createdAt: new Date(), id: 'x' };
const q = db.unsafeOwner.select({
      id: auditLog.id, tenantId: auditLog.tenantId, tenantName: tenants.name, actorUserId: auditLog.actorUserId,
      actorName: auditLog.actorName, action: auditLog.action, subjectType: auditLog.subjectType, subjectId: auditLog.subjectId,
      detail: auditLog.detail, ip: auditLog.ip, createdAt: auditLog.createdAt,
    }).from(auditLog).leftJoin(tenants, eq(tenants.id, auditLog.tenantId))
    .where(and(...[or(lt(auditLog.createdAt, after.createdAt), and(eq(auditLog.createdAt, after.createdAt), lt(auditLog.id, after.id)))!]))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id)).limit(51);
console.log(q.toSQL());
const q2 = db.unsafeOwner.select({ id: auditLog.id }).from(auditLog).where(and()).limit(51);
console.log(q2.toSQL());
await db.close();
