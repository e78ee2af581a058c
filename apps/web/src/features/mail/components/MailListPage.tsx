import type { OutgoingMailSummary } from '@kizuna/contract';
import { Alert, Anchor, Badge, CloseButton, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconInfoCircle, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useOutbox, useOutgoingMail } from '../api/mail';

export function MailStatus({ mail }: { mail: Pick<OutgoingMailSummary, 'error' | 'sentAt' | 'transport'> }) {
  const { t } = useTranslation();
  if (mail.error)
    return (
      <Badge color="red" variant="light">
        {t('mail.failed')}
      </Badge>
    );
  if (mail.transport === 'database')
    return (
      <Badge color="gray" variant="light">
        {t('mail.transports.database')}
      </Badge>
    );
  return (
    <Badge color={mail.sentAt ? 'teal' : 'yellow'} variant="light">
      {mail.sentAt ? t('mail.sent') : t('mail.pending')}
    </Badge>
  );
}

export function MailListPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [to, setTo] = useState('');
  const [debounced] = useDebouncedValue(to.trim(), 400);
  const mail = useOutgoingMail(debounced);
  const outbox = useOutbox();
  const items = mail.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack gap="md">
      <PageHeader title={t('mail.title')} lead={t('mail.lead')} />
      {outbox.data ? (
        <Alert
          color={outbox.data.bodiesKept ? 'orange' : 'blue'}
          variant="light"
          icon={<IconInfoCircle size={18} />}
          data-testid="outbox-notice"
        >
          {outbox.data.bodiesKept ? t('mail.keptNotice') : t('mail.smtpNotice')}
        </Alert>
      ) : null}
      <TextInput
        label={t('mail.filterTo')}
        placeholder={t('mail.filterToPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={to}
        onChange={(e) => setTo(e.currentTarget.value)}
        rightSection={
          to ? <CloseButton size="sm" aria-label={t('common.close')} onClick={() => setTo('')} /> : null
        }
        maw={420}
        type="search"
      />
      {mail.isPending ? (
        <LoadingState />
      ) : mail.isError ? (
        <ErrorState error={mail.error} onRetry={() => void mail.refetch()} />
      ) : items.length === 0 ? (
        <Empty title={t('mail.empty')} />
      ) : (
        <>
          <DataTable
            rows={items}
            rowKey={(m) => m.id}
            testId="mail-row"
            columns={[
              {
                key: 'subject',
                header: t('mail.subject'),
                cell: (m) => (
                  <Anchor component={Link} to={`/mail/${m.id}`} fw={500} size="sm" className="kizuna-break">
                    {m.subject}
                  </Anchor>
                ),
              },
              { key: 'to', header: t('mail.to'), cell: (m) => m.to ?? t('mail.erasedTo') },
              {
                key: 'createdAt',
                header: t('mail.createdAt'),
                nowrap: true,
                cell: (m) => formatDateTime(m.createdAt, locale),
              },
              { key: 'status', header: t('mail.status'), nowrap: true, cell: (m) => <MailStatus mail={m} /> },
            ]}
          />
          <LoadMore pages={mail} endLabel={t('audit.end')} />
        </>
      )}
    </Stack>
  );
}
