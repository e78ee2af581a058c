import { type OperatorRole, type OperatorStaffMember, operatorRoles } from '@kizuna/contract';
import { Alert, Stack, Text } from '@mantine/core';
import { IconTerminal2 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { useChangeOperatorStaffRole, useOperatorStaff, useRemoveOperatorStaff } from '../api/staff';
import { StaffRoster } from './StaffRoster';

/** Operator admins manage the operator's own staff: roles and removal (never the last operator admin). */
export function OperatorStaffPage() {
  const { t } = useTranslation();
  const staff = useOperatorStaff();
  const changeRole = useChangeOperatorStaffRole();
  const remove = useRemoveOperatorStaff();

  let body: ReactNode;
  if (staff.isPending) body = <LoadingState />;
  else if (staff.isError) body = <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />;
  else if (staff.data.length === 0) body = <Empty title={t('identity.operatorStaff.empty')} />;
  else
    body = (
      <StaffRoster<OperatorStaffMember, OperatorRole>
        rows={staff.data}
        rowKey={(m) => m.userId}
        testId="operator-staff-row"
        roles={operatorRoles}
        canChange={() => true}
        since={{ header: t('identity.operatorStaff.since'), day: (m) => m.since }}
        changeRole={(m, role) => changeRole.mutateAsync({ userId: m.userId, role })}
        remove={(m) => remove.mutateAsync(m.userId)}
        removeBody={(m) => t('identity.operatorStaff.removeBody', { name: m.name, email: m.email })}
      />
    );

  return (
    <Stack gap="lg">
      <PageHeader title={t('identity.operatorStaff.title')} lead={t('identity.operatorStaff.lead')} />
      {body}
      <Alert variant="light" color="gray" icon={<IconTerminal2 size={18} />}>
        <Text size="sm" className="kizuna-break">
          {t('identity.operatorStaff.howToAdd')}
        </Text>
      </Alert>
    </Stack>
  );
}
