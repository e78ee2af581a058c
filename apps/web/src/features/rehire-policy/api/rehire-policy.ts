import type { publishedRehirePolicySchema, RehirePolicy, RehirePolicyInput } from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';

export type PublishedRehirePolicy = z.infer<typeof publishedRehirePolicySchema>;

const POLICY_KEY = ['rehire-policy'] as const;

/** The company's rules (the defaults, version 0, until first saved). */
export function useRehirePolicy() {
  return useQuery({
    queryKey: [...POLICY_KEY, 'rules'],
    queryFn: () => http.get<RehirePolicy>('/api/rehire-policy'),
  });
}

/** Saves the rules edited on `version`; someone else's newer save answers 409 `conflict`. */
export function useSaveRehirePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, policy }: { version: number; policy: RehirePolicyInput }) =>
      http.put<RehirePolicy>('/api/rehire-policy', { version, policy }),
    onSuccess: async (saved) => {
      queryClient.setQueryData([...POLICY_KEY, 'rules'], saved);
      // every verdict may have changed
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [...POLICY_KEY, 'published'] }),
        queryClient.invalidateQueries({ queryKey: ['alumni'] }),
      ]);
    },
  });
}

/** A new share link; the previous one stops working. The address is only shown now. */
export function useCreateShareLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => http.post<{ url: string }>('/api/rehire-policy/share-link'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...POLICY_KEY, 'rules'] }),
  });
}

/** The published explanation, as employees read it (404 while not published). */
export function usePublishedPolicy() {
  return useQuery({
    queryKey: [...POLICY_KEY, 'published'],
    queryFn: () => http.get<PublishedRehirePolicy>('/api/rehire-policy/published'),
  });
}

/** The published explanation through a share link, signed out. */
export function useSharedPolicy(token: string) {
  return useQuery({
    queryKey: [...POLICY_KEY, 'shared', token],
    queryFn: () => http.get<PublishedRehirePolicy>(`/api/public/rehire-policy/${encodeURIComponent(token)}`),
  });
}
