import type {
  createFromRegistrationSchema,
  IdentityConfirmation,
  registrationCandidateSchema,
  registrationRequestDetailSchema,
  registrationRequestPageSchema,
  registrationRequestSchema,
  registrationRequestStatuses,
} from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http, withQuery } from '../../../lib/http';
import { usePages } from '../../../lib/pages';
import { useCan } from '../../identity/api/me';

export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;
export type RegistrationRequestPage = z.infer<typeof registrationRequestPageSchema>;
export type RegistrationRequestDetail = z.infer<typeof registrationRequestDetailSchema>;
export type RegistrationCandidate = z.infer<typeof registrationCandidateSchema>;
export type RegistrationRequestStatus = (typeof registrationRequestStatuses)[number];
export type CreateFromRegistration = z.infer<typeof createFromRegistrationSchema>;

const REQUESTS_KEY = ['registration-requests'] as const;

/** One status's requests, newest first, 50 at a time. */
export function useRegistrationRequests(status: RegistrationRequestStatus) {
  return usePages<RegistrationRequestPage>(
    [...REQUESTS_KEY, 'list', status],
    '/api/alumni/registration-requests',
    {
      status,
    },
  );
}

/** How many requests wait to be matched (for the menu); nothing is fetched without alumni:write. */
export function usePendingRequestCount(): number {
  const canWrite = useCan()('alumni:write');
  const pending = useQuery({
    queryKey: [...REQUESTS_KEY, 'list', 'pending', 'count'],
    queryFn: () =>
      http.get<RegistrationRequestPage>(
        withQuery('/api/alumni/registration-requests', { status: 'pending', limit: 1 }),
      ),
    enabled: canWrite,
    staleTime: 60_000,
  });
  return pending.data?.total ?? 0;
}

/** One request with its candidate records (an audited read: fetched once per visit). */
export function useRegistrationRequest(requestId: string) {
  return useQuery({
    queryKey: [...REQUESTS_KEY, 'detail', requestId],
    queryFn: () =>
      http.get<RegistrationRequestDetail>(
        `/api/alumni/registration-requests/${encodeURIComponent(requestId)}`,
      ),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

type Decision =
  | {
      kind: 'match';
      alumnusId: string;
      /** Staff's check of a second attribute, for a record that shares only the name. */
      confirmation?: { attribute: IdentityConfirmation; note: string } | null;
    }
  | { kind: 'create'; input: CreateFromRegistration }
  | { kind: 'reject'; reason: string };

/** Match, create a record, or decline: the request leaves the queue; the lists are fetched again. */
export function useDecideRegistration(requestId: string) {
  const queryClient = useQueryClient();
  const base = `/api/alumni/registration-requests/${encodeURIComponent(requestId)}`;
  return useMutation({
    mutationFn: (decision: Decision) =>
      decision.kind === 'match'
        ? http.post<RegistrationRequestDetail>(`${base}/match`, {
            alumnusId: decision.alumnusId,
            confirmation: decision.confirmation ?? null,
          })
        : decision.kind === 'create'
          ? http.post<RegistrationRequestDetail>(`${base}/create-record`, decision.input)
          : http.post<RegistrationRequestDetail>(`${base}/reject`, { reason: decision.reason }),
    onSuccess: async (decided) => {
      queryClient.setQueryData([...REQUESTS_KEY, 'detail', requestId], decided);
      await queryClient.invalidateQueries({ queryKey: [...REQUESTS_KEY, 'list'] });
      await queryClient.invalidateQueries({ queryKey: ['alumni'] });
    },
  });
}
