import type {
  alumnusInvitationPreviewSchema,
  ConsentPurpose,
  MemberProfileInput,
  memberProfileSchema,
  ownDataFormats,
  portalMeSchema,
  RegisterMember,
} from '@kizuna/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError, http } from '../../../lib/http';
import { ME_KEY } from '../../identity/api/me';

export type AlumnusInvitationPreview = z.infer<typeof alumnusInvitationPreviewSchema>;
export type PortalMe = z.infer<typeof portalMeSchema>;
export type MemberProfile = z.infer<typeof memberProfileSchema>;
export type OwnDataFormat = (typeof ownDataFormats)[number];

const PORTAL_KEY = ['portal'] as const;
const PROFILE_KEY = ['portal', 'profile'] as const;

export const portalApi = {
  invitation: (token: string) =>
    http.get<AlumnusInvitationPreview>(`/api/public/alumni-invitations/${encodeURIComponent(token)}`),
  register: (token: string, input: RegisterMember) =>
    // signedIn: the answer set the session cookie (an account with a staff role signs in itself)
    http.post<{ email: string; hasPassword: boolean; signedIn: boolean }>(
      `/api/public/alumni-invitations/${encodeURIComponent(token)}/register`,
      input,
    ),
  me: () => http.get<PortalMe>('/api/portal/me'),
  setConsents: (granted: ConsentPurpose[], noticeVersion: number) =>
    http.put<PortalMe>('/api/portal/consents', { granted, noticeVersion }),
  optOut: () => http.post<PortalMe>('/api/portal/opt-out', {}),
  profile: () => http.get<MemberProfile>('/api/portal/profile'),
  updateProfile: (version: number, profile: MemberProfileInput) =>
    http.put<MemberProfile>('/api/portal/profile', { version, profile }),
  confirmProfile: () => http.post<MemberProfile>('/api/portal/profile/confirm', {}),
  requestDeletion: (confirmEmail: string) => http.post<unknown>('/api/portal/deletion', { confirmEmail }),
  /** A sign-in link by e-mail that lands on the portal (members often have no password). */
  sendSignInLink: (email: string) =>
    http.post<unknown>('/api/auth/sign-in/magic-link', {
      email,
      callbackURL: '/portal',
      errorCallbackURL: '/sign-in?link=failed',
    }),
};

/** The address a browser downloads the member's own data from (the session cookie goes along). */
export const ownDataUrl = (format: OwnDataFormat) => `/api/portal/export?format=${format}`;

export function useAlumnusInvitation(token: string) {
  return useQuery({
    queryKey: ['alumnus-invitation', token],
    queryFn: () => portalApi.invitation(token),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useRegisterMember(token: string) {
  return useMutation({ mutationFn: (input: RegisterMember) => portalApi.register(token, input) });
}

export function usePortalMe() {
  return useQuery({
    queryKey: PORTAL_KEY,
    queryFn: portalApi.me,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** Every change answers the member's whole page: it replaces the cached one. */
function usePortalChange<V>(fn: (vars: V) => Promise<PortalMe>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (me) => {
      queryClient.setQueryData(PORTAL_KEY, me);
    },
  });
}

export function useSetConsents() {
  return usePortalChange((vars: { granted: ConsentPurpose[]; noticeVersion: number }) =>
    portalApi.setConsents(vars.granted, vars.noticeVersion),
  );
}

export function useOptOut() {
  return usePortalChange(() => portalApi.optOut());
}

export function useMemberProfile() {
  return useQuery({
    queryKey: PROFILE_KEY,
    queryFn: portalApi.profile,
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

function useProfileChange<V>(fn: (vars: V) => Promise<MemberProfile>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (profile) => {
      queryClient.setQueryData(PROFILE_KEY, profile);
      // interests and the review flag are on the member's page too
      await queryClient.invalidateQueries({ queryKey: PORTAL_KEY, exact: true });
    },
  });
}

export function useUpdateProfile() {
  return useProfileChange((vars: { version: number; profile: MemberProfileInput }) =>
    portalApi.updateProfile(vars.version, vars.profile),
  );
}

export function useConfirmProfile() {
  return useProfileChange(() => portalApi.confirmProfile());
}

/** Deletion ends the membership and the session; the page shown next forgets what was cached. */
export function useRequestDeletion() {
  return useMutation({
    mutationFn: async (confirmEmail: string) => {
      await portalApi.requestDeletion(confirmEmail);
      try {
        await http.post('/api/auth/sign-out', {});
      } catch {
        // the server may have ended the session already
      }
    },
  });
}

/** Forgets everything cached of a session that has ended (after a deletion request). */
export function useForgetSession() {
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
  };
}

export function useSendPortalSignInLink() {
  return useMutation({ mutationFn: portalApi.sendSignInLink });
}
