import {
  type AuditActorOption,
  type AuditEntry,
  type AuditExportEncoding,
  auditExportEncodings,
  errorMessages,
} from '@kizuna/contract';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { currentLocale, i18n } from '../../../i18n';
import { ApiError, http, withQuery } from '../../../lib/http';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type AuditScope = 'company' | 'operator';

/** The page's filters; days are `YYYY-MM-DD` in Japan time, both inclusive. */
export interface AuditFilter {
  action?: string | undefined;
  actorUserId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  tenantId?: string | undefined;
}

const base = (scope: AuditScope) => (scope === 'operator' ? '/api/operator/audit' : '/api/audit');

function filterQuery(scope: AuditScope, filter: AuditFilter) {
  return {
    action: filter.action,
    actorUserId: filter.actorUserId,
    from: filter.from,
    to: filter.to,
    tenantId: scope === 'operator' ? filter.tenantId : undefined,
  };
}

/** The company's audit log, or (operator admins) every company's; newest first, by pages. */
export function useAuditLog(scope: AuditScope, filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: ['audit', scope, filter],
    queryFn: ({ pageParam }) =>
      http.get<Page<AuditEntry>>(
        withQuery(base(scope), { limit: 50, cursor: pageParam, ...filterQuery(scope, filter) }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The people who acted in the log (in the chosen days and company), for the actor filter. */
export function useAuditActors(scope: AuditScope, filter: Pick<AuditFilter, 'from' | 'to' | 'tenantId'>) {
  return useQuery({
    queryKey: ['audit', scope, 'actors', filter.from, filter.to, filter.tenantId],
    queryFn: () =>
      http.get<{ items: AuditActorOption[] }>(
        withQuery(`${base(scope)}/actors`, {
          from: filter.from,
          to: filter.to,
          tenantId: scope === 'operator' ? filter.tenantId : undefined,
        }),
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export { type AuditExportEncoding, auditExportEncodings };

/**
 * Downloads the filtered log as CSV. Fetched rather than linked so that a refusal (too many
 * entries) is shown on the page instead of being saved as a file. Returns the file's name.
 */
export async function downloadAuditCsv(
  scope: AuditScope,
  filter: AuditFilter,
  encoding: AuditExportEncoding,
): Promise<string> {
  const path = withQuery(`${base(scope)}/export`, { ...filterQuery(scope, filter), encoding });
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      headers: { Accept: 'text/csv, application/json', 'Accept-Language': currentLocale() },
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as {
      error?: { code?: string; message?: string };
    } | null;
    const code = body?.error?.code ?? 'internal';
    throw new ApiError(
      response.status,
      code,
      body?.error?.message ?? errorMessages.internal[currentLocale()],
    );
  }
  const name =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'audit-log.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
