import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '../../../lib/http';
import { ME_KEY, meQuery } from './me';

/** better-auth endpoints (cookies on the same origin). */
export const authApi = {
  signInWithPassword: (input: { email: string; password: string }) =>
    http.post<unknown>('/api/auth/sign-in/email', input),
  sendMagicLink: (email: string) =>
    http.post<unknown>('/api/auth/sign-in/magic-link', {
      email,
      callbackURL: '/',
      errorCallbackURL: '/sign-in?link=failed',
    }),
  requestPasswordReset: (email: string) =>
    http.post<unknown>('/api/auth/request-password-reset', { email, redirectTo: '/reset-password' }),
  resetPassword: (input: { newPassword: string; token: string }) =>
    http.post<unknown>('/api/auth/reset-password', input),
  signOut: () => http.post<unknown>('/api/auth/sign-out', {}),
};

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authApi.signInWithPassword,
    onSuccess: async () => {
      // nothing cached belongs to the new session
      queryClient.clear();
      await queryClient.fetchQuery(meQuery);
    },
  });
}

/**
 * After an answer that signed the person in (a registration sets the session cookie itself):
 * nothing cached belongs to the new session, and the signed-in user is read before moving on.
 */
export function useSessionStarted() {
  const queryClient = useQueryClient();
  return async () => {
    queryClient.clear();
    await queryClient.fetchQuery(meQuery);
  };
}

export function useSendMagicLink() {
  return useMutation({ mutationFn: authApi.sendMagicLink });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: authApi.requestPasswordReset });
}

export function useResetPassword() {
  return useMutation({ mutationFn: authApi.resetPassword });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: authApi.signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}
