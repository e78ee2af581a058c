import { Center } from '@mantine/core';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { LoadingState } from '../components/QueryState';
import { useMe } from '../features/identity/api/me';
import { AppLayout } from './AppLayout';
import { RequirePermission, RequireSignIn } from './guards';
import { PublicLayout } from './PublicLayout';
import { type AppPage, appPages, publicPages } from './page-table';
import { NotFoundPage } from './pages';

/** An unknown address: inside the app frame when signed in, on its own otherwise. */
function UnknownRoute() {
  const me = useMe();
  if (me.isPending)
    return (
      <Center mih="100dvh">
        <LoadingState />
      </Center>
    );
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

export const router = createBrowserRouter([
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
]);
