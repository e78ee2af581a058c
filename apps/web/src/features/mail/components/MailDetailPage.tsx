import { Anchor, Card, Divider, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useMailMessage } from '../api/mail';
import { MailStatus } from './MailListPage';

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Plain text with its web addresses as links. */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const at = match.index ?? 0;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(
      <Anchor key={at} href={match[0]} target="_blank" rel="noopener noreferrer" className="kizuna-break">
        {match[0]}
      </Anchor>,
    );
    last = at + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return (
    <Text component="pre" className="kizuna-pre" size="sm" data-testid="mail-body">
      {parts}
    </Text>
  );
}

export function MailDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { mailId = '' } = useParams();
  const mail = useMailMessage(mailId);

  const back = (
    <Anchor component={Link} to="/mail" size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={14} />
        {t('mail.back')}
      </Group>
    </Anchor>
  );

  if (mail.isPending) return <LoadingState />;
  if (mail.isError)
    return (
      <Stack>
        {back}
        <ErrorState error={mail.error} onRetry={() => void mail.refetch()} />
      </Stack>
    );
  const m = mail.data;
  return (
    <Stack gap="md">
      {back}
      <Title order={1} fz={{ base: 18, sm: 22 }} className="kizuna-break">
        {m.subject}
      </Title>
      <Card withBorder radius="md" padding="md">
        <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={{ base: 80, sm: 120 }}>{t('mail.to')}</Table.Th>
              <Table.Td className="kizuna-break">{m.to ?? t('mail.erasedTo')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('mail.createdAt')}</Table.Th>
              <Table.Td>{formatDateTime(m.createdAt, locale, true)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('mail.status')}</Table.Th>
              <Table.Td>
                <MailStatus mail={m} />
                {m.error ? (
                  <Text size="xs" c="red" mt={4} className="kizuna-break">
                    {m.error}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Divider my="md" label={t('mail.body')} labelPosition="left" />
        {m.text !== null ? (
          <Linkified text={m.text} />
        ) : (
          <Text size="sm" c="dimmed" data-testid="mail-body-not-kept">
            {m.erasedAt
              ? t('mail.bodyErased', { date: formatDateTime(m.erasedAt, locale, true) })
              : t('mail.bodyNotKept')}
          </Text>
        )}
      </Card>
    </Stack>
  );
}
