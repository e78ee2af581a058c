import {
  createInvitationSchema,
  type InvitableRole,
  type Invitation,
  invitableRoles,
} from '@kizuna/contract';
import {
  Badge,
  Button,
  Card,
  Flex,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward, IconSend, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { type FieldErrors, fieldErrorsOf, messageOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useCan, useCurrentMe } from '../api/me';
import {
  useInvitations,
  useInviteStaff,
  useResendInvitation,
  useRevokeInvitation,
  useStaff,
} from '../api/staff';

const statusColor: Record<Invitation['status'], string> = {
  pending: 'blue',
  accepted: 'teal',
  expired: 'gray',
  revoked: 'red',
};

function StaffTable() {
  const { t } = useTranslation();
  const locale = useLocale();
  const staff = useStaff();
  if (staff.isPending) return <LoadingState />;
  if (staff.isError) return <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />;
  if (staff.data.length === 0) return <Empty title={t('staff.empty')} />;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('staff.name')}</Table.Th>
            <Table.Th>{t('staff.email')}</Table.Th>
            <Table.Th>{t('staff.role')}</Table.Th>
            <Table.Th>{t('staff.joinedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {staff.data.map((m) => (
            <Table.Tr key={m.membershipId}>
              <Table.Td fw={500}>{m.name}</Table.Td>
              <Table.Td>{m.email}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={m.role === 'company_admin' ? 'grape' : 'blue'}>
                  {t(`roles.${m.role}`)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(m.joinedAt, locale)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const invite = useInviteStaff();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>('company_staff');
  const [errors, setErrors] = useState<FieldErrors>({});
  const fieldErrors = { ...fieldErrorsOf(invite.error), ...errors };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWith(createInvitationSchema, { email, role }, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    const address = email.trim().toLowerCase();
    invite.mutate(
      { email: address, role },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('staff.invited', { email: address }) });
          setEmail('');
        },
      },
    );
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="invite-title">
      <Stack gap="sm">
        <div>
          <Title order={2} fz="lg" id="invite-title">
            {t('staff.invite')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('staff.inviteLead')}
          </Text>
        </div>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Flex
              gap="sm"
              direction={{ base: 'column', sm: 'row' }}
              align={{ base: 'stretch', sm: 'flex-start' }}
            >
              <TextInput
                label={t('staff.email')}
                type="email"
                autoComplete="off"
                placeholder={t('auth.emailPlaceholder')}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fieldErrors.email}
                required
                style={{ flex: 2 }}
              />
              <Select
                label={t('staff.role')}
                data={invitableRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                value={role}
                onChange={(v) => v && setRole(v as InvitableRole)}
                allowDeselect={false}
                error={fieldErrors.role}
                style={{ flex: 1 }}
              />
              <Button
                type="submit"
                loading={invite.isPending}
                leftSection={<IconSend size={16} />}
                mt={{ base: 4, sm: 25 }}
              >
                {t('staff.sendInvite')}
              </Button>
            </Flex>
            {invite.error && !fieldErrorsOf(invite.error).email ? <FormError error={invite.error} /> : null}
          </Stack>
        </form>
      </Stack>
    </Card>
  );
}

function InvitationsTable() {
  const { t } = useTranslation();
  const locale = useLocale();
  const invitations = useInvitations(true);
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  if (invitations.isPending) return <LoadingState />;
  if (invitations.isError)
    return <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />;
  if (invitations.data.length === 0) return <Empty title={t('staff.invitationsEmpty')} />;

  const onResend = (inv: Invitation) =>
    resend.mutate(inv.id, {
      onSuccess: () =>
        notifications.show({ color: 'teal', message: t('staff.resent', { email: inv.email }) }),
      onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
    });
  const onRevoke = () => {
    if (!revoking) return;
    const inv = revoking;
    revoke.mutate(inv.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('staff.revoked', { email: inv.email }) });
        setRevoking(null);
      },
      onError: (error) => {
        notifications.show({ color: 'red', message: messageOf(error) });
        setRevoking(null);
      },
    });
  };

  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('staff.email')}</Table.Th>
              <Table.Th>{t('staff.role')}</Table.Th>
              <Table.Th>{t('staff.status')}</Table.Th>
              <Table.Th>{t('staff.invitedBy')}</Table.Th>
              <Table.Th>{t('staff.createdAt')}</Table.Th>
              <Table.Th>{t('staff.expiresAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invitations.data.map((inv) => (
              <Table.Tr key={inv.id} data-testid="invitation-row">
                <Table.Td fw={500}>{inv.email}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`roles.${inv.role}`)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={statusColor[inv.status]}>
                    {t(`staff.statuses.${inv.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{inv.invitedByName ?? t('common.none')}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(inv.createdAt, locale)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(inv.expiresAt, locale)}</Table.Td>
                <Table.Td>
                  {inv.status === 'pending' || inv.status === 'expired' ? (
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button
                        size="compact-sm"
                        variant="light"
                        leftSection={<IconMailForward size={14} />}
                        loading={resend.isPending && resend.variables === inv.id}
                        disabled={resend.isPending}
                        onClick={() => onResend(inv)}
                      >
                        {t('staff.resend')}
                      </Button>
                      {inv.status === 'pending' ? (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          leftSection={<IconX size={14} />}
                          onClick={() => setRevoking(inv)}
                        >
                          {t('staff.revoke')}
                        </Button>
                      ) : null}
                    </Group>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={revoking !== null}
        title={t('staff.revokeTitle')}
        body={t('staff.revokeBody', { email: revoking?.email ?? '' })}
        confirmLabel={t('staff.revoke')}
        color="red"
        loading={revoke.isPending}
        onConfirm={onRevoke}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}

export function StaffPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const can = useCan();
  const canInvite = can('staff:invite');
  const company = me.activeTenant?.name ?? '';
  return (
    <Stack gap="xl">
      <PageHeader
        title={canInvite ? t('staff.title') : t('staff.titleStaffOnly')}
        lead={t('staff.lead', { company })}
      />
      {canInvite ? <InviteForm /> : null}
      <Stack gap="sm" component="section">
        <Title order={2} fz="lg">
          {t('staff.members')}
        </Title>
        <StaffTable />
      </Stack>
      {canInvite ? (
        <Stack gap="sm" component="section">
          <Title order={2} fz="lg">
            {t('staff.invitations')}
          </Title>
          <InvitationsTable />
        </Stack>
      ) : null}
    </Stack>
  );
}
