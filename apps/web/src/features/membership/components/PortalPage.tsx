import { Alert, Box, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconAddressBook,
  IconBell,
  IconCheck,
  IconCircleCheck,
  IconDatabase,
  IconHandStop,
  IconPencil,
  IconRefreshAlert,
  IconUserCircle,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { ApiError } from '../../../lib/http';
import { useConfirmProfile, useMemberProfile, usePortalMe } from '../api/portal';
import { ConsentsSection } from './ConsentsSection';
import { DataSection } from './DataSection';
import { ProfileSection } from './ProfileSection';

const TABS = ['profile', 'consents', 'data'] as const;
type Tab = (typeof TABS)[number];

/** "Is this still right?": one tap confirms, or opens the profile form. */
function ReviewBanner({ onEdit }: { onEdit: () => void }) {
  const { t } = useTranslation();
  const confirm = useConfirmProfile();
  return (
    <Alert
      color="grape"
      variant="light"
      radius="md"
      icon={<IconAddressBook size={20} />}
      title={t('membership.portal.review.title')}
      data-testid="review-banner"
    >
      <Stack gap="sm">
        <Text size="sm">{t('membership.portal.review.body')}</Text>
        {confirm.error ? (
          <Text size="sm" c="red">
            {confirm.error.message}
          </Text>
        ) : null}
        <Group gap="xs">
          <Button
            size="sm"
            leftSection={<IconCheck size={16} />}
            loading={confirm.isPending}
            onClick={() =>
              confirm.mutate(undefined, {
                onSuccess: () =>
                  notifications.show({ color: 'teal', message: t('membership.portal.review.confirmed') }),
              })
            }
          >
            {t('membership.portal.review.confirm')}
          </Button>
          <Button size="sm" variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
            {t('membership.portal.review.edit')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** `/portal`: the member's own page (profile, consents, data), phone first. */
export function PortalPage() {
  const { t } = useTranslation();
  const me = usePortalMe();
  const profile = useMemberProfile();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  // arriving straight from registering (the join or confirmation page): say it worked
  const location = useLocation();
  const navigate = useNavigate();
  const arrivedRegistered = (location.state as { registered?: boolean } | null)?.registered === true;
  const [welcome, setWelcome] = useState(arrivedRegistered);
  useEffect(() => {
    // said once: a reload or a later visit does not say it again
    if (arrivedRegistered)
      navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [arrivedRegistered, navigate, location.pathname, location.search]);
  const phone = useMediaQuery('(max-width: 48em)');
  const tabParam = params.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'profile';
  const setTab = (next: Tab) =>
    setParams(next === 'profile' ? {} : { tab: next }, { replace: true, preventScrollReset: true });

  if (me.isPending) return <LoadingState />;
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 404)
      return (
        <Empty title={t('membership.portal.title')}>
          <Text size="sm" c="dimmed" maw={420}>
            {t('membership.portal.notMember')}
          </Text>
        </Empty>
      );
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  const data = me.data;
  const reviewDue = profile.data ? profile.data.reviewDue : data.profileReviewDue === true;

  return (
    <Box maw={860} mx="auto">
      <Stack gap="lg">
        <Stack gap={4}>
          <Text size="xs" fw={700} c="grape.7" className="kizuna-break">
            {data.companyName}
          </Text>
          <Title order={1} fz={{ base: 22, sm: 28 }}>
            {t('membership.portal.greeting', { name: `${data.familyName} ${data.givenName}` })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('membership.portal.lead', { company: data.companyName })}
          </Text>
        </Stack>

        {welcome ? (
          <Alert
            color="teal"
            variant="light"
            radius="md"
            icon={<IconCircleCheck size={20} />}
            title={t('membership.join.doneTitle')}
            withCloseButton
            closeButtonLabel={t('common.close')}
            onClose={() => setWelcome(false)}
            role="status"
            data-testid="registered-banner"
          >
            <Text size="sm">{t('membership.join.doneLead', { company: data.companyName })}</Text>
          </Alert>
        ) : null}

        {data.needsConsent && tab !== 'consents' ? (
          <Alert
            color="orange"
            variant="light"
            radius="md"
            icon={<IconRefreshAlert size={20} />}
            title={t('membership.portal.reconsent.title')}
            data-testid="reconsent-banner"
          >
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t('membership.portal.reconsent.body', { version: data.notice.version })}</Text>
              <Button size="sm" color="orange" onClick={() => setTab('consents')}>
                {t('membership.portal.reconsent.action')}
              </Button>
            </Stack>
          </Alert>
        ) : null}

        {reviewDue && !editing ? (
          <ReviewBanner
            onEdit={() => {
              setTab('profile');
              setEditing(true);
            }}
          />
        ) : null}

        {data.doNotContact && tab !== 'consents' ? (
          <Alert color="gray" variant="light" radius="md" icon={<IconHandStop size={20} />}>
            <Text size="sm" fw={600}>
              {t('membership.portal.optedOut.title')}
            </Text>
          </Alert>
        ) : null}

        <Tabs value={tab} onChange={(v) => setTab((v as Tab) ?? 'profile')} keepMounted={false}>
          <Tabs.List grow={phone} mb="md">
            <Tabs.Tab value="profile" leftSection={<IconUserCircle size={18} />}>
              {t('membership.portal.tabs.profile')}
            </Tabs.Tab>
            <Tabs.Tab value="consents" leftSection={<IconBell size={18} />}>
              {t('membership.portal.tabs.consents')}
            </Tabs.Tab>
            <Tabs.Tab value="data" leftSection={<IconDatabase size={18} />}>
              {t('membership.portal.tabs.data')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="profile">
            <ProfileSection me={data} editing={editing} onEditingChange={setEditing} />
          </Tabs.Panel>
          <Tabs.Panel value="consents">
            <ConsentsSection me={data} />
          </Tabs.Panel>
          <Tabs.Panel value="data">
            <DataSection me={data} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Box>
  );
}
