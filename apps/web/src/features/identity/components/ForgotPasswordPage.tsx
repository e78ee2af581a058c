import { emailSchema } from '@kizuna/contract';
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { PublicLayout } from '../../../app/PublicLayout';
import { FormError } from '../../../components/FormError';
import { useLocale } from '../../../i18n';
import type { FieldErrors } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useRequestPasswordReset } from '../api/auth';

const schema = z.object({ email: emailSchema });

export function BackToSignIn() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/sign-in" size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle', marginRight: 4 }} />
      {t('identity.auth.backToSignIn')}
    </Anchor>
  );
}

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWith(schema, { email }, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    request.mutate(email.trim());
  };

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} fz={24}>
            {t('identity.auth.forgotTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('identity.auth.forgotLead')}
          </Text>
        </Stack>
        {request.isSuccess ? (
          <Alert
            color="teal"
            icon={<IconCircleCheck size={18} />}
            title={t('identity.auth.resetSentTitle')}
            role="status"
          >
            <Text size="sm" className="kizuna-break">
              {t('identity.auth.resetSent', { email: request.variables })}
            </Text>
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <TextInput
                label={t('identity.auth.email')}
                type="email"
                autoComplete="email"
                placeholder={t('identity.auth.emailPlaceholder')}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={errors.email}
                required
              />
              <FormError error={request.error} />
              <Button type="submit" fullWidth loading={request.isPending}>
                {t('identity.auth.sendResetLink')}
              </Button>
            </Stack>
          </form>
        )}
        <BackToSignIn />
      </Stack>
    </PublicLayout>
  );
}
