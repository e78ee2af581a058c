import { emailSchema } from '@kizuna/contract';
import {
  Alert,
  Anchor,
  Box,
  Button,
  Divider,
  PasswordInput,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconInfoCircle, IconKey, IconMail } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { safeNext } from '../../../app/guards';
import { PublicLayout } from '../../../app/PublicLayout';
import { FormError } from '../../../components/FormError';
import { LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import type { FieldErrors } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useSendMagicLink, useSignIn } from '../api/auth';
import { useMe } from '../api/me';

const passwordSignInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, { error: 'required' }),
});
const magicLinkSchema = z.object({ email: emailSchema });

function PasswordForm({ next }: { next: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWith(passwordSignInSchema, { email, password }, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(next, { replace: true }) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('identity.auth.email')}
          type="email"
          autoComplete="username"
          placeholder={t('identity.auth.emailPlaceholder')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          required
        />
        <PasswordInput
          label={t('identity.auth.password')}
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={errors.password}
          required
        />
        <FormError error={signIn.error} />
        <Button type="submit" fullWidth loading={signIn.isPending}>
          {t('identity.auth.signIn')}
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
          {t('identity.auth.forgotPassword')}
        </Anchor>
      </Stack>
    </form>
  );
}

function MagicLinkForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const send = useSendMagicLink();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWith(magicLinkSchema, { email }, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    send.mutate(email.trim());
  };

  if (send.isSuccess)
    return (
      <Alert
        color="teal"
        icon={<IconCircleCheck size={18} />}
        title={t('identity.auth.magicLinkSentTitle')}
        role="status"
      >
        <Stack gap="xs" align="flex-start">
          <Text size="sm" className="kizuna-break">
            {t('identity.auth.magicLinkSent', { email: send.variables })}
          </Text>
          <Button variant="subtle" size="compact-sm" onClick={() => send.reset()}>
            {t('identity.auth.backToSignIn')}
          </Button>
        </Stack>
      </Alert>
    );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('identity.auth.magicLinkLead')}
        </Text>
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
        <FormError error={send.error} />
        <Button type="submit" fullWidth loading={send.isPending} leftSection={<IconMail size={18} />}>
          {t('identity.auth.sendMagicLink')}
        </Button>
      </Stack>
    </form>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const linkFailed = params.get('link') === 'failed' || params.has('error');

  if (me.isPending)
    return (
      <PublicLayout>
        <LoadingState />
      </PublicLayout>
    );
  if (me.data) return <Navigate to={next} replace />;

  return (
    <PublicLayout>
      <Stack gap="lg">
        <Stack gap={4}>
          <Title order={1} fz={24}>
            {t('identity.auth.signInTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('identity.auth.signInLead')}
          </Text>
        </Stack>
        {linkFailed ? (
          <Alert color="orange" icon={<IconInfoCircle size={18} />} role="alert">
            {t('identity.auth.magicLinkFailed')}
          </Alert>
        ) : null}
        {/* alumni come back to their page (/portal) by e-mail link far more often than by password */}
        <Tabs defaultValue={next.startsWith('/portal') ? 'magic-link' : 'password'} keepMounted={false}>
          <Tabs.List grow mb="md">
            <Tabs.Tab value="password" leftSection={<IconKey size={16} />}>
              {t('identity.auth.withPassword')}
            </Tabs.Tab>
            <Tabs.Tab value="magic-link" leftSection={<IconMail size={16} />}>
              {t('identity.auth.withMagicLink')}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="password">
            <PasswordForm next={next} />
          </Tabs.Panel>
          <Tabs.Panel value="magic-link">
            <MagicLinkForm />
          </Tabs.Panel>
        </Tabs>
        <Stack gap="sm" data-testid="sign-in-who">
          <Divider />
          <Box>
            <Text size="xs" fw={700}>
              {t('identity.auth.forAlumniTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('identity.auth.forAlumni')}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {t('identity.auth.forAlumniNotYet')}
            </Text>
          </Box>
          <Box>
            <Text size="xs" fw={700}>
              {t('identity.auth.forStaffTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('identity.auth.invitationOnly')}
            </Text>
          </Box>
        </Stack>
      </Stack>
    </PublicLayout>
  );
}
