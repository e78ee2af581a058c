import type { AuditEntry } from '@kizuna/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { http, withQuery } from '../../../lib/http';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type AuditScope = 'company' | 'operator';

export interface AuditFilter {
  action?: string;
  tenantId?: string;
}

/** The company's audit log, or (operator admins) every company's; newest first, by pages. */
export function useAuditLog(scope: AuditScope, filter: AuditFilter) {
  const path = scope === 'operator' ? '/api/operator/audit' : '/api/audit';
  return useInfiniteQuery({
    queryKey: ['audit', scope, filter],
    queryFn: ({ pageParam }) =>
      http.get<Page<AuditEntry>>(
        withQuery(path, {
          limit: 50,
          cursor: pageParam,
          action: filter.action,
          tenantId: scope === 'operator' ? filter.tenantId : undefined,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
