import type { AlumnusConsents } from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../lib/http';

const consentsKey = (alumnusId: string) => ['alumni', 'consents', alumnusId] as const;

/** A record's consents as staff see them (an audited read: fetched once per visit of the record). */
export function useAlumnusConsents(alumnusId: string, enabled = true) {
  return useQuery({
    queryKey: consentsKey(alumnusId),
    queryFn: () => http.get<AlumnusConsents>(`/api/alumni/${encodeURIComponent(alumnusId)}/consents`),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Mails one leaver a registration link; the record's history, its panel and the home's figures are read again. */
export function useInviteAlumnus(alumnusId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      http.post<{ mailSent: boolean }>(`/api/alumni/${encodeURIComponent(alumnusId)}/invitation`, {}),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['alumni', 'one', alumnusId, 'timeline'] }),
        queryClient.invalidateQueries({ queryKey: consentsKey(alumnusId) }),
        queryClient.invalidateQueries({ queryKey: ['analytics'] }),
      ]),
  });
}
