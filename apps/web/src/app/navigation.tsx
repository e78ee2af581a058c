import type { Me, Permission } from '@kizuna/contract';
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
  IconUsers,
  IconWorld,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { PendingRequestsBadge } from '../features/membership/components/PendingRequestsBadge';

export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
  /** i18n key of the home-page card text */
  card?: string;
  icon: ReactNode;
  /** Shown at the menu entry's end (e.g. a count waiting) */
  badge?: ReactNode;
  permission?: Permission;
  section: 'main' | 'operator' | 'company';
}

/** Every page of the signed-in app with the permission it needs; navigation shows what `me` allows. */
export function navItemsFor(me: Me): NavItem[] {
  const canInvite = me.permissions.includes('staff:invite');
  const managesRehire = me.permissions.includes('rehire-policy:manage');
  const items: NavItem[] = [
    { to: '/', label: 'nav.home', icon: <IconHome size={18} />, section: 'main' },
    {
      to: '/portal',
      label: 'membership.portal.nav',
      icon: <IconId size={18} />,
      permission: 'portal:use',
      section: 'main',
    },
    {
      to: '/companies',
      label: 'tenants.nav',
      card: 'tenants.card',
      icon: <IconBuildingSkyscraper size={18} />,
      permission: 'tenants:read',
      section: 'operator',
    },
    {
      to: '/mail',
      label: 'mail.nav',
      card: 'mail.card',
      icon: <IconMail size={18} />,
      permission: 'mail:read',
      section: 'operator',
    },
    {
      to: '/operator/audit',
      label: 'audit.navOperator',
      card: 'audit.cardOperator',
      icon: <IconShieldSearch size={18} />,
      permission: 'operator-audit:read',
      section: 'operator',
    },
    {
      to: '/alumni',
      label: 'alumni.nav',
      card: 'alumni.card',
      icon: <IconAddressBook size={18} />,
      permission: 'alumni:read',
      section: 'company',
    },
    {
      to: '/alumni/import',
      label: 'alumniImport.nav',
      card: 'alumniImport.card',
      icon: <IconFileImport size={18} />,
      permission: 'alumni:import',
      section: 'company',
    },
    {
      to: '/alumni/registration-requests',
      label: 'membership.queue.nav',
      card: 'membership.queue.card',
      icon: <IconUserCheck size={18} />,
      badge: <PendingRequestsBadge />,
      permission: 'alumni:write',
      section: 'company',
    },
    {
      to: '/alumni/segments',
      label: 'segments.nav',
      card: 'segments.card',
      icon: <IconFilter size={18} />,
      permission: 'alumni:read',
      section: 'company',
    },
    {
      to: managesRehire ? '/rehire/settings' : '/rehire',
      label: managesRehire ? 'rehirePolicy.navManage' : 'rehirePolicy.nav',
      card: managesRehire ? 'rehirePolicy.cardManage' : 'rehirePolicy.card',
      icon: <IconArrowBackUp size={18} />,
      permission: managesRehire ? 'rehire-policy:manage' : 'rehire-policy:read',
      section: 'company',
    },
    {
      to: '/network-settings',
      label: 'network.settings.nav',
      card: 'network.settings.card',
      icon: <IconWorld size={18} />,
      permission: 'network:manage',
      section: 'company',
    },
    {
      to: '/privacy-notice',
      label: 'membership.privacyNotice.nav',
      card: 'membership.privacyNotice.card',
      icon: <IconShieldLock size={18} />,
      permission: 'privacy-notice:manage',
      section: 'company',
    },
    {
      to: '/staff',
      label: canInvite ? 'identity.staff.nav' : 'identity.staff.navOnly',
      card: canInvite ? 'identity.staff.card' : 'identity.staff.cardOnly',
      icon: <IconUsers size={18} />,
      permission: 'staff:read',
      section: 'company',
    },
    {
      to: '/audit',
      label: 'audit.nav',
      card: 'audit.card',
      icon: <IconHistory size={18} />,
      permission: 'audit:read',
      section: 'company',
    },
  ];
  // a member (alumnus) has one page of their own: the portal, and nothing else in the menu
  if (me.activeTenant?.role === 'alumnus') return items.filter((item) => item.to === '/portal');
  return items.filter((item) => !item.permission || me.permissions.includes(item.permission));
}
