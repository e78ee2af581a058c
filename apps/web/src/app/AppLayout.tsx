import { AppShell, Box, Burger, Divider, Group, NavLink, ScrollArea, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { Brand } from '../components/Brand';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { LoadingState } from '../components/QueryState';
import { useCurrentMe } from '../features/identity/api/me';
import { CompanySwitcher } from '../features/identity/components/CompanySwitcher';
import { UserMenu } from '../features/identity/components/UserMenu';
import { type NavItem, navItemsFor } from './navigation';

function matches(item: NavItem, pathname: string) {
  return item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`);
}

/** The most specific item wins: /alumni/import lights "Import", not "Alumni" as well. */
function isActive(item: NavItem, pathname: string, items: NavItem[]) {
  return (
    matches(item, pathname) &&
    !items.some((other) => other.to.length > item.to.length && matches(other, pathname))
  );
}

/** The signed-in frame: header (brand, company, language, user), navbar by permissions, page. */
export function AppLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const items = navItemsFor(me);

  // leaving a page closes the phone menu
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => close(), [pathname, close]);

  const section = (name: NavItem['section'], title?: string) => {
    const list = items.filter((i) => i.section === name);
    if (list.length === 0) return null;
    return (
      <Box mb="sm">
        {title ? (
          <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4} className="kizuna-break">
            {title}
          </Text>
        ) : null}
        {list.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(item.label)}
            leftSection={item.icon}
            rightSection={item.badge}
            active={isActive(item, pathname, items)}
            variant="light"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
        ))}
      </Box>
    );
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'lg' }}
    >
      <AppShell.Header>
        <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('app.closeNavigation') : t('app.openNavigation')}
            />
            <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Brand />
            </Link>
            <Box visibleFrom="sm" ml="md" style={{ minWidth: 0 }}>
              <CompanySwitcher />
            </Box>
          </Group>
          <Group gap={4} wrap="nowrap">
            <LanguageSwitch />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm">
        <Box hiddenFrom="sm" mb="sm">
          <CompanySwitcher fullWidth />
          <Divider mt="sm" />
        </Box>
        <AppShell.Section grow component={ScrollArea}>
          <nav>
            {section('main')}
            {section('operator', t('nav.operatorSection'))}
            {section('company', me.activeTenant?.name ?? t('nav.companySection'))}
          </nav>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1200} mx="auto">
          {/* a page's chunk loads on its first visit: the header and menu stay meanwhile */}
          <Suspense fallback={<LoadingState />}>{children ?? <Outlet />}</Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
