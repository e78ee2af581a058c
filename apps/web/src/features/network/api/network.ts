import type {
  publicNetworkSchema,
  SelfRegistration,
  verificationPreviewSchema,
  verificationResultSchema,
} from '@kizuna/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';

export type PublicNetwork = z.infer<typeof publicNetworkSchema>;
export type VerificationPreview = z.infer<typeof verificationPreviewSchema>;
export type VerificationResult = z.infer<typeof verificationResultSchema>;

export const networkApi = {
  page: (slug: string) => http.get<PublicNetwork>(`/api/public/networks/${encodeURIComponent(slug)}`),
  register: (slug: string, input: SelfRegistration) =>
    http.post<unknown>(`/api/public/networks/${encodeURIComponent(slug)}/registrations`, input),
  verification: (token: string) =>
    http.get<VerificationPreview>(`/api/public/registration-verifications/${encodeURIComponent(token)}`),
  verify: (token: string) =>
    http.post<VerificationResult>(`/api/public/registration-verifications/${encodeURIComponent(token)}`, {}),
};

export function usePublicNetwork(slug: string) {
  return useQuery({ queryKey: ['network', slug], queryFn: () => networkApi.page(slug), retry: false });
}

export function useSelfRegistration(slug: string) {
  return useMutation({ mutationFn: (input: SelfRegistration) => networkApi.register(slug, input) });
}

export function useVerificationPreview(token: string) {
  return useQuery({
    queryKey: ['registration-verification', token],
    queryFn: () => networkApi.verification(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useVerify(token: string) {
  return useMutation({ mutationFn: () => networkApi.verify(token) });
}
