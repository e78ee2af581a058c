import type { Alumnus } from '@kizuna/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../lib/http';

/** Anonymizes a record on the person's deletion request (staff side); the record's page shows it at once. */
export function useAnonymizeAlumnus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; version: number }) =>
      http.post<Alumnus>(`/api/alumni/${encodeURIComponent(id)}/anonymize`, body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['alumni', 'one', id], saved);
      await queryClient.invalidateQueries({ queryKey: ['alumni'] });
    },
  });
}
