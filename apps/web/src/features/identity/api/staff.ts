import type {
  ChangePassword,
  CreateInvitation,
  InvitableRole,
  InvitationPage,
  InvitationPreview,
  OperatorRole,
  OperatorStaffMember,
  StaffMember,
} from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../lib/http';
import { usePages } from '../../../lib/pages';

const STAFF_KEY = ['staff'] as const;
const INVITATIONS_KEY = ['invitations'] as const;
const OPERATOR_STAFF_KEY = ['operator-staff'] as const;

export function useStaff() {
  return useQuery({ queryKey: STAFF_KEY, queryFn: () => http.get<StaffMember[]>('/api/staff') });
}

/** The company's staff invitations, newest first, 50 at a time. */
export function useInvitations(enabled: boolean) {
  return usePages<InvitationPage>(INVITATIONS_KEY, '/api/invitations', {}, { enabled });
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

function useStaffMutation<TInput>(fn: (input: TInput) => Promise<unknown>, key: readonly string[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

/** A member of staff gets another role; their sessions end (they sign in again). */
export function useChangeStaffRole() {
  return useStaffMutation(
    ({ membershipId, role }: { membershipId: string; role: InvitableRole }) =>
      http.patch<{ ok: true }>(`/api/staff/${membershipId}`, { role }),
    STAFF_KEY,
  );
}

/** A member of staff leaves the company; their sessions end. */
export function useRemoveStaff() {
  return useStaffMutation(
    (membershipId: string) => http.delete<{ ok: true }>(`/api/staff/${membershipId}`),
    STAFF_KEY,
  );
}

export function useOperatorStaff() {
  return useQuery({
    queryKey: OPERATOR_STAFF_KEY,
    queryFn: () => http.get<OperatorStaffMember[]>('/api/operator/staff'),
  });
}

export function useChangeOperatorStaffRole() {
  return useStaffMutation(
    ({ userId, role }: { userId: string; role: OperatorRole }) =>
      http.patch<{ ok: true }>(`/api/operator/staff/${encodeURIComponent(userId)}`, { role }),
    OPERATOR_STAFF_KEY,
  );
}

export function useRemoveOperatorStaff() {
  return useStaffMutation(
    (userId: string) => http.delete<{ ok: true }>(`/api/operator/staff/${encodeURIComponent(userId)}`),
    OPERATOR_STAFF_KEY,
  );
}

/** Changes one's own password; the other sessions end and this one is renewed (a new cookie). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePassword) => http.put<{ ok: true }>('/api/me/password', input),
  });
}
