import type { NetworkSettingsInput, networkSettingsSchema } from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';

export type NetworkSettings = z.infer<typeof networkSettingsSchema>;

const SETTINGS_KEY = ['network-settings'] as const;

/** The public page's address for a company: `/network/{slug}` on this site. */
export function publicPageUrl(slug: string): string {
  return `${window.location.origin}/network/${encodeURIComponent(slug)}`;
}

export function useNetworkSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => http.get<NetworkSettings>('/api/network-settings'),
  });
}

export function useSaveNetworkSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NetworkSettingsInput) => http.put<NetworkSettings>('/api/network-settings', input),
    onSuccess: (saved) => queryClient.setQueryData(SETTINGS_KEY, saved),
  });
}
