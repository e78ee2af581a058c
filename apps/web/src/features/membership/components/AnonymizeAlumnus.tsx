import { type Alumnus, anonymizeAlumnusSchema } from '@kizuna/contract';
import { Alert, Button, Group, List, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEraser, IconUserOff } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/FormError';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { fullName } from '../../alumni/labels';
import { useAnonymizeAlumnus } from '../api/anonymize';

/** The banner of an anonymized record. */
export function AnonymizedNotice({ anonymizedAt }: { anonymizedAt: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconUserOff size={20} />}
      title={t('membership.anonymize.anonymizedTitle')}
      data-testid="anonymized"
    >
      {t('membership.anonymize.anonymizedBody', { date: formatDateTime(anonymizedAt, locale) })}
    </Alert>
  );
}

/** "削除依頼による匿名化": a strong confirmation (what goes, what stays, the request, the name typed). */
export function AnonymizeAlumnusButton({ alumnus }: { alumnus: Alumnus }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const anonymize = useAnonymizeAlumnus(alumnus.id);
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const name = fullName(alumnus);
  const fieldErrors = { ...fieldErrorsOf(anonymize.error), ...errors };
  const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');

  const close = () => {
    setOpened(false);
    setReason('');
    setTyped('');
    setErrors({});
    anonymize.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWith(anonymizeAlumnusSchema, { reason, version: alumnus.version }, locale);
    if (squash(typed) !== squash(name)) found.typedName = t('membership.anonymize.nameMismatch');
    setErrors(found);
    if (hasErrors(found)) return;
    anonymize.mutate(
      { reason: reason.trim(), version: alumnus.version },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('membership.anonymize.done') });
          close();
        },
      },
    );
  };

  return (
    <>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconEraser size={16} />}
        onClick={() => setOpened(true)}
        data-testid="anonymize-open"
      >
        {t('membership.anonymize.action')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('membership.anonymize.title')} centered size="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{t('membership.anonymize.lead')}</Text>
            <Alert color="red" variant="light">
              <List size="sm" spacing={4}>
                <List.Item>{t('membership.anonymize.effects.cleared')}</List.Item>
                <List.Item>{t('membership.anonymize.effects.kept')}</List.Item>
                <List.Item>{t('membership.anonymize.effects.consents')}</List.Item>
                <List.Item>{t('membership.anonymize.effects.audit')}</List.Item>
              </List>
            </Alert>
            <Textarea
              label={t('membership.anonymize.reason')}
              placeholder={t('membership.anonymize.reasonPlaceholder')}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={fieldErrors.reason}
              required
              autosize
              minRows={2}
              data-testid="anonymize-reason"
            />
            <TextInput
              label={t('membership.anonymize.typeName', { name })}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              error={fieldErrors.typedName}
              required
              autoComplete="off"
              data-testid="anonymize-name"
            />
            <FormError
              error={anonymize.error && !fieldErrorsOf(anonymize.error).reason ? anonymize.error : null}
            />
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={close} disabled={anonymize.isPending}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={anonymize.isPending} data-testid="anonymize-confirm">
                {t('membership.anonymize.confirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
