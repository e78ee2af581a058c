import type { SelfRegistration, verificationPreviewSchema, verificationResultSchema } from '@kizuna/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';

export type VerificationPreview = z.infer<typeof verificationPreviewSchema>;
export type VerificationResult = z.infer<typeof verificationResultSchema>;

/** Registering from a company's public page: a request, then the e-mailed link confirms it. */
export const registrationApi = {
  register: (slug: string, input: SelfRegistration) =>
    http.post<unknown>(`/api/public/networks/${encodeURIComponent(slug)}/registrations`, input),
  verification: (token: string) =>
    http.get<VerificationPreview>(`/api/public/registration-verifications/${encodeURIComponent(token)}`),
  verify: (token: string) =>
    http.post<VerificationResult>(`/api/public/registration-verifications/${encodeURIComponent(token)}`, {}),
};

export function useSelfRegistration(slug: string) {
  return useMutation({ mutationFn: (input: SelfRegistration) => registrationApi.register(slug, input) });
}

export function useVerificationPreview(token: string) {
  return useQuery({
    queryKey: ['registration-verification', token],
    queryFn: () => registrationApi.verification(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useVerify(token: string) {
  return useMutation({ mutationFn: () => registrationApi.verify(token) });
}
