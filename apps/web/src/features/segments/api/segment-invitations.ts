import type { segmentInvitationResultSchema } from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { http } from '../../../lib/http';
import { SEGMENTS_KEY } from './segments';

export type SegmentInvitationResult = z.infer<typeof segmentInvitationResultSchema>;

/** Who an invitation of the segment would reach now (nobody is invited). */
export function useSegmentInvitationPreview(id: string | null) {
  return useQuery({
    queryKey: [...SEGMENTS_KEY, id, 'invitation-preview'],
    queryFn: () =>
      http.post<SegmentInvitationResult>(
        `/api/alumni/segments/${encodeURIComponent(id ?? '')}/invitations?dryRun=true`,
      ),
    enabled: id !== null,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Invites every reachable, unregistered alumnus of the segment. */
export function useInviteSegment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      http.post<SegmentInvitationResult>(`/api/alumni/segments/${encodeURIComponent(id)}/invitations`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['alumni'] }),
  });
}
