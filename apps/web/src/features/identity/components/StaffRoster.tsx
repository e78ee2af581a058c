import { Badge, Button, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserMinus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { DataTable } from '../../../components/DataTable';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { messageOf } from '../../../lib/http';
import { ME_KEY, useCurrentMe } from '../api/me';

/**
 * After a change that ended one's own sessions (one's own role changed, or oneself removed): what
 * was cached belonged to the ended session; the sign-in page says why.
 */
function useSignedOutBySelfChange() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return () => {
    queryClient.clear();
    queryClient.setQueryData(ME_KEY, null);
    notifications.show({ color: 'orange', autoClose: false, message: t('identity.staff.signedOutSelf') });
    navigate('/sign-in', { replace: true });
  };
}

const roleColor = (role: string) =>
  role === 'company_admin' || role === 'operator_admin' ? 'grape' : role === 'employee' ? 'gray' : 'blue';

interface RosterMember {
  userId: string;
  name: string;
  email: string;
  role: string;
}

/**
 * A list of people with a role: a company's staff or the operator's. Where `canChange` allows, the
 * role is a select and each row can be removed, each after a confirmation; the person's sessions
 * end on the server, and a change to oneself signs one out here too.
 */
export function StaffRoster<M extends RosterMember, R extends string>({
  rows,
  rowKey,
  testId,
  roles,
  canChange,
  since,
  changeRole,
  remove,
  removeBody,
}: {
  rows: M[];
  rowKey: (m: M) => string;
  testId: string;
  roles: readonly R[];
  /** Whether the signed-in user may change this person's role and remove them. */
  canChange: (m: M) => boolean;
  /** The date column: its header and each person's day (ISO). */
  since: { header: string; day: (m: M) => string };
  changeRole: (m: M, role: R) => Promise<unknown>;
  remove: (m: M) => Promise<unknown>;
  /** The removal's confirmation text (who, and what they lose). */
  removeBody: (m: M, isMe: boolean) => string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useCurrentMe();
  const signedOut = useSignedOutBySelfChange();
  const [changing, setChanging] = useState<{ member: M; role: R } | null>(null);
  const [removing, setRemoving] = useState<M | null>(null);
  const [busy, setBusy] = useState(false);
  const isMe = (m: M) => m.userId === me.user.id;

  /** Runs a confirmed change; `done` says what happened to someone else. */
  const run = async (member: M, change: Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await change;
      if (isMe(member)) return signedOut();
      notifications.show({ color: 'teal', message: done });
    } catch (error) {
      notifications.show({ color: 'red', autoClose: false, message: messageOf(error) });
    } finally {
      setBusy(false);
      setChanging(null);
      setRemoving(null);
    }
  };
  const onChangeRole = () => {
    if (!changing) return;
    const { member, role } = changing;
    void run(
      member,
      changeRole(member, role),
      t('identity.staff.roleChanged', { name: member.name, role: t(`identity.roles.${role}`) }),
    );
  };
  const onRemove = () => {
    if (!removing) return;
    void run(removing, remove(removing), t('identity.staff.removed', { name: removing.name }));
  };
  const anyChangeable = rows.some(canChange);

  return (
    <>
      <DataTable
        rows={rows}
        rowKey={rowKey}
        testId={testId}
        actionsLabel={t('identity.staff.actions')}
        columns={[
          {
            key: 'name',
            header: t('identity.staff.name'),
            cell: (m) => (
              <Text fw={500} size="sm">
                {m.name}
                {isMe(m) ? (
                  <Text span c="dimmed" size="xs" ml={6}>
                    （{t('identity.staff.you')}）
                  </Text>
                ) : null}
              </Text>
            ),
          },
          {
            key: 'email',
            header: t('identity.staff.email'),
            cell: (m) => (
              <Text size="sm" className="kizuna-break">
                {m.email}
              </Text>
            ),
          },
          {
            key: 'role',
            header: t('identity.staff.role'),
            nowrap: true,
            cell: (m) =>
              canChange(m) ? (
                <Select
                  size="xs"
                  w={150}
                  aria-label={t('identity.staff.changeRole', { name: m.name })}
                  data={roles.map((r) => ({ value: r, label: t(`identity.roles.${r}`) }))}
                  value={m.role}
                  allowDeselect={false}
                  onChange={(v) => v && v !== m.role && setChanging({ member: m, role: v as R })}
                />
              ) : (
                <Badge variant="light" color={roleColor(m.role)}>
                  {t(`identity.roles.${m.role}`)}
                </Badge>
              ),
          },
          {
            key: 'since',
            header: since.header,
            nowrap: true,
            cell: (m) => formatDate(since.day(m), locale),
          },
        ]}
        actions={
          anyChangeable
            ? (m) =>
                canChange(m) ? (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    leftSection={<IconUserMinus size={14} />}
                    onClick={() => setRemoving(m)}
                  >
                    {t('identity.staff.remove')}
                  </Button>
                ) : null
            : undefined
        }
      />
      <ConfirmModal
        opened={changing !== null}
        title={t('identity.staff.changeRoleTitle')}
        body={
          changing
            ? t('identity.staff.changeRoleBody', {
                name: changing.member.name,
                from: t(`identity.roles.${changing.member.role}`),
                to: t(`identity.roles.${changing.role}`),
              })
            : ''
        }
        confirmLabel={t('identity.staff.changeRoleConfirm')}
        loading={busy}
        onConfirm={onChangeRole}
        onClose={() => setChanging(null)}
      />
      <ConfirmModal
        opened={removing !== null}
        title={t('identity.staff.removeTitle')}
        body={removing ? removeBody(removing, isMe(removing)) : ''}
        confirmLabel={t('identity.staff.remove')}
        color="red"
        loading={busy}
        onConfirm={onRemove}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
