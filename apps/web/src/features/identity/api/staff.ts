import type { CreateInvitation, Invitation, InvitationPreview, StaffMember } from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../lib/http';

const STAFF_KEY = ['staff'] as const;
const INVITATIONS_KEY = ['invitations'] as const;

export function useStaff() {
  return useQuery({ queryKey: STAFF_KEY, queryFn: () => http.get<StaffMember[]>('/api/staff') });
}

export function useInvitations(enabled: boolean) {
  return useQuery({
    queryKey: INVITATIONS_KEY,
    queryFn: () => http.get<Invitation[]>('/api/invitations'),
    enabled,
  });
}

function useInvitationMutation<TInput, TOutput>(fn: (input: TInput) => Promise<TOutput>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: INVITATIONS_KEY }),
  });
}

/** `mailSent: false`: the invitation exists but its e-mail could not be sent (resend later). */
export interface InvitationSent {
  id: string;
  mailSent: boolean;
}

export function useInviteStaff() {
  return useInvitationMutation((input: CreateInvitation) =>
    http.post<InvitationSent>('/api/invitations', input),
  );
}

export function useResendInvitation() {
  return useInvitationMutation((id: string) =>
    http.post<InvitationSent>(`/api/invitations/${id}/resend`, {}),
  );
}

export function useRevokeInvitation() {
  return useInvitationMutation((id: string) => http.delete<{ ok: true }>(`/api/invitations/${id}`));
}

/** What an invitation link offers; no session needed. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => http.get<InvitationPreview>(`/api/public/invitations/${encodeURIComponent(token)}`),
    retry: false,
  });
}

export function useAcceptInvitation(token: string) {
  return useMutation({
    mutationFn: (input: { name?: string; password?: string }) =>
      http.post<{ email: string; createdAccount: boolean }>(
        `/api/public/invitations/${encodeURIComponent(token)}/accept`,
        input,
      ),
  });
}
