import { changePasswordSchema } from '@kizuna/contract';
import { Button, Card, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { useLocale } from '../../../i18n';
import { type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useChangePassword } from '../api/staff';
import { useNewPasswordFields } from './NewPasswordFields';

/** A signed-in user changes their password (from the account menu); their other sessions end. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const change = useChangePassword();
  const [currentPassword, setCurrentPassword] = useState('');
  const { newPassword, checkConfirm, fields } = useNewPasswordFields();
  const [errors, setErrors] = useState<FieldErrors>({});
  const serverErrors = fieldErrorsOf(change.error);
  const shown = { ...serverErrors, ...errors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.reset();
    const found = checkConfirm(validateWith(changePasswordSchema, { currentPassword, newPassword }, locale));
    setErrors(found);
    if (hasErrors(found)) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('identity.password.done'), autoClose: 8000 });
          navigate('/', { replace: true });
        },
      },
    );
  };

  return (
    <Stack gap="lg" maw={520}>
      <PageHeader title={t('identity.password.title')} lead={t('identity.password.lead')} />
      <Card withBorder radius="md" padding="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <PasswordInput
              label={t('identity.password.current')}
              autoComplete="current-password"
              value={currentPassword}
              onChange={(e) => setCurrentPassword(e.currentTarget.value)}
              error={shown.currentPassword}
              required
            />
            {fields(shown)}
            {change.error && !serverErrors.currentPassword && !serverErrors.newPassword ? (
              <FormError error={change.error} />
            ) : null}
            <Button type="submit" loading={change.isPending} style={{ alignSelf: 'flex-start' }}>
              {t('identity.password.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
