import { type ConsentPurpose, REQUIRED_PURPOSE } from '@kizuna/contract';
import { Alert, Badge, Box, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBellOff, IconLock, IconRefreshAlert } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/FormError';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { type PortalMe, useOptOut, useSetConsents } from '../api/portal';
import { ConsentChoices, PrivacyNotice, purposeLabel } from './ConsentChoices';

const grantedOf = (me: PortalMe) => me.consents.filter((c) => c.granted).map((c) => c.purpose);

/** A new notice: the member reads it and chooses again (today's choices preselected). */
function Reconsent({ me }: { me: PortalMe }) {
  const { t } = useTranslation();
  const save = useSetConsents();
  const [value, setValue] = useState<ConsentPurpose[]>(() => {
    const granted = grantedOf(me).filter((p) => me.notice.purposes.includes(p));
    return granted.includes(REQUIRED_PURPOSE) ? granted : [REQUIRED_PURPOSE, ...granted];
  });
  const missing = !value.includes(REQUIRED_PURPOSE);
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      id="reconsent"
      data-testid="reconsent"
      style={{ borderColor: 'var(--mantine-color-orange-4)' }}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconRefreshAlert
            size={22}
            color="var(--mantine-color-orange-6)"
            aria-hidden
            style={{ flexShrink: 0 }}
          />
          <Box>
            <Title order={2} fz="lg">
              {t('membership.portal.reconsent.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('membership.portal.reconsent.body', { version: me.notice.version })}
            </Text>
          </Box>
        </Group>
        <PrivacyNotice notice={me.notice} defaultOpen />
        <ConsentChoices
          notice={me.notice}
          value={value}
          onChange={setValue}
          error={missing ? t('membership.join.consentMissing') : undefined}
        />
        <Text size="xs" c="dimmed">
          {t('membership.portal.consents.reconsentLead', { version: me.notice.version })}
        </Text>
        <FormError error={save.error} />
        <Button
          size="md"
          disabled={missing}
          loading={save.isPending}
          onClick={() => save.mutate({ granted: value, noticeVersion: me.notice.version })}
        >
          {t('membership.portal.consents.reconsentSave')}
        </Button>
      </Stack>
    </Card>
  );
}

/** My consents: one switch per purpose with its notice version and date, and one-step opt-out. */
export function ConsentsSection({ me }: { me: PortalMe }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const save = useSetConsents();
  const optOut = useOptOut();
  const [changing, setChanging] = useState<ConsentPurpose | null>(null);

  const toggle = (purpose: ConsentPurpose, on: boolean) => {
    const granted = grantedOf(me).filter((p) => p !== purpose && me.notice.purposes.includes(p));
    setChanging(purpose);
    save.mutate(
      { granted: on ? [...granted, purpose] : granted, noticeVersion: me.notice.version },
      {
        onSuccess: () =>
          notifications.show({
            color: on ? 'teal' : 'gray',
            message: t(
              on ? 'membership.portal.consents.grantedToast' : 'membership.portal.consents.withdrawnToast',
              {
                purpose: purposeLabel(purpose, locale),
              },
            ),
          }),
        onSettled: () => setChanging(null),
      },
    );
  };

  const contactGranted = me.consents.some((c) => c.granted && c.purpose !== REQUIRED_PURPOSE);
  const rows = me.consents.filter((c) => me.notice.purposes.includes(c.purpose) || c.granted);

  return (
    <Stack gap="md">
      {me.needsConsent ? <Reconsent me={me} /> : null}

      {!me.needsConsent ? (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <Box>
              <Title order={2} fz="lg">
                {t('membership.consent.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('membership.portal.consents.lead')}
              </Text>
            </Box>
            <Stack gap={0}>
              {rows.map((c) => {
                const required = c.purpose === REQUIRED_PURPOSE;
                const status = c.granted
                  ? t('membership.portal.consents.granted')
                  : c.changedAt
                    ? t('membership.portal.consents.withdrawn')
                    : t('membership.portal.consents.never');
                return (
                  <Group
                    key={c.purpose}
                    justify="space-between"
                    wrap="nowrap"
                    gap="sm"
                    py="sm"
                    style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
                    data-testid={`consent-row-${c.purpose}`}
                  >
                    <Box style={{ minWidth: 0 }}>
                      <Group gap={6}>
                        <Text size="sm" fw={600}>
                          {purposeLabel(c.purpose, locale).replace(/（必須）| \(required\)/, '')}
                        </Text>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {required
                          ? t('membership.portal.consents.requiredLocked')
                          : t(`membership.consent.hints.${c.purpose}`)}
                      </Text>
                      <Group gap={6} mt={4}>
                        <Badge
                          size="xs"
                          variant="light"
                          color={c.granted ? 'teal' : 'gray'}
                          data-testid="consent-status"
                        >
                          {status}
                        </Badge>
                        {c.changedAt ? (
                          <Text size="xs" c="dimmed">
                            {c.noticeVersion
                              ? t('membership.portal.consents.since', {
                                  version: c.noticeVersion,
                                  date: formatDate(c.changedAt, locale),
                                })
                              : formatDate(c.changedAt, locale)}
                          </Text>
                        ) : null}
                      </Group>
                    </Box>
                    {required ? (
                      <Badge
                        size="md"
                        variant="outline"
                        color="gray"
                        leftSection={<IconLock size={12} />}
                        style={{ flexShrink: 0 }}
                        data-testid="consent-required"
                      >
                        {t('membership.consent.required')}
                      </Badge>
                    ) : (
                      <Switch
                        size="md"
                        checked={c.granted}
                        disabled={save.isPending && changing !== c.purpose}
                        onChange={(e) => toggle(c.purpose, e.currentTarget.checked)}
                        aria-label={purposeLabel(c.purpose, locale)}
                        style={{ flexShrink: 0 }}
                      />
                    )}
                  </Group>
                );
              })}
            </Stack>
            <FormError error={save.error} />
            <PrivacyNotice notice={me.notice} />
          </Stack>
        </Card>
      ) : null}

      <Card withBorder radius="md" padding="lg" data-testid="stop-all">
        {me.doNotContact && !contactGranted ? (
          <Alert color="gray" icon={<IconBellOff size={18} />} title={t('membership.portal.optedOut.title')}>
            {t('membership.portal.optedOut.body')}
          </Alert>
        ) : (
          <Stack gap="sm">
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <IconBellOff
                size={22}
                color="var(--mantine-color-red-6)"
                aria-hidden
                style={{ flexShrink: 0 }}
              />
              <Box>
                <Title order={2} fz="lg">
                  {t('membership.portal.consents.stopAllTitle')}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('membership.portal.consents.stopAllBody')}
                </Text>
              </Box>
            </Group>
            <FormError error={optOut.error} />
            <Button
              color="red"
              variant="light"
              size="md"
              leftSection={<IconBellOff size={18} />}
              loading={optOut.isPending}
              onClick={() =>
                optOut.mutate(undefined, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      message: t('membership.portal.consents.stoppedToast'),
                    }),
                })
              }
            >
              {t('membership.portal.consents.stopAll')}
            </Button>
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
