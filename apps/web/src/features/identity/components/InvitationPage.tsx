import { passwordSchema, personNameSchema } from '@kizuna/contract';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconMailOpened } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { PublicLayout } from '../../../app/PublicLayout';
import { FormError } from '../../../components/FormError';
import { LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { type FieldErrors, messageOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { isTenantSuspended, SuspendedCompanyNotice } from '../../tenants/components/SuspendedCompanyNotice';
import { useSignIn } from '../api/auth';
import { useMe } from '../api/me';
import { useAcceptInvitation, useInvitationPreview } from '../api/staff';

const newAccountSchema = z.object({ name: personNameSchema, password: passwordSchema });

/** Where the invitation e-mail's link lands: shows the company and role, then joins. */
export function InvitationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { token = '' } = useParams();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation(token);
  const signIn = useSignIn();
  const me = useMe();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  if (preview.isPending)
    return (
      <PublicLayout wide>
        <LoadingState />
      </PublicLayout>
    );

  if (isTenantSuspended(preview.error, accept.error))
    return (
      <PublicLayout wide>
        <SuspendedCompanyNotice />
      </PublicLayout>
    );

  if (preview.isError)
    return (
      <PublicLayout wide>
        <Stack gap="lg">
          <Title order={1} fz={22}>
            {t('identity.invitation.invalidTitle')}
          </Title>
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="alert">
            {messageOf(preview.error)}
          </Alert>
          <Anchor component={Link} to="/" size="sm">
            {me.data ? t('pages.backHome') : t('pages.goSignIn')}
          </Anchor>
        </Stack>
      </PublicLayout>
    );

  const invitation = preview.data;
  const company = invitation.tenantName;
  const serverErrors = accept.error && 'fields' in accept.error ? (accept.error.fields as FieldErrors) : {};
  const fieldError = (field: string) => errors[field] ?? serverErrors[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!invitation.hasAccount) {
      const found = validateWith(newAccountSchema, { name, password }, locale);
      setErrors(found);
      if (hasErrors(found)) return;
    }
    accept.mutate(invitation.hasAccount ? {} : { name: name.trim(), password }, {
      onSuccess: async (result) => {
        if (!invitation.hasAccount) {
          // the new member signs in with the password just chosen
          signIn.mutate(
            { email: result.email, password },
            {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: t('identity.invitation.joined', { company }) });
                navigate('/', { replace: true });
              },
              onError: () => navigate('/sign-in', { replace: true }),
            },
          );
          return;
        }
        if (me.data?.user.email === result.email) {
          await me.refetch();
          notifications.show({ color: 'teal', message: t('identity.invitation.joined', { company }) });
          navigate('/', { replace: true });
        } else {
          notifications.show({
            color: 'teal',
            message: t('identity.invitation.joinedSignIn', { company }),
            autoClose: 8000,
          });
          navigate('/sign-in', { replace: true });
        }
      },
    });
  };

  const busy = accept.isPending || signIn.isPending;

  return (
    <PublicLayout wide>
      <Stack gap="lg">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconMailOpened
            size={32}
            color="var(--mantine-color-grape-6)"
            aria-hidden
            style={{ flexShrink: 0 }}
          />
          <Stack gap={4} style={{ minWidth: 0 }}>
            <Title order={1} fz={22}>
              {t('identity.invitation.title')}
            </Title>
            <Text size="sm">
              {t('identity.invitation.lead', {
                company,
                role:
                  locale === 'en'
                    ? t(`identity.roles.${invitation.role}`).toLowerCase()
                    : t(`identity.roles.${invitation.role}`),
              })}
            </Text>
          </Stack>
        </Group>
        <Table variant="vertical" layout="fixed" withTableBorder>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={{ base: 128, sm: 150 }}>{t('identity.invitation.company')}</Table.Th>
              <Table.Td className="kizuna-break" fw={600}>
                {company}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('identity.invitation.role')}</Table.Th>
              <Table.Td>
                <Badge variant="light">{t(`identity.roles.${invitation.role}`)}</Badge>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('identity.invitation.email')}</Table.Th>
              <Table.Td className="kizuna-break">{invitation.email}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('identity.invitation.expiresAt')}</Table.Th>
              <Table.Td>{formatDateTime(invitation.expiresAt, locale)}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {invitation.hasAccount ? (
              <Text size="sm">{t('identity.invitation.hasAccountLead', { company })}</Text>
            ) : (
              <>
                <TextInput
                  label={t('identity.invitation.name')}
                  placeholder={t('identity.invitation.namePlaceholder')}
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={fieldError('name')}
                  required
                />
                <PasswordInput
                  label={t('identity.invitation.password')}
                  description={t('identity.invitation.passwordHint')}
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldError('password')}
                  required
                />
              </>
            )}
            <FormError error={accept.error ?? signIn.error} />
            <Button type="submit" fullWidth loading={busy}>
              {invitation.hasAccount ? t('identity.invitation.join') : t('identity.invitation.createAndJoin')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  );
}
