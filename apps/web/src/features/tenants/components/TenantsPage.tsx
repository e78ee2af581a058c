import type { Tenant } from '@kizuna/contract';
import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Text } from '@mantine/core';
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
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('tenants.name')}</Table.Th>
              <Table.Th>{t('tenants.slug')}</Table.Th>
              <Table.Th>{t('tenants.operatingModel')}</Table.Th>
              <Table.Th>{t('tenants.status')}</Table.Th>
              <Table.Th ta="right">{t('tenants.memberCount')}</Table.Th>
              <Table.Th>{t('tenants.createdAt')}</Table.Th>
              <Table.Th>
                <span className="mantine-visually-hidden">{t('tenants.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tenants.data.map((tenant) => {
              const isActive = me.data?.activeTenant?.id === tenant.id;
              return (
                <Table.Tr key={tenant.id} data-testid="tenant-row">
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {tenant.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {tenant.slug}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {t(`tenants.models.${tenant.operatingModel}`)}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={tenant.status === 'active' ? 'teal' : 'red'}>
                      {t(`tenants.statuses.${tenant.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    {tenant.memberCount.toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-US')}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(tenant.createdAt, locale)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button
                        size="compact-sm"
                        variant={isActive ? 'filled' : 'light'}
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
                            <Menu.Item
                              leftSection={<IconPencil size={14} />}
                              onClick={() => setEditing(tenant)}
                            >
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
                              <Menu.Item
                                leftSection={<IconPlayerPlay size={14} />}
                                onClick={() => setToggling(tenant)}
                              >
                                {t('tenants.reactivate')}
                              </Menu.Item>
                            )}
                          </Menu.Dropdown>
                        </Menu>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
