import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useSignOut } from '../api/auth';
import { useCurrentMe } from '../api/me';

function initialsOf(name: string) {
  const parts = name.trim().split(/\s+/);
  // Japanese names: the family name's first character; Latin names: two initials
  if (/^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(name)) return name.trim().slice(0, 1);
  return parts
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const role = me.activeTenant?.role ?? me.operatorRole;

  const handleSignOut = () =>
    signOut.mutate(undefined, {
      onSettled: () => {
        notifications.show({ color: 'teal', message: t('identity.header.signedOut') });
        navigate('/sign-in', { replace: true });
      },
    });

  return (
    <Menu position="bottom-end" width={260} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('identity.header.userMenu')} px={4} py={4} style={{ borderRadius: 8 }}>
          <Group gap={6} wrap="nowrap">
            <Avatar color="grape" radius="xl" size={32}>
              {initialsOf(me.user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="md" maw={160} truncate="end">
              {me.user.name}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('identity.header.signedInAs')}</Menu.Label>
        <Menu.Item component="div" style={{ cursor: 'default' }} disabled>
          <Text size="sm" fw={600} c="dark" className="kizuna-break">
            {me.user.name}
          </Text>
          <Text size="xs" c="dimmed" className="kizuna-break">
            {me.user.email}
          </Text>
          {role ? (
            <Text size="xs" c="dimmed">
              {t(`identity.roles.${role}`)}
            </Text>
          ) : null}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account/password" leftSection={<IconKey size={16} />}>
          {t('identity.header.changePassword')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          color="red"
          onClick={handleSignOut}
          disabled={signOut.isPending}
        >
          {t('identity.header.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
