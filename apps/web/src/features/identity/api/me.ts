import type { Me, Permission } from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, http } from '../../../lib/http';

export const ME_KEY = ['me'] as const;

/** The signed-in user, or null when signed out. */
async function fetchMe(): Promise<Me | null> {
  try {
    return await http.get<Me>('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export const meQuery = { queryKey: ME_KEY, queryFn: fetchMe, staleTime: 30_000 };

export function useMe() {
  return useQuery(meQuery);
}

/** The signed-in user; only for components rendered under the signed-in layout. */
export function useCurrentMe(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentMe outside a signed-in route');
  return data;
}

export function useCan(): (permission: Permission) => boolean {
  const { data } = useMe();
  return (permission) => data?.permissions.includes(permission) ?? false;
}

/** Switches the company the session acts in; every cached answer belonged to the old one. */
export function useSetActiveTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tenantId: string) => http.put<{ ok: true }>('/api/me/active-tenant', { tenantId }),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' && q.queryKey[0] !== 'tenants' });
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
  });
}
