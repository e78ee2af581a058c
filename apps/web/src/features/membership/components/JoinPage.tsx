import {
  type AlumniInterest,
  type ConsentPurpose,
  passwordSchema,
  personNameSchema,
  REQUIRED_PURPOSE,
} from '@kizuna/contract';
import {
  Alert,
  Button,
  Group,
  PasswordInput,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconLinkOff, IconMailFast } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { focusFirstError } from '../../../app/form-focus';
import { PublicLayout } from '../../../app/PublicLayout';
import { FormError } from '../../../components/FormError';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ApiError, type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useSessionStarted } from '../../identity/api/auth';
import { isTenantSuspended, SuspendedCompanyNotice } from '../../tenants/components/SuspendedCompanyNotice';
import { useAlumnusInvitation, useRegisterMember, useSendPortalSignInLink } from '../api/portal';
import { ConsentChoices, InterestChips, PrivacyNotice } from './ConsentChoices';

const nameSchema = z.object({ familyName: personNameSchema, givenName: personNameSchema });
const passwordStepSchema = z.object({ password: passwordSchema });
const STEPS = ['name', 'preferences', 'signIn'] as const;

/** A link that cannot be used (expired, used, revoked): what to do instead. */
export function LinkUnusable({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" align="center" ta="center" py="md" data-testid="link-unusable">
      <ThemeIcon size={64} radius="xl" variant="light" color="orange">
        <IconLinkOff size={32} />
      </ThemeIcon>
      <Title order={1} fz={22}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {body}
      </Text>
      <Button component={Link} to="/sign-in?next=%2Fportal" variant="light">
        {t('membership.join.goSignIn')}
      </Button>
    </Stack>
  );
}

/**
 * After registering without being signed in (an account that also holds a staff role signs in
 * itself): a sign-in link by e-mail, or the sign-in page.
 */
function JoinDone({ company, email, hasAccount }: { company: string; email: string; hasAccount: boolean }) {
  const { t } = useTranslation();
  const send = useSendPortalSignInLink();
  return (
    <Stack gap="md" align="center" ta="center" py="md" data-testid="join-done">
      <ThemeIcon size={72} radius="xl" variant="light" color="teal">
        <IconCircleCheck size={40} />
      </ThemeIcon>
      <Title order={1} fz={24}>
        {t('membership.join.doneTitle')}
      </Title>
      <Text>{t('membership.join.doneLead', { company })}</Text>
      {send.isSuccess ? (
        <Alert color="teal" icon={<IconMailFast size={18} />} role="status" ta="left" w="100%">
          <Text size="sm" className="kizuna-break">
            {t('membership.join.doneLinkSent', { email })}
          </Text>
        </Alert>
      ) : (
        <Stack gap="sm" w="100%" maw={360}>
          <Text size="sm" c="dimmed">
            {t('membership.join.doneSignInLead')}
          </Text>
          <Button
            size="md"
            leftSection={<IconMailFast size={18} />}
            loading={send.isPending}
            onClick={() => send.mutate(email)}
          >
            {t('membership.join.doneSendLink')}
          </Button>
          {hasAccount ? (
            <Button component={Link} to="/sign-in?next=%2Fportal" variant="default">
              {t('membership.join.doneSignIn')}
            </Button>
          ) : null}
          <FormError error={send.error} />
        </Stack>
      )}
    </Stack>
  );
}

/** `/join/:token`: member registration from the invitation e-mail, in three short steps. */
export function JoinPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const preview = useAlumnusInvitation(token);
  const register = useRegisterMember(token);
  const sessionStarted = useSessionStarted();
  const navigate = useNavigate();
  const [entering, setEntering] = useState(false);

  const [step, setStep] = useState(0);
  const [familyName, setFamilyName] = useState('');
  const [givenName, setGivenName] = useState('');
  const [interests, setInterests] = useState<AlumniInterest[]>([]);
  const [consents, setConsents] = useState<ConsentPurpose[]>([]);
  const [mode, setMode] = useState<'link' | 'password'>('link');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [noticeChanged, setNoticeChanged] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState<{ company: string; email: string; hasAccount: boolean } | null>(null);

  const invitation = preview.data;
  useEffect(() => {
    if (!invitation) return;
    setFamilyName((v) => v || invitation.familyName);
    setGivenName((v) => v || invitation.givenName);
  }, [invitation]);

  // first: signing in clears every cached answer, and the used link now answers 410
  if (entering)
    return (
      <PublicLayout wide>
        <LoadingState />
      </PublicLayout>
    );
  if (done)
    return (
      <PublicLayout wide>
        <JoinDone {...done} />
      </PublicLayout>
    );
  if (preview.isPending)
    return (
      <PublicLayout wide>
        <LoadingState />
      </PublicLayout>
    );
  if (isTenantSuspended(preview.error, register.error))
    return (
      <PublicLayout wide>
        <SuspendedCompanyNotice />
      </PublicLayout>
    );
  const gone =
    (preview.error instanceof ApiError && preview.error.status === 410) ||
    (register.error instanceof ApiError && register.error.status === 410);
  if (gone)
    return (
      <PublicLayout wide>
        <LinkUnusable title={t('membership.join.invalidTitle')} body={t('membership.join.invalidBody')} />
      </PublicLayout>
    );
  if (preview.isError || !invitation)
    return (
      <PublicLayout wide>
        <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />
      </PublicLayout>
    );

  const company = invitation.companyName;
  const serverErrors = fieldErrorsOf(register.error);
  const fieldError = (name: string) => errors[name] ?? serverErrors[name];
  const last = step === STEPS.length - 1;

  const checkStep = (index: number): FieldErrors => {
    if (index === 0) return validateWith(nameSchema, { familyName, givenName }, locale);
    if (index === 1)
      return consents.includes(REQUIRED_PURPOSE) ? {} : { consents: t('membership.join.consentMissing') };
    if (index === 2 && mode === 'password' && !invitation.hasAccount)
      return validateWith(passwordStepSchema, { password }, locale);
    return {};
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkStep(step);
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(formRef.current);
      return;
    }
    if (!last) {
      setStep(step + 1);
      window.scrollTo({ top: 0 });
      return;
    }
    const withPassword = mode === 'password' && !invitation.hasAccount;
    register.mutate(
      {
        familyName: familyName.trim(),
        givenName: givenName.trim(),
        interests,
        consents,
        noticeVersion: invitation.notice.version,
        ...(withPassword ? { password } : {}),
      },
      {
        onSuccess: async (result) => {
          if (!result.signedIn) {
            setDone({ company, email: result.email, hasAccount: invitation.hasAccount });
            return;
          }
          // the answer signed the member in: straight to their page
          setEntering(true);
          try {
            await sessionStarted();
            navigate('/portal', { replace: true, state: { registered: true } });
          } catch {
            setEntering(false);
            setDone({ company, email: result.email, hasAccount: invitation.hasAccount });
          }
        },
        onError: async (error) => {
          const fields = fieldErrorsOf(error);
          if (error instanceof ApiError && error.code === 'conflict') {
            // a newer notice was published meanwhile: show it and ask again
            await preview.refetch();
            setConsents([]);
            setNoticeChanged(true);
            setStep(1);
          } else if (fields.familyName || fields.givenName) setStep(0);
          else if (fields.consents || fields.interests) setStep(1);
          if (hasErrors(fields)) focusFirstError(formRef.current);
        },
      },
    );
  };

  const busy = register.isPending;

  return (
    <PublicLayout wide>
      <form ref={formRef} onSubmit={submit} noValidate data-testid="join-form">
        <Stack gap="lg">
          <Stack gap={6}>
            <Text size="xs" fw={700} c="grape.7" tt="uppercase">
              {t('membership.join.pageTitle')}
            </Text>
            <Title order={1} fz={{ base: 21, sm: 24 }} className="kizuna-break">
              {t('membership.join.welcome', { company })}
            </Title>
            {step === 0 ? (
              <Text size="sm" c="dimmed">
                {t('membership.join.lead')}
              </Text>
            ) : null}
          </Stack>

          <Stack gap={6}>
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600}>
                {t(`membership.join.steps.${STEPS[step]}`)}
              </Text>
              <Text size="xs" c="dimmed">
                {t('membership.join.stepOf', { step: step + 1, total: STEPS.length })}
              </Text>
            </Group>
            <Progress
              value={((step + 1) / STEPS.length) * 100}
              size="sm"
              radius="xl"
              aria-label={t('membership.join.stepOf', { step: step + 1, total: STEPS.length })}
            />
          </Stack>

          {step === 0 ? (
            <Stack gap="md">
              <Stack gap={2}>
                <Text size="xs" c="dimmed">
                  {t('membership.join.email')}
                </Text>
                <Text fw={600} className="kizuna-break">
                  {invitation.email}
                </Text>
              </Stack>
              <Text size="sm">{t('membership.join.nameLead')}</Text>
              <SimpleGrid cols={2} spacing="sm">
                <TextInput
                  label={t('membership.join.familyName')}
                  autoComplete="family-name"
                  value={familyName}
                  onChange={(e) => setFamilyName(e.currentTarget.value)}
                  error={fieldError('familyName')}
                  required
                />
                <TextInput
                  label={t('membership.join.givenName')}
                  autoComplete="given-name"
                  value={givenName}
                  onChange={(e) => setGivenName(e.currentTarget.value)}
                  error={fieldError('givenName')}
                  required
                />
              </SimpleGrid>
              <Text size="xs" c="dimmed">
                {t('membership.join.expiresAt')}: {formatDateTime(invitation.expiresAt, locale)}
              </Text>
            </Stack>
          ) : null}

          {step === 1 ? (
            <Stack gap="lg">
              {noticeChanged ? (
                <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="alert">
                  {t('membership.join.noticeChanged')}
                </Alert>
              ) : null}
              <InterestChips value={interests} onChange={setInterests} />
              <ConsentChoices
                notice={invitation.notice}
                value={consents}
                onChange={(v) => {
                  setConsents(v);
                  if (v.includes(REQUIRED_PURPOSE)) setErrors({});
                }}
                error={fieldError('consents')}
              />
              <PrivacyNotice notice={invitation.notice} defaultOpen={noticeChanged} />
              <Text size="xs" c="dimmed">
                {t('membership.consent.agreement')}
              </Text>
            </Stack>
          ) : null}

          {step === 2 ? (
            <Stack gap="md">
              {invitation.hasAccount ? (
                <Alert color="blue" variant="light">
                  <Text size="sm" className="kizuna-break">
                    {t('membership.join.hasAccount', { email: invitation.email })}
                  </Text>
                </Alert>
              ) : (
                <>
                  <Text size="sm">{t('membership.join.signInLead')}</Text>
                  <Radio.Group value={mode} onChange={(v) => setMode(v as 'link' | 'password')}>
                    <Stack gap={8}>
                      <Radio.Card value="link" radius="md" p="sm">
                        <Group wrap="nowrap" gap="sm">
                          <Radio.Indicator />
                          <Text size="sm" fw={500}>
                            {t('membership.join.byLink')}
                          </Text>
                        </Group>
                      </Radio.Card>
                      <Radio.Card value="password" radius="md" p="sm">
                        <Group wrap="nowrap" gap="sm">
                          <Radio.Indicator />
                          <Text size="sm" fw={500}>
                            {t('membership.join.byPassword')}
                          </Text>
                        </Group>
                      </Radio.Card>
                    </Stack>
                  </Radio.Group>
                  {mode === 'password' ? (
                    <PasswordInput
                      label={t('membership.join.password')}
                      description={t('membership.join.passwordHint')}
                      autoComplete="new-password"
                      value={password}
                      onChange={(e) => setPassword(e.currentTarget.value)}
                      error={fieldError('password')}
                      required
                      data-autofocus
                    />
                  ) : null}
                </>
              )}
            </Stack>
          ) : null}

          {register.error && !(register.error instanceof ApiError && register.error.code === 'conflict') ? (
            <FormError error={register.error} />
          ) : null}

          <Group gap="sm" wrap="nowrap">
            {step > 0 ? (
              <Button
                variant="default"
                size="md"
                onClick={() => {
                  setErrors({});
                  setStep(step - 1);
                }}
                disabled={busy}
              >
                {t('membership.join.back')}
              </Button>
            ) : null}
            <Button type="submit" size="md" loading={busy} style={{ flex: 1 }}>
              {last ? t('membership.join.submit') : t('membership.join.next')}
            </Button>
          </Group>
        </Stack>
      </form>
    </PublicLayout>
  );
}
