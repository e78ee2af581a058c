import { passwordSchema } from '@kizuna/contract';
import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { PublicLayout } from '../../../app/PublicLayout';
import { FormError } from '../../../components/FormError';
import { useLocale } from '../../../i18n';
import { ApiError, type FieldErrors } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useResetPassword } from '../api/auth';
import { BackToSignIn } from './ForgotPasswordPage';
import { useNewPasswordFields } from './NewPasswordFields';

const schema = z.object({ newPassword: passwordSchema });

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token');
  const reset = useResetPassword();
  const { newPassword, checkConfirm, fields } = useNewPasswordFields();
  const [errors, setErrors] = useState<FieldErrors>({});

  const linkInvalid =
    !token ||
    params.has('error') ||
    (reset.error instanceof ApiError && reset.error.code === 'INVALID_TOKEN');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkConfirm(validateWith(schema, { newPassword }, locale));
    setErrors(found);
    if (hasErrors(found) || !token) return;
    reset.mutate(
      { newPassword, token },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('identity.auth.resetDone'), autoClose: 8000 });
          navigate('/sign-in', { replace: true });
        },
      },
    );
  };

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} fz={24}>
            {t('identity.auth.resetTitle')}
          </Title>
          {!linkInvalid ? (
            <Text size="sm" c="dimmed">
              {t('identity.auth.resetLead')}
            </Text>
          ) : null}
        </Stack>
        {linkInvalid ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="alert">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('identity.auth.resetLinkInvalid')}</Text>
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t('identity.auth.requestNewLink')}
              </Anchor>
            </Stack>
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              {fields(errors)}
              <FormError error={reset.error} />
              <Button type="submit" fullWidth loading={reset.isPending}>
                {t('identity.auth.setPassword')}
              </Button>
            </Stack>
          </form>
        )}
        <BackToSignIn />
      </Stack>
    </PublicLayout>
  );
}
