import {
  createInvitationSchema,
  type InvitableRole,
  type Invitation,
  invitableRoles,
  type StaffMember,
} from '@kizuna/contract';
import {
  Alert,
  Badge,
  Button,
  Card,
  Flex,
  Group,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailExclamation, IconMailForward, IconSend, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { DataTable } from '../../../components/DataTable';
import { FormError } from '../../../components/FormError';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ApiError, type FieldErrors, fieldErrorsOf, messageOf } from '../../../lib/http';
import { itemsOf } from '../../../lib/pages';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useCan, useCurrentMe } from '../api/me';
import {
  useChangeStaffRole,
  useInvitations,
  useInviteStaff,
  useRemoveStaff,
  useResendInvitation,
  useRevokeInvitation,
  useStaff,
} from '../api/staff';
import { StaffRoster } from './StaffRoster';

const statusColor: Record<Invitation['status'], string> = {
  pending: 'blue',
  accepted: 'teal',
  expired: 'gray',
  revoked: 'red',
};

function StaffTable({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const staff = useStaff();
  const changeRole = useChangeStaffRole();
  const remove = useRemoveStaff();
  if (staff.isPending) return <LoadingState />;
  if (staff.isError) return <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />;
  if (staff.data.length === 0) return <Empty title={t('identity.staff.empty')} />;
  const company = me.activeTenant?.name ?? '';
  return (
    <StaffRoster<StaffMember, InvitableRole>
      rows={staff.data}
      rowKey={(m) => m.membershipId}
      testId="staff-row"
      roles={invitableRoles}
      canChange={(m) => canManage && m.role !== 'alumnus'}
      since={{ header: t('identity.staff.joinedAt'), day: (m) => m.joinedAt }}
      changeRole={(m, role) => changeRole.mutateAsync({ membershipId: m.membershipId, role })}
      remove={(m) => remove.mutateAsync(m.membershipId)}
      removeBody={(m, isMe) =>
        isMe
          ? t('identity.staff.removeSelfBody', { company })
          : t('identity.staff.removeBody', { name: m.name, email: m.email, company })
      }
    />
  );
}

function InviteForm() {
  const { t } = useTranslation();
  const locale = useLocale();
  const invite = useInviteStaff();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InvitableRole>('company_staff');
  const [errors, setErrors] = useState<FieldErrors>({});
  /** The address whose invitation was created but whose e-mail could not be sent */
  const [notSent, setNotSent] = useState<string | null>(null);
  const pending = invite.error instanceof ApiError && invite.error.code === 'invitation_pending';
  const fieldErrors = { ...(pending ? {} : fieldErrorsOf(invite.error)), ...errors };

  const send = (replace: boolean) => {
    const found = validateWith(createInvitationSchema, { email, role }, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    const address = email.trim().toLowerCase();
    setNotSent(null);
    invite.mutate(
      { email: address, role, ...(replace ? { replace: true } : {}) },
      {
        onSuccess: ({ mailSent }) => {
          if (mailSent)
            notifications.show({ color: 'teal', message: t('identity.staff.invited', { email: address }) });
          else setNotSent(address);
          setEmail('');
        },
      },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(false);
  };

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="invite-title">
      <Stack gap="sm">
        <div>
          <Title order={2} fz="lg" id="invite-title">
            {t('identity.staff.invite')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('identity.staff.inviteLead')}
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
                label={t('identity.staff.email')}
                type="email"
                autoComplete="off"
                placeholder={t('identity.auth.emailPlaceholder')}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={fieldErrors.email}
                required
                style={{ flex: 2 }}
              />
              <Select
                label={t('identity.staff.role')}
                data={invitableRoles.map((r) => ({ value: r, label: t(`identity.roles.${r}`) }))}
                value={role}
                onChange={(v) => v && setRole(v as InvitableRole)}
                allowDeselect={false}
                error={fieldErrors.role}
                description={role === 'employee' ? t('identity.staff.employeeHint') : undefined}
                style={{ flex: 1 }}
              />
              <Button
                type="submit"
                loading={invite.isPending}
                leftSection={<IconSend size={16} />}
                mt={{ base: 4, sm: 25 }}
              >
                {t('identity.staff.sendInvite')}
              </Button>
            </Flex>
            {invite.error && !pending && !fieldErrorsOf(invite.error).email ? (
              <FormError error={invite.error} />
            ) : null}
            {pending ? (
              <Alert
                color="orange"
                variant="light"
                icon={<IconMailExclamation size={18} />}
                title={t('identity.staff.pendingTitle')}
                role="alert"
                data-testid="invitation-pending"
              >
                <Stack gap="sm">
                  <Text size="sm">{fieldErrorsOf(invite.error).email ?? messageOf(invite.error)}</Text>
                  <Group gap="xs">
                    <Button
                      size="xs"
                      leftSection={<IconMailForward size={14} />}
                      loading={invite.isPending}
                      onClick={() => send(true)}
                    >
                      {t('identity.staff.pendingReplace')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => invite.reset()}>
                      {t('identity.staff.pendingKeep')}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : null}
            {notSent ? (
              <Alert
                color="orange"
                variant="light"
                icon={<IconMailExclamation size={18} />}
                title={t('identity.staff.notSentTitle')}
                role="alert"
                withCloseButton
                closeButtonLabel={t('common.close')}
                onClose={() => setNotSent(null)}
                data-testid="invitation-not-sent"
              >
                {t('identity.staff.notSentBody', { email: notSent })}
              </Alert>
            ) : null}
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
  const rows = itemsOf(invitations.data);
  if (rows.length === 0) return <Empty title={t('identity.staff.invitationsEmpty')} />;

  const onResend = (inv: Invitation) =>
    resend.mutate(inv.id, {
      onSuccess: ({ mailSent }) =>
        mailSent
          ? notifications.show({ color: 'teal', message: t('identity.staff.resent', { email: inv.email }) })
          : notifications.show({
              color: 'orange',
              autoClose: false,
              message: t('identity.staff.resendNotSent', { email: inv.email }),
            }),
      onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
    });
  const onRevoke = () => {
    if (!revoking) return;
    const inv = revoking;
    revoke.mutate(inv.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('identity.staff.revoked', { email: inv.email }) });
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
      <DataTable
        rows={rows}
        rowKey={(inv) => inv.id}
        testId="invitation-row"
        actionsLabel={t('tenants.actions')}
        columns={[
          {
            key: 'email',
            header: t('identity.staff.email'),
            cell: (inv) => (
              <Text fw={500} size="sm" className="kizuna-break">
                {inv.email}
              </Text>
            ),
          },
          {
            key: 'role',
            header: t('identity.staff.role'),
            nowrap: true,
            cell: (inv) => t(`identity.roles.${inv.role}`),
          },
          {
            key: 'status',
            header: t('identity.staff.status'),
            nowrap: true,
            cell: (inv) => (
              <Badge variant="light" color={statusColor[inv.status]}>
                {t(`identity.staff.statuses.${inv.status}`)}
              </Badge>
            ),
          },
          {
            key: 'invitedBy',
            header: t('identity.staff.invitedBy'),
            nowrap: true,
            cell: (inv) => inv.invitedByName ?? t('common.none'),
          },
          {
            key: 'createdAt',
            header: t('identity.staff.createdAt'),
            nowrap: true,
            cell: (inv) => formatDateTime(inv.createdAt, locale),
          },
          {
            key: 'expiresAt',
            header: t('identity.staff.expiresAt'),
            nowrap: true,
            cell: (inv) => formatDateTime(inv.expiresAt, locale),
          },
        ]}
        actions={(inv) =>
          inv.status === 'pending' || inv.status === 'expired' ? (
            <>
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconMailForward size={14} />}
                loading={resend.isPending && resend.variables === inv.id}
                disabled={resend.isPending}
                onClick={() => onResend(inv)}
              >
                {t('identity.staff.resend')}
              </Button>
              {inv.status === 'pending' ? (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  leftSection={<IconX size={14} />}
                  onClick={() => setRevoking(inv)}
                >
                  {t('identity.staff.revoke')}
                </Button>
              ) : null}
            </>
          ) : null
        }
      />
      {invitations.hasNextPage ? <LoadMore pages={invitations} endLabel="" /> : null}
      <ConfirmModal
        opened={revoking !== null}
        title={t('identity.staff.revokeTitle')}
        body={t('identity.staff.revokeBody', { email: revoking?.email ?? '' })}
        confirmLabel={t('identity.staff.revoke')}
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
  const canManage = can('staff:manage');
  const company = me.activeTenant?.name ?? '';
  return (
    <Stack gap="xl">
      <PageHeader
        title={canInvite ? t('identity.staff.title') : t('identity.staff.titleStaffOnly')}
        lead={t(canInvite ? 'identity.staff.lead' : 'identity.staff.leadStaffOnly', { company })}
      />
      {canInvite ? <InviteForm /> : null}
      <Stack gap="sm" component="section">
        <Title order={2} fz="lg">
          {t('identity.staff.members')}
        </Title>
        <StaffTable canManage={canManage} />
      </Stack>
      {canInvite ? (
        <Stack gap="sm" component="section">
          <Title order={2} fz="lg">
            {t('identity.staff.invitations')}
          </Title>
          <InvitationsTable />
        </Stack>
      ) : null}
    </Stack>
  );
}
