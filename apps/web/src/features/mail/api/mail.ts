import type { Outbox, OutgoingMail, OutgoingMailSummary } from '@kizuna/contract';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { http, withQuery } from '../../../lib/http';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function useOutgoingMail(to: string) {
  return useInfiniteQuery({
    queryKey: ['mail', { to }],
    queryFn: ({ pageParam }) =>
      http.get<Page<OutgoingMailSummary>>(withQuery('/api/mail', { limit: 50, cursor: pageParam, to })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useMailMessage(mailId: string) {
  return useQuery({
    queryKey: ['mail', 'one', mailId],
    queryFn: () => http.get<OutgoingMail>(`/api/mail/${mailId}`),
  });
}

/** How mail leaves this server: kept here with bodies (no SMTP), or over SMTP with no body kept. */
export function useOutbox() {
  return useQuery({
    queryKey: ['mail', 'outbox'],
    queryFn: () => http.get<Outbox>('/api/mail/outbox'),
    staleTime: 5 * 60_000,
  });
}
