import { type HomeFigures, RECENT_IMPORT_DAYS } from '@kizuna/contract';
import { todayInTokyo } from '../../platform/dates.js';
import type { Tx } from '../../platform/db/database.js';
import { countAlumniAndMembers } from '../alumni/index.js';
import { actionFigures } from '../audit/index.js';
import { countInvitationsSince, countPendingRegistrations } from '../membership/index.js';
import { retireesAreAlumni } from '../network/index.js';

/** The first instant of the calendar month in Japan (UTC+9, no daylight saving) that holds `now`. */
export function tokyoMonthOf(now: Date) {
  const month = todayInTokyo(now).slice(0, 7);
  return { month, start: new Date(`${month}-01T00:00:00+09:00`) };
}

const count = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : null);

/**
 * The staff home's numbers for one company, each from the module that owns it: alumni and
 * members (alumni, counting leavers at the retirement age as the network settings say), registrations waiting and invitations this month (membership), imports
 * (the audit log's `alumni.import` entries). Reads only: nothing is written, not even an audit
 * entry (these are counts, not anyone's personal data).
 */
export async function homeFigures(tx: Tx, tenantId: string, now = new Date()): Promise<HomeFigures> {
  const { month, start } = tokyoMonthOf(now);
  const retireesCounted = await retireesAreAlumni(tx, tenantId);
  const { alumni, members } = await countAlumniAndMembers(tx, tenantId, {
    retireesAreAlumni: retireesCounted,
  });
  const pendingRegistrations = await countPendingRegistrations(tx, tenantId);
  const invitationsThisMonth = await countInvitationsSince(tx, tenantId, start);
  const imports = await actionFigures(
    tx,
    tenantId,
    { action: 'alumni.import', subjectType: 'alumni' },
    new Date(now.getTime() - RECENT_IMPORT_DAYS * 86_400_000),
  );
  return {
    alumni,
    members,
    joinRate: alumni > 0 ? members / alumni : null,
    retireesCounted,
    pendingRegistrations,
    invitationsThisMonth,
    month,
    imports: {
      recent: imports.recent,
      lastAt: imports.last?.at ?? null,
      lastCreated: count(imports.last?.detail.create),
      lastUpdated: count(imports.last?.detail.update),
    },
  };
}
