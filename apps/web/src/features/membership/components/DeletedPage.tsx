import { Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PublicLayout } from '../../../app/PublicLayout';
import { useForgetSession } from '../api/portal';

/** After a deletion request: signed out, and told plainly what happened. */
export function DeletedPage() {
  const { t } = useTranslation();
  const forget = useForgetSession();
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, on arrival
  useEffect(() => forget(), []);
  return (
    <PublicLayout wide>
      <Stack gap="md" align="center" ta="center" py="md" data-testid="deleted">
        <ThemeIcon size={72} radius="xl" variant="light" color="teal">
          <IconCircleCheck size={40} />
        </ThemeIcon>
        <Title order={1} fz={22}>
          {t('membership.portal.deleted.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('membership.portal.deleted.body')}
        </Text>
        <Button component={Link} to="/sign-in" variant="light">
          {t('membership.portal.deleted.home')}
        </Button>
      </Stack>
    </PublicLayout>
  );
}
