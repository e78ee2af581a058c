import type { Permission } from '@kizuna/contract';
import { Center } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../components/QueryState';
import { useMe } from '../features/identity/api/me';
import { ForbiddenPage } from './pages';

/** Signed-in routes: wait for the session, send visitors to sign-in (coming back afterwards). */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending)
    return (
      <Center mih="100dvh">
        <LoadingState />
      </Center>
    );
  if (me.isError)
    return (
      <Center mih="100dvh" p="md">
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Center>
    );
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** A page the user's permissions must allow; otherwise a friendly "not allowed" page. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { data } = useMe();
  if (!data?.permissions.includes(permission)) return <ForbiddenPage />;
  return children;
}

/** Only a path on this site, so `?next=` cannot send anyone elsewhere. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}
