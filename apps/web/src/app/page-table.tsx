import type { Permission } from '@kizuna/contract';
import {
  IconAddressBook,
  IconArrowBackUp,
  IconBuildingSkyscraper,
  IconFileImport,
  IconFilter,
  IconHistory,
  IconHome,
  IconId,
  IconMail,
  IconShieldLock,
  IconShieldSearch,
  IconUserCheck,
  IconUserShield,
  IconUsers,
  IconWorld,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { AlumniListPage } from '../features/alumni/components/AlumniListPage';
import { AlumnusDetailPage } from '../features/alumni/components/AlumnusDetailPage';
import { AlumnusCreatePage, AlumnusEditPage } from '../features/alumni/components/AlumnusEditPages';
import { ImportPage } from '../features/alumni-import/components/ImportPage';
import { AuditLogPage } from '../features/audit/components/AuditLogPage';
import { ChangePasswordPage } from '../features/identity/components/ChangePasswordPage';
import { ForgotPasswordPage } from '../features/identity/components/ForgotPasswordPage';
import { InvitationPage } from '../features/identity/components/InvitationPage';
import { OperatorStaffPage } from '../features/identity/components/OperatorStaffPage';
import { ResetPasswordPage } from '../features/identity/components/ResetPasswordPage';
import { SignInPage } from '../features/identity/components/SignInPage';
import { StaffPage } from '../features/identity/components/StaffPage';
import { MailDetailPage } from '../features/mail/components/MailDetailPage';
import { MailListPage } from '../features/mail/components/MailListPage';
import { DeletedPage } from '../features/membership/components/DeletedPage';
import { HomeOrPortal } from '../features/membership/components/HomeOrPortal';
import { JoinPage } from '../features/membership/components/JoinPage';
import { PendingRequestsBadge } from '../features/membership/components/PendingRequestsBadge';
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

/** A page's entry in the menu and, with a `card`, on the home page. */
export interface NavEntry {
  section: 'main' | 'operator' | 'company';
  /** i18n key of the label */
  label: string;
  /** i18n key of the home-page card text */
  card?: string;
  icon: ReactNode;
  /** Shown at the menu entry's end (e.g. a count waiting) */
  badge?: ReactNode;
  /** Other words for those who also hold `permission` */
  withPermission?: { permission: Permission; label: string; card: string };
  /** Not in the menu for those who hold this permission: another page takes its place there */
  hiddenWith?: Permission;
}

/** A page of the signed-in app: its address, the one permission it needs, its menu entry. */
export interface AppPage {
  path: string;
  element: ReactNode;
  /** Without it, any signed-in user may open the page */
  permission?: Permission;
  nav?: NavEntry;
}

const icon = (Icon: typeof IconHome) => <Icon size={18} />;

/**
 * Every page of the signed-in app, in menu order: the router guards each with its permission,
 * the menu and the home page show the entries the user's permissions allow.
 */
export const appPages: AppPage[] = [
  {
    path: '/',
    element: <HomeOrPortal />,
    nav: { section: 'main', label: 'nav.home', icon: icon(IconHome) },
  },
  {
    path: '/portal',
    permission: 'portal:use',
    element: <PortalPage />,
    nav: { section: 'main', label: 'membership.portal.nav', icon: icon(IconId) },
  },
  {
    path: '/companies',
    permission: 'tenants:read',
    element: <TenantsPage />,
    nav: {
      section: 'operator',
      label: 'tenants.nav',
      card: 'tenants.card',
      icon: icon(IconBuildingSkyscraper),
    },
  },
  {
    path: '/mail',
    permission: 'mail:read',
    element: <MailListPage />,
    nav: { section: 'operator', label: 'mail.nav', card: 'mail.card', icon: icon(IconMail) },
  },
  { path: '/mail/:mailId', permission: 'mail:read', element: <MailDetailPage /> },
  {
    path: '/operator/staff',
    permission: 'operator-staff:manage',
    element: <OperatorStaffPage />,
    nav: {
      section: 'operator',
      label: 'identity.operatorStaff.nav',
      card: 'identity.operatorStaff.card',
      icon: icon(IconUserShield),
    },
  },
  {
    path: '/operator/audit',
    permission: 'operator-audit:read',
    element: <AuditLogPage scope="operator" />,
    nav: {
      section: 'operator',
      label: 'audit.navOperator',
      card: 'audit.cardOperator',
      icon: icon(IconShieldSearch),
    },
  },
  {
    path: '/alumni',
    permission: 'alumni:read',
    element: <AlumniListPage />,
    nav: { section: 'company', label: 'alumni.nav', card: 'alumni.card', icon: icon(IconAddressBook) },
  },
  { path: '/alumni/new', permission: 'alumni:write', element: <AlumnusCreatePage /> },
  { path: '/alumni/:alumnusId', permission: 'alumni:read', element: <AlumnusDetailPage /> },
  { path: '/alumni/:alumnusId/edit', permission: 'alumni:write', element: <AlumnusEditPage /> },
  {
    path: '/alumni/import',
    permission: 'alumni:import',
    element: <ImportPage />,
    nav: {
      section: 'company',
      label: 'alumniImport.nav',
      card: 'alumniImport.card',
      icon: icon(IconFileImport),
    },
  },
  {
    path: '/alumni/registration-requests',
    permission: 'alumni:write',
    element: <RegistrationQueuePage />,
    nav: {
      section: 'company',
      label: 'membership.queue.nav',
      card: 'membership.queue.card',
      icon: icon(IconUserCheck),
      badge: <PendingRequestsBadge />,
    },
  },
  {
    path: '/alumni/registration-requests/:requestId',
    permission: 'alumni:write',
    element: <RegistrationRequestPage />,
  },
  {
    path: '/alumni/segments',
    permission: 'alumni:read',
    element: <SegmentsPage />,
    nav: { section: 'company', label: 'segments.nav', card: 'segments.card', icon: icon(IconFilter) },
  },
  {
    path: '/rehire',
    permission: 'rehire-policy:read',
    element: <RehirePolicyViewPage />,
    nav: {
      section: 'company',
      label: 'rehirePolicy.nav',
      card: 'rehirePolicy.card',
      icon: icon(IconArrowBackUp),
      hiddenWith: 'rehire-policy:manage',
    },
  },
  {
    path: '/rehire/settings',
    permission: 'rehire-policy:manage',
    element: <RehirePolicyPage />,
    nav: {
      section: 'company',
      label: 'rehirePolicy.navManage',
      card: 'rehirePolicy.cardManage',
      icon: icon(IconArrowBackUp),
    },
  },
  {
    path: '/network-settings',
    permission: 'network:manage',
    element: <NetworkSettingsPage />,
    nav: {
      section: 'company',
      label: 'network.settings.nav',
      card: 'network.settings.card',
      icon: icon(IconWorld),
    },
  },
  {
    path: '/privacy-notice',
    permission: 'privacy-notice:manage',
    element: <PrivacyNoticePage />,
    nav: {
      section: 'company',
      label: 'membership.privacyNotice.nav',
      card: 'membership.privacyNotice.card',
      icon: icon(IconShieldLock),
    },
  },
  {
    path: '/staff',
    permission: 'staff:read',
    element: <StaffPage />,
    nav: {
      section: 'company',
      label: 'identity.staff.navOnly',
      card: 'identity.staff.cardOnly',
      icon: icon(IconUsers),
      withPermission: {
        permission: 'staff:invite',
        label: 'identity.staff.nav',
        card: 'identity.staff.card',
      },
    },
  },
  {
    path: '/audit',
    permission: 'audit:read',
    element: <AuditLogPage scope="company" />,
    nav: { section: 'company', label: 'audit.nav', card: 'audit.card', icon: icon(IconHistory) },
  },
  // any signed-in user, from the account menu
  { path: '/account/password', element: <ChangePasswordPage /> },
];

/** Pages opened without signing in (a link's token, a company's public page, signing in itself). */
export const publicPages: { path: string; element: ReactNode }[] = [
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/forgot-password', element: <ForgotPasswordPage /> },
  { path: '/reset-password', element: <ResetPasswordPage /> },
  { path: '/invitations/:token', element: <InvitationPage /> },
  { path: '/join/:token', element: <JoinPage /> },
  { path: '/portal/deleted', element: <DeletedPage /> },
  { path: '/network/verify/:token', element: <VerifyPage /> },
  { path: '/network/:slug', element: <NetworkPage /> },
  { path: '/rehire-policy/:token', element: <SharedRehirePolicyPage /> },
];
