import { Button, Card, Stack, Text } from '@mantine/core';
import { IconPencil, IconSettings } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { ApiError } from '../../../lib/http';
import { useCan, useCurrentMe } from '../../identity/api/me';
import { usePublishedPolicy } from '../api/rehire-policy';
import { PublishedPolicy } from './PublishedPolicy';

/** The published rehire policy, read-only (rehire-policy:read; what employees see). */
export function RehirePolicyViewPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const can = useCan();
  const policy = usePublishedPolicy();
  const company = me.activeTenant?.name ?? '';
  const canManage = can('rehire-policy:manage');

  return (
    <Stack gap="md" maw={760}>
      <PageHeader
        title={t('rehirePolicy.view.title')}
        lead={t('rehirePolicy.view.lead', { company })}
        actions={
          canManage && policy.isSuccess ? (
            <Button
              component={Link}
              to="/rehire/settings"
              variant="default"
              leftSection={<IconPencil size={16} />}
            >
              {t('rehirePolicy.view.manage')}
            </Button>
          ) : null
        }
      />
      {policy.isPending ? (
        <LoadingState />
      ) : policy.isError ? (
        policy.error instanceof ApiError && policy.error.status === 404 ? (
          <Empty title={t('rehirePolicy.view.notPublishedTitle')}>
            <Stack align="center" gap="sm">
              <Text size="sm" c="dimmed" ta="center">
                {t('rehirePolicy.view.notPublishedBody')}
              </Text>
              {canManage ? (
                <Button component={Link} to="/rehire/settings" leftSection={<IconSettings size={16} />}>
                  {t('rehirePolicy.view.notPublishedManage')}
                </Button>
              ) : null}
            </Stack>
          </Empty>
        ) : (
          <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
        )
      ) : (
        <Card withBorder radius="md" padding="lg">
          <PublishedPolicy policy={policy.data} />
        </Card>
      )}
    </Stack>
  );
}
