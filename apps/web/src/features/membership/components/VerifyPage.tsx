import { Alert, Button, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck, IconHourglass, IconMailCheck, IconMailFast } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PublicLayout } from '../../../app/PublicLayout';
import { FormError } from '../../../components/FormError';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ApiError } from '../../../lib/http';
import { useSessionStarted } from '../../identity/api/auth';
import { isTenantSuspended, SuspendedCompanyNotice } from '../../tenants/components/SuspendedCompanyNotice';
import { useSendPortalSignInLink } from '../api/portal';
import { useVerificationPreview, useVerify, type VerificationResult } from '../api/registration';
import { LinkUnusable } from './JoinPage';

/** Registered without being signed in (an account that also holds a staff role signs in itself). */
function Registered({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  const send = useSendPortalSignInLink();
  return (
    <Stack gap="md" align="center" ta="center" py="md" data-testid="verify-registered">
      <ThemeIcon size={72} radius="xl" variant="light" color="teal">
        <IconCircleCheck size={40} />
      </ThemeIcon>
      <Title order={1} fz={22}>
        {t('membership.verify.registeredTitle')}
      </Title>
      <Text size="sm">{t('membership.verify.registeredBody', { company: result.companyName })}</Text>
      {send.isSuccess ? (
        <Alert color="teal" icon={<IconMailFast size={18} />} role="status" ta="left" w="100%">
          <Text size="sm" className="kizuna-break">
            {t('membership.verify.linkSent', { email: result.email })}
          </Text>
        </Alert>
      ) : (
        <Button
          size="md"
          fullWidth
          maw={360}
          leftSection={<IconMailFast size={18} />}
          loading={send.isPending}
          onClick={() => send.mutate(result.email)}
        >
          {t('membership.verify.sendLink')}
        </Button>
      )}
      <FormError error={send.error} />
    </Stack>
  );
}

function Queued({ result }: { result: VerificationResult }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" align="center" ta="center" py="md" data-testid="verify-queued">
      <ThemeIcon size={72} radius="xl" variant="light" color="blue">
        <IconHourglass size={38} />
      </ThemeIcon>
      <Title order={1} fz={22}>
        {t('membership.verify.queuedTitle')}
      </Title>
      <Text size="sm" className="kizuna-break">
        {t('membership.verify.queuedBody', { company: result.companyName, email: result.email })}
      </Text>
    </Stack>
  );
}

/**
 * `/network/verify/:token`: the e-mailed link. Opening it only shows what it confirms (mail
 * scanners open links too); the person confirms with one button. Registered at once, the answer
 * signs them in and they go straight to the portal.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const preview = useVerificationPreview(token);
  const verify = useVerify(token);
  const sessionStarted = useSessionStarted();
  const navigate = useNavigate();
  const [entering, setEntering] = useState(false);

  const confirm = () =>
    verify.mutate(undefined, {
      onSuccess: async (result) => {
        if (!result.signedIn) return;
        setEntering(true);
        try {
          await sessionStarted();
          navigate('/portal', { replace: true, state: { registered: true } });
        } catch {
          setEntering(false); // the page shows the result and a sign-in link instead
        }
      },
    });

  const gone = [preview.error, verify.error].some(
    (e) => e instanceof ApiError && (e.status === 410 || e.status === 404),
  );
  let body: React.ReactNode;
  if (entering) body = <LoadingState />;
  else if (isTenantSuspended(preview.error, verify.error)) body = <SuspendedCompanyNotice />;
  else if (gone)
    body = (
      <LinkUnusable title={t('membership.verify.invalidTitle')} body={t('membership.verify.invalidBody')} />
    );
  else if (verify.data)
    body =
      verify.data.status === 'registered' ? (
        <Registered result={verify.data} />
      ) : (
        <Queued result={verify.data} />
      );
  else if (preview.isPending) body = <LoadingState />;
  else if (preview.isError || !preview.data)
    body = <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  else
    body = (
      <Stack gap="lg">
        <Stack gap="sm" align="center" ta="center">
          <ThemeIcon size={64} radius="xl" variant="light" color="grape">
            <IconMailCheck size={34} />
          </ThemeIcon>
          <Title order={1} fz={22}>
            {t('membership.verify.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('membership.verify.lead', { company: preview.data.companyName })}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('membership.verify.email')}
          </Text>
          <Text fw={600} className="kizuna-break">
            {preview.data.email}
          </Text>
          <Text size="xs" c="dimmed" mt={6}>
            {t('membership.verify.expiresAt')}: {formatDateTime(preview.data.expiresAt, locale)}
          </Text>
        </Stack>
        <FormError error={verify.error} />
        <Button size="md" fullWidth loading={verify.isPending} onClick={confirm}>
          {t('membership.verify.confirm')}
        </Button>
      </Stack>
    );

  return <PublicLayout wide>{body}</PublicLayout>;
}
