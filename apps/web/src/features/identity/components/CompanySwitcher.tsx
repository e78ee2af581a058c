import { Badge, Group, Select, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { messageOf } from '../../../lib/http';
import { useTenants } from '../../tenants/api/tenants';
import { useCurrentMe, useSetActiveTenant } from '../api/me';

/**
 * The company the session acts in. A switcher when there is a choice: several memberships, or an
 * operator admin (who may open any company); otherwise just the name.
 */
export function CompanySwitcher({ fullWidth = false }: { fullWidth?: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const navigate = useNavigate();
  const isOperatorAdmin = me.operatorRole === 'operator_admin';
  const tenants = useTenants(isOperatorAdmin && me.permissions.includes('tenants:read'));
  const setActive = useSetActiveTenant();

  const options = isOperatorAdmin
    ? (tenants.data ?? []).map((tn) => ({ value: tn.id, label: tn.name }))
    : me.memberships.map((m) => ({ value: m.tenantId, label: m.tenantName }));
  const active = me.activeTenant;
  if (active && !options.some((o) => o.value === active.id))
    options.unshift({ value: active.id, label: active.name });

  const suspendedBadge =
    active?.status === 'suspended' ? (
      <Badge color="red" variant="light" size="sm">
        {t('tenants.statuses.suspended')}
      </Badge>
    ) : null;

  if (!isOperatorAdmin && me.memberships.length <= 1) {
    if (!active) return null;
    return (
      <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
        <IconBuilding size={18} color="var(--mantine-color-gray-6)" aria-hidden />
        <Text fw={600} size="sm" truncate="end" title={active.name}>
          {active.name}
        </Text>
        {suspendedBadge}
      </Group>
    );
  }

  const change = (tenantId: string | null) => {
    if (!tenantId || tenantId === active?.id) return;
    const name = options.find((o) => o.value === tenantId)?.label ?? '';
    setActive.mutate(tenantId, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('identity.header.switched', { name }) });
        navigate('/');
      },
      onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
    });
  };

  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <Select
        aria-label={t('identity.header.switchCompany')}
        placeholder={t('identity.header.noCompany')}
        data={options}
        value={active?.id ?? null}
        onChange={change}
        searchable={options.length > 6}
        nothingFoundMessage={t('tenants.empty')}
        allowDeselect={false}
        disabled={setActive.isPending}
        leftSection={<IconBuilding size={16} aria-hidden />}
        w={fullWidth ? '100%' : 260}
        comboboxProps={{ withinPortal: true, zIndex: 1100 }}
        checkIconPosition="right"
      />
      {suspendedBadge}
    </Group>
  );
}
