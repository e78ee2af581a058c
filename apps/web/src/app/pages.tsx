import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCompassOff, IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

function Message({
  icon,
  title,
  body,
  action,
}: {
  icon: ReactNode;
  title: string;
  body: string;
  action: ReactNode;
}) {
  return (
    <Center py={48} px="md">
      <Stack align="center" gap="md" maw={480} ta="center">
        <ThemeIcon size={64} radius="xl" variant="light" color="grape">
          {icon}
        </ThemeIcon>
        <Title order={1} fz={{ base: 20, sm: 24 }}>
          {title}
        </Title>
        <Text c="dimmed">{body}</Text>
        {action}
      </Stack>
    </Center>
  );
}

export function NotFoundPage({ signedIn = true }: { signedIn?: boolean }) {
  const { t } = useTranslation();
  return (
    <Message
      icon={<IconCompassOff size={34} />}
      title={t('pages.notFoundTitle')}
      body={t('pages.notFoundBody')}
      action={
        <Button component={Link} to={signedIn ? '/' : '/sign-in'}>
          {signedIn ? t('pages.backHome') : t('pages.goSignIn')}
        </Button>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <Message
      icon={<IconLock size={34} />}
      title={t('pages.forbiddenTitle')}
      body={t('pages.forbiddenBody')}
      action={
        <Button component={Link} to="/">
          {t('pages.backHome')}
        </Button>
      }
    />
  );
}
