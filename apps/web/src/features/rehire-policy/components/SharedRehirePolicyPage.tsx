import { Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PublicLayout } from '../../../app/PublicLayout';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { ApiError } from '../../../lib/http';
import { isTenantSuspended, SuspendedCompanyNotice } from '../../tenants/components/SuspendedCompanyNotice';
import { useSharedPolicy } from '../api/rehire-policy';
import { PublishedPolicy } from './PublishedPolicy';

/** /rehire-policy/:token — the published policy through the internal share link, no sign-in. */
export function SharedRehirePolicyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const policy = useSharedPolicy(token);

  let body: ReactNode;
  if (policy.isPending) body = <LoadingState />;
  else if (isTenantSuspended(policy.error)) body = <SuspendedCompanyNotice />;
  else if (policy.isError)
    body =
      policy.error instanceof ApiError && (policy.error.status === 404 || policy.error.status === 400) ? (
        <Center>
          <Stack align="center" gap="md" ta="center" py="md">
            <ThemeIcon size={56} radius="xl" variant="light" color="gray">
              <IconLinkOff size={30} />
            </ThemeIcon>
            <Title order={1} fz={{ base: 20, sm: 22 }}>
              {t('rehirePolicy.public.invalidTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('rehirePolicy.public.invalidBody')}
            </Text>
          </Stack>
        </Center>
      ) : (
        <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
      );
  else
    body = (
      <Stack gap="lg">
        <Stack gap={6}>
          <Title order={1} fz={{ base: 22, sm: 26 }} className="kizuna-break">
            {t('rehirePolicy.public.title', { company: policy.data.companyName })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('rehirePolicy.public.lead', { company: policy.data.companyName })}
          </Text>
        </Stack>
        <PublishedPolicy policy={policy.data} />
        <Text size="xs" c="dimmed">
          {t('rehirePolicy.public.footer')}
        </Text>
      </Stack>
    );

  return <PublicLayout wide>{body}</PublicLayout>;
}
