import type { Alumnus } from '@kizuna/contract';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/FormError';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { fieldErrorsOf } from '../../../lib/http';
import { fullName } from '../../alumni/labels';
import { useNetworkSettings } from '../../network/api/network-settings';
import { useAlumnusConsents, useInviteAlumnus } from '../api/alumnus-consents';

/** Why a record cannot be invited, in the server's order of refusals; null when it can. */
export function whyNotInvitable(
  a: Pick<Alumnus, 'anonymizedAt' | 'doNotContact' | 'email' | 'isRegistered' | 'leaveType'>,
  retireesAreAlumni: boolean,
): 'anonymized' | 'retiree' | 'doNotContact' | 'noEmail' | 'registered' | null {
  if (a.anonymizedAt) return 'anonymized';
  if (a.leaveType === 'retirement' && !retireesAreAlumni) return 'retiree';
  if (a.doNotContact) return 'doNotContact';
  if (!a.email) return 'noEmail';
  if (a.isRegistered) return 'registered';
  return null;
}

/**
 * 「会員登録に招待」 for one leaver: a confirmation naming the address, then the registration
 * link is mailed. When the record cannot be invited the button stays, disabled, with the reason
 * beside it (a phone has no hover to show a tooltip).
 */
export function InviteAlumnusButton({ alumnus }: { alumnus: Alumnus }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const invite = useInviteAlumnus(alumnus.id);
  // the same (audited) read as the consents panel beside it: fetched once
  const lastInvitedAt = useAlumnusConsents(alumnus.id).data?.lastInvitedAt ?? null;
  const [opened, setOpened] = useState(false);
  const reasonId = useId();
  // whom the company counts as alumni (leavers at the retirement age or not): its network settings
  const settings = useNetworkSettings();
  const reason = whyNotInvitable(alumnus, settings.data?.retireesAreAlumni ?? true);
  // a 409 says why in its field problems (retiree, do-not-contact, no e-mail, already a member)
  const refusals = Object.values(fieldErrorsOf(invite.error));

  const close = () => {
    setOpened(false);
    invite.reset();
  };
  const send = () =>
    invite.mutate(undefined, {
      onSuccess: ({ mailSent }) => {
        notifications.show(
          mailSent
            ? { color: 'teal', message: t('membership.invite.sent', { email: alumnus.email }) }
            : { color: 'yellow', message: t('membership.invite.mailNotSent') },
        );
        close();
      },
    });

  return (
    <Stack gap={4} align="flex-start" maw={280}>
      <Button
        variant="light"
        leftSection={<IconMailForward size={16} />}
        disabled={reason !== null}
        onClick={() => setOpened(true)}
        aria-describedby={reason ? reasonId : undefined}
        data-testid="invite-open"
      >
        {lastInvitedAt && !reason ? t('membership.invite.again') : t('membership.invite.action')}
      </Button>
      {reason ? (
        <Text id={reasonId} size="xs" c="dimmed" data-testid="invite-disabled-reason">
          {t(`membership.invite.why.${reason}`)}
        </Text>
      ) : lastInvitedAt ? (
        <Text size="xs" c="dimmed">
          {t('membership.invite.lastSent', { date: formatDate(lastInvitedAt, locale) })}
        </Text>
      ) : null}
      <Modal opened={opened} onClose={close} title={t('membership.invite.title')} centered>
        <Stack gap="md">
          <Text size="sm">
            {t('membership.invite.lead', { name: fullName(alumnus), email: alumnus.email })}
          </Text>
          {lastInvitedAt ? (
            <Alert color="blue" variant="light">
              {t('membership.invite.replaces', { date: formatDate(lastInvitedAt, locale) })}
            </Alert>
          ) : null}
          {refusals.length ? (
            <Alert color="red" variant="light" role="alert">
              {refusals.join(' ')}
            </Alert>
          ) : (
            <FormError error={invite.error} />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={invite.isPending}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={send}
              loading={invite.isPending}
              leftSection={<IconMailForward size={16} />}
              data-testid="invite-confirm"
            >
              {t('membership.invite.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
