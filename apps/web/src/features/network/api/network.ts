import type { publicNetworkSchema } from '@kizuna/contract';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';

export type PublicNetwork = z.infer<typeof publicNetworkSchema>;

export const networkApi = {
  page: (slug: string) => http.get<PublicNetwork>(`/api/public/networks/${encodeURIComponent(slug)}`),
};

export function usePublicNetwork(slug: string) {
  return useQuery({ queryKey: ['network', slug], queryFn: () => networkApi.page(slug), retry: false });
}
