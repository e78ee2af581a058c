import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconChevronRight, IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { navItemsFor } from '../../../app/navigation';
import { useLocale } from '../../../i18n';
import { HomeFigures } from '../../analytics/components/HomeFigures';
import { useCurrentMe } from '../api/me';

/** Greets the user, says who they are here, and offers what their role may use. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const locale = useLocale();
  const active = me.activeTenant;
  const role = active?.role ?? me.operatorRole;
  const roleName = role ? t(`identity.roles.${role}`) : '';
  // inside an English sentence the role reads in lower case ("as company admin of …")
  const roleInText = locale === 'en' ? roleName.toLowerCase() : roleName;
  // staff of a company see its numbers today; everyone else (an operator outside any company,
  // an employee) keeps the shortcuts to what their role may use
  const showFigures = !!active && active.status !== 'suspended' && me.permissions.includes('alumni:read');
  const cards = showFigures ? [] : navItemsFor(me).filter((i) => i.card);

  let situation: string;
  if (me.operatorRole === 'operator_admin')
    situation = active
      ? t('identity.home.operatorInCompany', { role: roleInText, company: active.name })
      : t('identity.home.operatorNoCompany', { role: roleInText });
  else if (active) situation = t('identity.home.roleInCompany', { role: roleInText, company: active.name });
  else if (me.operatorRole)
    situation = t('identity.home.roleInCompany', { role: roleInText, company: 'Kizuna' });
  else situation = t('identity.home.noCompany');

  // employees read the rehire policy and members have their portal; interviewers' screens are still to come
  const interviewerWaits = me.operatorRole === 'interviewer' && !active;

  return (
    <Stack gap="lg">
      <Stack gap={6}>
        <Title order={1} fz={{ base: 22, sm: 28 }}>
          {t('identity.home.greeting', { name: me.user.name })}
        </Title>
        <Group gap="xs">
          {role ? (
            <Badge variant="light" size="lg" radius="sm">
              {roleName}
            </Badge>
          ) : null}
          {active ? (
            <Badge
              variant="outline"
              color="gray"
              size="lg"
              radius="sm"
              style={{ textTransform: 'none' }}
              maw="100%"
            >
              {active.name}
            </Badge>
          ) : null}
        </Group>
        <Text c="dimmed">{situation}</Text>
      </Stack>

      {active?.status === 'suspended' ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />}>
          {t('identity.home.suspended')}
        </Alert>
      ) : null}

      {interviewerWaits ? (
        <Card withBorder radius="md" padding="lg">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <ThemeIcon size={44} radius="xl" variant="light" color="grape" style={{ flexShrink: 0 }}>
              <IconClockHour4 size={24} />
            </ThemeIcon>
            <Stack gap={4}>
              <Text fw={700}>{t('identity.home.interviewerComingTitle')}</Text>
              <Text size="sm" c="dimmed">
                {t('identity.home.interviewerComing')}
              </Text>
            </Stack>
          </Group>
        </Card>
      ) : null}

      {showFigures ? <HomeFigures companyName={active.name} /> : null}

      {cards.length > 0 ? (
        <Stack gap="sm">
          <Title order={2} fz="lg">
            {t('identity.home.shortcuts')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {cards.map((item) => (
              <Card
                key={item.to}
                component={Link}
                to={item.to}
                withBorder
                radius="md"
                padding="lg"
                style={{ textDecoration: 'none' }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Group gap="sm" wrap="nowrap" align="flex-start">
                    <ThemeIcon variant="light" size={36} radius="md">
                      {item.icon}
                    </ThemeIcon>
                    <Stack gap={2}>
                      <Text fw={700}>{t(item.label)}</Text>
                      <Text size="sm" c="dimmed">
                        {t(item.card!)}
                      </Text>
                    </Stack>
                  </Group>
                  <IconChevronRight size={18} color="var(--mantine-color-gray-5)" aria-hidden />
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
      ) : null}
    </Stack>
  );
}
