import { registrationRequestStatuses } from '@kizuna/contract';
import { Anchor, Badge, Button, Stack, Tabs, Text } from '@mantine/core';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { itemsOf } from '../../../lib/pages';
import {
  type RegistrationRequest,
  type RegistrationRequestStatus,
  usePendingRequestCount,
  useRegistrationRequests,
} from '../api/registration-requests';

export const QUEUE_PATH = '/alumni/registration-requests';

export function personName(r: { familyName: string; givenName: string }) {
  return `${r.familyName} ${r.givenName}`;
}

function isStatus(value: string | null): value is RegistrationRequestStatus {
  return (registrationRequestStatuses as readonly string[]).includes(value ?? '');
}

function RequestList({ status }: { status: RegistrationRequestStatus }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const requests = useRegistrationRequests(status);
  if (requests.isPending) return <LoadingState />;
  if (requests.isError) return <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />;
  const rows = itemsOf(requests.data);
  if (rows.length === 0)
    return (
      <Empty title={t(`membership.queue.empty.${status}`)}>
        {status === 'pending' ? (
          <Text size="sm" c="dimmed" ta="center" maw={420}>
            {t('membership.queue.emptyHint')}
          </Text>
        ) : null}
      </Empty>
    );
  const none = (
    <Text component="span" c="dimmed" size="sm">
      {t('common.none')}
    </Text>
  );
  return (
    <Stack gap="md">
      <DataTable<RegistrationRequest>
        rows={rows}
        rowKey={(r) => r.id}
        testId="registration-request-row"
        actionsLabel={t('membership.queue.open')}
        columns={[
          {
            key: 'name',
            header: t('membership.queue.name'),
            cell: (r) => (
              <Anchor component={Link} to={`${QUEUE_PATH}/${r.id}`} fw={600} size="sm">
                {personName(r)}
              </Anchor>
            ),
          },
          { key: 'email', header: t('membership.queue.email'), cell: (r) => r.email },
          {
            key: 'leaveYear',
            header: t('membership.queue.leaveYear'),
            nowrap: true,
            cell: (r) => (r.leaveYear ? t('membership.queue.yearValue', { year: r.leaveYear }) : none),
          },
          {
            key: 'employeeNumber',
            header: t('membership.queue.employeeNumber'),
            nowrap: true,
            cell: (r) => r.employeeNumber ?? none,
          },
          { key: 'department', header: t('membership.queue.department'), cell: (r) => r.department ?? none },
          status === 'pending'
            ? {
                key: 'verifiedAt',
                header: t('membership.queue.verifiedAt'),
                nowrap: true,
                cell: (r) => formatDateTime(r.verifiedAt, locale),
              }
            : {
                key: 'decidedAt',
                header: t('membership.queue.decidedAt'),
                nowrap: true,
                cell: (r) => formatDateTime(r.decidedAt, locale),
              },
        ]}
        actions={(r) => (
          <Button
            component={Link}
            to={`${QUEUE_PATH}/${r.id}`}
            size="xs"
            variant={status === 'pending' ? 'light' : 'default'}
            rightSection={<IconChevronRight size={14} />}
          >
            {t('membership.queue.open')}
          </Button>
        )}
      />
      {requests.hasNextPage ? <LoadMore pages={requests} endLabel="" /> : null}
    </Stack>
  );
}

/** Self-registrations by status; the pending ones wait for staff to match them (alumni:write). */
export function RegistrationQueuePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const status: RegistrationRequestStatus = isStatus(requested) ? requested : 'pending';
  const pendingCount = usePendingRequestCount();
  return (
    <Stack gap="md">
      <PageHeader title={t('membership.queue.title')} lead={t('membership.queue.lead')} />
      <Tabs
        value={status}
        onChange={(next) =>
          setParams(next && next !== 'pending' ? { status: next } : {}, {
            replace: true,
            preventScrollReset: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {registrationRequestStatuses.map((s) => (
            <Tabs.Tab
              key={s}
              value={s}
              data-testid={`queue-tab-${s}`}
              rightSection={
                s === 'pending' && pendingCount > 0 ? (
                  <Badge size="sm" circle={pendingCount < 10} variant="filled" color="orange">
                    {pendingCount}
                  </Badge>
                ) : null
              }
            >
              {t(`membership.queue.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {registrationRequestStatuses.map((s) => (
          <Tabs.Panel key={s} value={s}>
            <RequestList status={s} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
