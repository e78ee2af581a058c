import type { CreateTenant, Tenant, UpdateTenant } from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../lib/http';

const TENANTS_KEY = ['tenants'] as const;

export function useTenants(enabled = true) {
  return useQuery({ queryKey: TENANTS_KEY, queryFn: () => http.get<Tenant[]>('/api/tenants'), enabled });
}

export function useCreateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateTenant) => http.post<Tenant>('/api/tenants', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TENANTS_KEY }),
  });
}

export function useUpdateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...changes }: UpdateTenant & { id: string }) =>
      http.patch<Tenant>(`/api/tenants/${id}`, changes),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: TENANTS_KEY });
      // the active company's name or status may have changed
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
}
