import type { Me, Permission } from '@kizuna/contract';
import { appPages, type NavEntry } from './page-table';

/** A menu entry as the menu and the home page show it. */
export interface NavItem {
  to: string;
  /** i18n key of the label */
  label: string;
  /** i18n key of the home-page card text */
  card?: string;
  icon: NavEntry['icon'];
  badge?: NavEntry['badge'];
  section: NavEntry['section'];
}

/** The menu for `me`: the entries of the page table whose permission `me` holds. */
export function navItemsFor(me: Me): NavItem[] {
  const can = (permission: Permission | undefined) => !permission || me.permissions.includes(permission);
  // a member (alumnus) has one page of their own: the portal, and nothing else in the menu
  const pages = me.activeTenant?.role === 'alumnus' ? appPages.filter((p) => p.path === '/portal') : appPages;
  return pages.flatMap(({ path, permission, nav }) => {
    if (!nav || !can(permission) || (nav.hiddenWith && can(nav.hiddenWith))) return [];
    const words = nav.withPermission && can(nav.withPermission.permission) ? nav.withPermission : nav;
    return [
      {
        to: path,
        label: words.label,
        card: words.card,
        icon: nav.icon,
        badge: nav.badge,
        section: nav.section,
      },
    ];
  });
}
