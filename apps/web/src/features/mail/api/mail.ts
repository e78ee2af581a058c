import type { Outbox, OutgoingMail, OutgoingMailSummary } from '@kizuna/contract';
import { useQuery } from '@tanstack/react-query';
import { http } from '../../../lib/http';
import { type Page, usePages } from '../../../lib/pages';

export function useOutgoingMail(to: string) {
  return usePages<Page<OutgoingMailSummary>>(['mail', { to }], '/api/mail', { to });
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
