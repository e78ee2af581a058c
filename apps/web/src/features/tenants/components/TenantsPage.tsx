import type { Tenant } from '@kizuna/contract';
import { ActionIcon, Badge, Button, Menu, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconDoorEnter,
  IconDotsVertical,
  IconPencil,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { DataTable } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { messageOf } from '../../../lib/http';
import { useCan, useMe, useSetActiveTenant } from '../../identity/api/me';
import { useTenants, useUpdateTenant } from '../api/tenants';
import { CreateTenantModal, EditTenantModal } from './TenantForm';

export function TenantsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('tenants:manage');
  const me = useMe();
  const tenants = useTenants();
  const update = useUpdateTenant();
  const open = useSetActiveTenant();
  const [creating, { open: startCreate, close: stopCreate }] = useDisclosure(false);
  const [editing, setEditing] = useState<Tenant | null>(null);
  const [toggling, setToggling] = useState<Tenant | null>(null);

  const openCompany = (tenant: Tenant) =>
    open.mutate(tenant.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('tenants.opened', { name: tenant.name }) });
        navigate('/');
      },
      onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
    });

  const confirmToggle = () => {
    if (!toggling) return;
    const tenant = toggling;
    const status = tenant.status === 'active' ? 'suspended' : 'active';
    update.mutate(
      { id: tenant.id, status },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t(status === 'suspended' ? 'tenants.suspended' : 'tenants.reactivated', {
              name: tenant.name,
            }),
          });
          setToggling(null);
        },
        onError: (error) => {
          notifications.show({ color: 'red', message: messageOf(error) });
          setToggling(null);
        },
      },
    );
  };

  let body: React.ReactNode;
  if (tenants.isPending) body = <LoadingState />;
  else if (tenants.isError)
    body = <ErrorState error={tenants.error} onRetry={() => void tenants.refetch()} />;
  else if (tenants.data.length === 0) body = <Empty title={t('tenants.empty')} />;
  else
    body = (
      <DataTable
        rows={tenants.data}
        rowKey={(tenant) => tenant.id}
        testId="tenant-row"
        actionsLabel={t('tenants.actions')}
        columns={[
          {
            key: 'name',
            header: t('tenants.name'),
            cell: (tenant) => (
              <Text fw={600} size="sm" className="kizuna-break">
                {tenant.name}
              </Text>
            ),
          },
          {
            key: 'slug',
            header: t('tenants.slug'),
            cell: (tenant) => (
              <Text size="sm" ff="monospace" component="span">
                {tenant.slug}
              </Text>
            ),
          },
          {
            key: 'model',
            header: t('tenants.operatingModel'),
            nowrap: true,
            cell: (tenant) => t(`tenants.models.${tenant.operatingModel}`),
          },
          {
            key: 'status',
            header: t('tenants.status'),
            nowrap: true,
            cell: (tenant) => (
              <Badge variant="light" color={tenant.status === 'active' ? 'teal' : 'red'}>
                {t(`tenants.statuses.${tenant.status}`)}
              </Badge>
            ),
          },
          {
            key: 'members',
            header: t('tenants.memberCount'),
            align: 'right',
            nowrap: true,
            cell: (tenant) => tenant.memberCount.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US'),
          },
          {
            key: 'createdAt',
            header: t('tenants.createdAt'),
            nowrap: true,
            cell: (tenant) => formatDate(tenant.createdAt, locale),
          },
        ]}
        actions={(tenant) => (
          <>
            <Button
              size="compact-sm"
              variant={me.data?.activeTenant?.id === tenant.id ? 'filled' : 'light'}
              leftSection={<IconDoorEnter size={14} />}
              onClick={() => openCompany(tenant)}
              loading={open.isPending && open.variables === tenant.id}
              disabled={open.isPending}
            >
              {t('tenants.open')}
            </Button>
            {canManage ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`${t('tenants.moreActions')}: ${tenant.name}`}
                  >
                    <IconDotsVertical size={16} />
                  </ActionIcon>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(tenant)}>
                    {t('tenants.edit')}
                  </Menu.Item>
                  {tenant.status === 'active' ? (
                    <Menu.Item
                      color="red"
                      leftSection={<IconPlayerPause size={14} />}
                      onClick={() => setToggling(tenant)}
                    >
                      {t('tenants.suspend')}
                    </Menu.Item>
                  ) : (
                    <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => setToggling(tenant)}>
                      {t('tenants.reactivate')}
                    </Menu.Item>
                  )}
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        )}
      />
    );

  const suspending = toggling?.status === 'active';
  return (
    <Stack gap="md">
      <PageHeader
        title={t('tenants.title')}
        lead={t('tenants.lead')}
        actions={
          canManage ? (
            <Button leftSection={<IconPlus size={16} />} onClick={startCreate}>
              {t('tenants.create')}
            </Button>
          ) : null
        }
      />
      {body}
      <CreateTenantModal opened={creating} onClose={stopCreate} />
      <EditTenantModal tenant={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={toggling !== null}
        title={suspending ? t('tenants.suspendTitle') : t('tenants.reactivateTitle')}
        body={t(suspending ? 'tenants.suspendBody' : 'tenants.reactivateBody', {
          name: toggling?.name ?? '',
        })}
        confirmLabel={suspending ? t('tenants.suspend') : t('tenants.reactivate')}
        color={suspending ? 'red' : undefined}
        loading={update.isPending}
        onConfirm={confirmToggle}
        onClose={() => setToggling(null)}
      />
    </Stack>
  );
}
