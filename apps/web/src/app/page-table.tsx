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
import { type ComponentType, lazy, type ReactNode } from 'react';
import { PendingRequestsBadge } from '../features/membership/components/PendingRequestsBadge';

/*
 * Every page is its own chunk, loaded on the first visit to its address: the entry holds only the
 * shell (router, layouts, menu, session). An alumnus on a phone loads the portal, not the staff
 * pages; a visitor signing in loads the sign-in page only. The layouts show a LoadingState in the
 * page's place while its chunk arrives (the signed-in header and menu stay).
 */
// biome-ignore lint/suspicious/noExplicitAny: a page's own props (AuditLogPage's scope) pass through
function page<K extends string, M extends Record<K, ComponentType<any>>>(load: () => Promise<M>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const AlumniListPage = page(() => import('../features/alumni/components/AlumniListPage'), 'AlumniListPage');
const AlumnusDetailPage = page(
  () => import('../features/alumni/components/AlumnusDetailPage'),
  'AlumnusDetailPage',
);
const AlumnusCreatePage = page(
  () => import('../features/alumni/components/AlumnusEditPages'),
  'AlumnusCreatePage',
);
const AlumnusEditPage = page(
  () => import('../features/alumni/components/AlumnusEditPages'),
  'AlumnusEditPage',
);
const ImportPage = page(() => import('../features/alumni-import/components/ImportPage'), 'ImportPage');
const AuditLogPage = page(() => import('../features/audit/components/AuditLogPage'), 'AuditLogPage');
const ChangePasswordPage = page(
  () => import('../features/identity/components/ChangePasswordPage'),
  'ChangePasswordPage',
);
const ForgotPasswordPage = page(
  () => import('../features/identity/components/ForgotPasswordPage'),
  'ForgotPasswordPage',
);
const InvitationPage = page(() => import('../features/identity/components/InvitationPage'), 'InvitationPage');
const OperatorStaffPage = page(
  () => import('../features/identity/components/OperatorStaffPage'),
  'OperatorStaffPage',
);
const ResetPasswordPage = page(
  () => import('../features/identity/components/ResetPasswordPage'),
  'ResetPasswordPage',
);
const SignInPage = page(() => import('../features/identity/components/SignInPage'), 'SignInPage');
const StaffPage = page(() => import('../features/identity/components/StaffPage'), 'StaffPage');
const MailDetailPage = page(() => import('../features/mail/components/MailDetailPage'), 'MailDetailPage');
const MailListPage = page(() => import('../features/mail/components/MailListPage'), 'MailListPage');
const DeletedPage = page(() => import('../features/membership/components/DeletedPage'), 'DeletedPage');
const HomeOrPortal = page(() => import('../features/membership/components/HomeOrPortal'), 'HomeOrPortal');
const JoinPage = page(() => import('../features/membership/components/JoinPage'), 'JoinPage');
const PortalPage = page(() => import('../features/membership/components/PortalPage'), 'PortalPage');
const PrivacyNoticePage = page(
  () => import('../features/membership/components/PrivacyNoticePage'),
  'PrivacyNoticePage',
);
const RegistrationQueuePage = page(
  () => import('../features/membership/components/RegistrationQueuePage'),
  'RegistrationQueuePage',
);
const RegistrationRequestPage = page(
  () => import('../features/membership/components/RegistrationRequestPage'),
  'RegistrationRequestPage',
);
const VerifyPage = page(() => import('../features/membership/components/VerifyPage'), 'VerifyPage');
const NetworkPage = page(() => import('../features/network/components/NetworkPage'), 'NetworkPage');
const NetworkSettingsPage = page(
  () => import('../features/network/components/NetworkSettingsPage'),
  'NetworkSettingsPage',
);
const RehirePolicyPage = page(
  () => import('../features/rehire-policy/components/RehirePolicyPage'),
  'RehirePolicyPage',
);
const RehirePolicyViewPage = page(
  () => import('../features/rehire-policy/components/RehirePolicyViewPage'),
  'RehirePolicyViewPage',
);
const SharedRehirePolicyPage = page(
  () => import('../features/rehire-policy/components/SharedRehirePolicyPage'),
  'SharedRehirePolicyPage',
);
const SegmentsPage = page(() => import('../features/segments/components/SegmentsPage'), 'SegmentsPage');
const TenantsPage = page(() => import('../features/tenants/components/TenantsPage'), 'TenantsPage');

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
