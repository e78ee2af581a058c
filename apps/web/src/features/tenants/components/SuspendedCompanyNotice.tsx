import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../lib/http';

/** The server's answer for anything a suspended company owns (`tenant_suspended`). */
export function isTenantSuspended(...errors: unknown[]): boolean {
  return errors.some((e) => e instanceof ApiError && e.code === 'tenant_suspended');
}

/**
 * What a page opened from a suspended company's link (an invitation, a registration or its
 * confirmation, the rehire policy's share link) shows instead: that the company is suspended, that
 * nothing was done, and that the same link works again once the company is reactivated.
 */
export function SuspendedCompanyNotice() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" align="center" ta="center" py="md" role="alert" data-testid="tenant-suspended">
      <ThemeIcon size={64} radius="xl" variant="light" color="orange">
        <IconBuildingOff size={32} />
      </ThemeIcon>
      <Title order={1} fz={22}>
        {t('tenants.suspendedLink.title')}
      </Title>
      <Text size="sm">{t('tenants.suspendedLink.body')}</Text>
      <Text size="sm" c="dimmed">
        {t('tenants.suspendedLink.next')}
      </Text>
    </Stack>
  );
}
