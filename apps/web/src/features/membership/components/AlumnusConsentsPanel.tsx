import { type AlumnusConsents, consentPurposeLabels } from '@kizuna/contract';
import { Badge, Card, Divider, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { useAlumnusConsents } from '../api/alumnus-consents';

type Consent = AlumnusConsents['consents'][number];

const stateColor: Record<Consent['state'], string> = { granted: 'teal', withdrawn: 'red', never: 'gray' };

function ConsentRow({ consent, currentVersion }: { consent: Consent; currentVersion: number | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const date = (iso: string | null) => formatDate(iso, locale);
  const version = consent.noticeVersion;
  const olderNotice =
    consent.state === 'granted' && version !== null && currentVersion !== null && version < currentVersion;
  return (
    <Stack gap={2} data-testid="consent-row" data-purpose={consent.purpose} data-state={consent.state}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} style={{ minWidth: 0 }}>
          {consentPurposeLabels[consent.purpose][locale]}
        </Text>
        <Badge
          color={stateColor[consent.state]}
          variant={consent.state === 'never' ? 'outline' : 'light'}
          radius="sm"
          style={{ flexShrink: 0 }}
        >
          {t(`membership.staffConsents.state.${consent.state}`)}
        </Badge>
      </Group>
      {consent.state === 'granted' ? (
        <Text size="xs" c="dimmed">
          {t('membership.staffConsents.granted', { date: date(consent.grantedAt), version })}
        </Text>
      ) : consent.state === 'withdrawn' ? (
        <Text size="xs" c="dimmed">
          {t('membership.staffConsents.withdrawn', {
            date: date(consent.withdrawnAt),
            granted: date(consent.grantedAt),
            version,
          })}
        </Text>
      ) : null}
      {olderNotice ? (
        <Text size="xs" c="orange.8">
          {t('membership.staffConsents.olderNotice', { current: currentVersion })}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * 「会員登録と同意」 on the alumnus page: registered or not (and when invited), then each purpose
 * of use with its latest consent — given (date, notice version), withdrawn, or never given.
 */
export function AlumnusConsentsPanel({ alumnusId }: { alumnusId: string }) {
  const { t } = useTranslation();
  const consents = useAlumnusConsents(alumnusId);
  const locale = useLocale();
  const title = t('membership.staffConsents.title');

  let body: ReactNode;
  if (consents.isPending) body = <LoadingState />;
  else if (consents.isError)
    body = <ErrorState error={consents.error} onRetry={() => void consents.refetch()} />;
  else {
    const data = consents.data;
    const anyRecord = data.consents.some((c) => c.state !== 'never');
    body = (
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          {data.registeredAt ? (
            <Badge color="teal" variant="light" radius="sm" data-testid="consents-registered">
              {t('membership.staffConsents.registeredOn', { date: formatDate(data.registeredAt, locale) })}
            </Badge>
          ) : (
            <Badge color="gray" variant="light" radius="sm" data-testid="consents-registered">
              {t('membership.staffConsents.notRegistered')}
            </Badge>
          )}
          {data.lastInvitedAt ? (
            <Text size="xs" c="dimmed">
              {t('membership.staffConsents.lastInvited', { date: formatDate(data.lastInvitedAt, locale) })}
            </Text>
          ) : null}
        </Group>
        {data.currentNoticeVersion !== null && anyRecord ? (
          <Text size="xs" c="dimmed">
            {t('membership.staffConsents.currentNotice', { version: data.currentNoticeVersion })}
          </Text>
        ) : null}
        {anyRecord ? (
          <Stack gap="xs">
            {data.consents.map((consent, i) => (
              <Fragment key={consent.purpose}>
                {i > 0 ? <Divider /> : null}
                <ConsentRow consent={consent} currentVersion={data.currentNoticeVersion} />
              </Fragment>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" data-testid="consents-none">
            {t('membership.staffConsents.none')}
          </Text>
        )}
      </Stack>
    );
  }

  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-label={title}
      data-testid="consents-panel"
    >
      <Group gap="xs" mb="md" wrap="nowrap">
        <ThemeIcon variant="light" radius="md" size="md" color="teal">
          <IconShieldCheck size={18} />
        </ThemeIcon>
        <Title order={2} fz="md">
          {title}
        </Title>
      </Group>
      {body}
    </Card>
  );
}
