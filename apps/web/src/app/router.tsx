import { Center } from '@mantine/core';
import { createBrowserRouter, Outlet } from 'react-router';
import { LoadingState } from '../components/QueryState';
import { AlumniListPage } from '../features/alumni/components/AlumniListPage';
import { AlumnusDetailPage } from '../features/alumni/components/AlumnusDetailPage';
import { AlumnusCreatePage, AlumnusEditPage } from '../features/alumni/components/AlumnusEditPages';
import { ImportPage } from '../features/alumni-import/components/ImportPage';
import { AuditLogPage } from '../features/audit/components/AuditLogPage';
import { useMe } from '../features/identity/api/me';
import { ForgotPasswordPage } from '../features/identity/components/ForgotPasswordPage';
import { InvitationPage } from '../features/identity/components/InvitationPage';
import { ResetPasswordPage } from '../features/identity/components/ResetPasswordPage';
import { SignInPage } from '../features/identity/components/SignInPage';
import { StaffPage } from '../features/identity/components/StaffPage';
import { MailDetailPage } from '../features/mail/components/MailDetailPage';
import { MailListPage } from '../features/mail/components/MailListPage';
import { DeletedPage } from '../features/membership/components/DeletedPage';
import { HomeOrPortal } from '../features/membership/components/HomeOrPortal';
import { JoinPage } from '../features/membership/components/JoinPage';
import { PortalPage } from '../features/membership/components/PortalPage';
import { PrivacyNoticePage } from '../features/membership/components/PrivacyNoticePage';
import { RegistrationQueuePage } from '../features/membership/components/RegistrationQueuePage';
import { RegistrationRequestPage } from '../features/membership/components/RegistrationRequestPage';
import { VerifyPage } from '../features/membership/components/VerifyPage';
import { NetworkPage } from '../features/network/components/NetworkPage';
import { NetworkSettingsPage } from '../features/network/components/NetworkSettingsPage';
import { RehirePolicyPage } from '../features/rehire-policy/components/RehirePolicyPage';
import { RehirePolicyViewPage } from '../features/rehire-policy/components/RehirePolicyViewPage';
import { SharedRehirePolicyPage } from '../features/rehire-policy/components/SharedRehirePolicyPage';
import { SegmentsPage } from '../features/segments/components/SegmentsPage';
import { TenantsPage } from '../features/tenants/components/TenantsPage';
import { AppLayout } from './AppLayout';
import { RequirePermission, RequireSignIn } from './guards';
import { PublicLayout } from './PublicLayout';
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

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/invitations/:token', element: <InvitationPage /> },
  { path: '/join/:token', element: <JoinPage /> },
  { path: '/portal/deleted', element: <DeletedPage /> },
  { path: '/network/verify/:token', element: <VerifyPage /> },
  { path: '/network/:slug', element: <NetworkPage /> },
  { path: '/rehire-policy/:token', element: <SharedRehirePolicyPage /> },
  {
    element: (
      <RequireSignIn>
        <AppLayout />
      </RequireSignIn>
    ),
    children: [
      { index: true, element: <HomeOrPortal /> },
      {
        path: 'portal',
        element: (
          <RequirePermission permission="portal:use">
            <PortalPage />
          </RequirePermission>
        ),
      },
      {
        path: 'companies',
        element: (
          <RequirePermission permission="tenants:read">
            <TenantsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'mail',
        element: (
          <RequirePermission permission="mail:read">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          { index: true, element: <MailListPage /> },
          { path: ':mailId', element: <MailDetailPage /> },
        ],
      },
      {
        path: 'operator/audit',
        element: (
          <RequirePermission permission="operator-audit:read">
            <AuditLogPage scope="operator" />
          </RequirePermission>
        ),
      },
      {
        path: 'alumni',
        element: (
          <RequirePermission permission="alumni:read">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          { index: true, element: <AlumniListPage /> },
          {
            path: 'new',
            element: (
              <RequirePermission permission="alumni:write">
                <AlumnusCreatePage />
              </RequirePermission>
            ),
          },
          {
            path: 'import',
            element: (
              <RequirePermission permission="alumni:import">
                <ImportPage />
              </RequirePermission>
            ),
          },
          { path: 'segments', element: <SegmentsPage /> },
          {
            path: 'registration-requests',
            element: (
              <RequirePermission permission="alumni:write">
                <Outlet />
              </RequirePermission>
            ),
            children: [
              { index: true, element: <RegistrationQueuePage /> },
              { path: ':requestId', element: <RegistrationRequestPage /> },
            ],
          },
          { path: ':alumnusId', element: <AlumnusDetailPage /> },
          {
            path: ':alumnusId/edit',
            element: (
              <RequirePermission permission="alumni:write">
                <AlumnusEditPage />
              </RequirePermission>
            ),
          },
        ],
      },
      {
        path: 'rehire',
        element: (
          <RequirePermission permission="rehire-policy:read">
            <RehirePolicyViewPage />
          </RequirePermission>
        ),
      },
      {
        path: 'rehire/settings',
        element: (
          <RequirePermission permission="rehire-policy:manage">
            <RehirePolicyPage />
          </RequirePermission>
        ),
      },
      {
        path: 'network-settings',
        element: (
          <RequirePermission permission="network:manage">
            <NetworkSettingsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'privacy-notice',
        element: (
          <RequirePermission permission="privacy-notice:manage">
            <PrivacyNoticePage />
          </RequirePermission>
        ),
      },
      {
        path: 'staff',
        element: (
          <RequirePermission permission="staff:read">
            <StaffPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit:read">
            <AuditLogPage scope="company" />
          </RequirePermission>
        ),
      },
    ],
  },
  { path: '*', element: <UnknownRoute /> },
]);
