import { Center } from '@mantine/core';
import { Suspense } from 'react';
import { createBrowserRouter, Outlet, type RouteObject, ScrollRestoration } from 'react-router';
import { LoadingState } from '../components/QueryState';
import { useMe } from '../features/identity/api/me';
import { AppLayout } from './AppLayout';
import { RequirePermission, RequireSignIn } from './guards';
import { PublicLayout } from './PublicLayout';
import { type AppPage, appPages, publicPages } from './page-table';
import { NotFoundPage } from './pages';

/** The whole window waits: the session (the guards) or a public page's chunk. */
function PageLoading() {
  return (
    <Center mih="100dvh">
      <LoadingState />
    </Center>
  );
}

/** An unknown address: inside the app frame when signed in, on its own otherwise. */
function UnknownRoute() {
  const me = useMe();
  if (me.isPending) return <PageLoading />;
  if (me.data)
    return (
      <AppLayout>
        <NotFoundPage />
      </AppLayout>
    );
  return (
    <PublicLayout>
      <NotFoundPage signedIn={false} />
    </PublicLayout>
  );
}

/** A signed-in page behind the one permission the page table gives it. */
function appRoute({ path, permission, element }: AppPage): RouteObject {
  const guarded = permission ? (
    <RequirePermission permission={permission}>{element}</RequirePermission>
  ) : (
    element
  );
  return path === '/' ? { index: true, element: guarded } : { path: path.slice(1), element: guarded };
}

/**
 * Every page: a page opened by a link or after a save (a record after it was created or edited)
 * starts at its top; back and forward return to where the page was scrolled. A change of the
 * address that stays on its page (filters, tabs) passes `preventScrollReset`.
 */
function Root() {
  return (
    <>
      <ScrollRestoration />
      {/* a public page's chunk (it brings its own frame); signed-in pages wait inside AppLayout */}
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </>
  );
}

export const router = createBrowserRouter([
  {
    element: <Root />,
    children: [
      ...publicPages,
      {
        element: (
          <RequireSignIn>
            <AppLayout />
          </RequireSignIn>
        ),
        children: appPages.map(appRoute),
      },
      { path: '*', element: <UnknownRoute /> },
    ],
  },
]);
