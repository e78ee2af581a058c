import { ActionIcon, Anchor, Button, Group, Menu, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAddressBook,
  IconDots,
  IconList,
  IconPencil,
  IconPlus,
  IconSend,
  IconTrash,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { DataTable } from '../../../components/DataTable';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { messageOf } from '../../../lib/http';
import { useCan } from '../../identity/api/me';
import { type Segment, segmentFilter, segmentListHref, useDeleteSegment, useSegments } from '../api/segments';
import { FilterSummary } from './FilterSummary';
import { InviteSegmentModal } from './InviteSegmentModal';
import { SegmentFormModal } from './SegmentFormModal';

/** Saved segments with their live counts: open, edit, delete. */
export function SegmentsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const canWrite = can('alumni:write');
  const segments = useSegments();
  const remove = useDeleteSegment();
  const [editing, setEditing] = useState<Segment | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<Segment | null>(null);
  const [inviting, setInviting] = useState<Segment | null>(null);

  const confirmDelete = () => {
    if (!deleting) return;
    const name = deleting.name;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: t('segments.deleteConfirm.done', { name }) });
        setDeleting(null);
      },
      onError: (error) => notifications.show({ color: 'red', message: messageOf(error) }),
    });
  };

  let body: ReactNode;
  if (segments.isPending) body = <LoadingState />;
  else if (segments.isError)
    body = <ErrorState error={segments.error} onRetry={() => void segments.refetch()} />;
  else if (segments.data.length === 0)
    body = (
      <Empty title={t('segments.emptyTitle')}>
        <Stack align="center" gap="sm">
          <Text size="sm" c="dimmed" ta="center" maw={460}>
            {t('segments.emptyBody')}
          </Text>
          <Button component={Link} to="/alumni" variant="default" leftSection={<IconAddressBook size={16} />}>
            {t('segments.openAlumni')}
          </Button>
        </Stack>
      </Empty>
    );
  else
    body = (
      <DataTable
        rows={segments.data}
        rowKey={(s) => s.id}
        testId="segment-row"
        actionsLabel={t('segments.actions')}
        columns={[
          {
            key: 'name',
            header: t('segments.columns.name'),
            cell: (s) => (
              <Anchor
                component={Link}
                to={segmentListHref(s.filter)}
                fw={600}
                size="sm"
                className="kizuna-break"
              >
                {s.name}
              </Anchor>
            ),
          },
          {
            key: 'conditions',
            header: t('segments.columns.conditions'),
            cell: (s) => <FilterSummary filter={segmentFilter(s.filter)} size="xs" />,
          },
          {
            key: 'count',
            header: t('segments.columns.count'),
            nowrap: true,
            align: 'right',
            cell: (s) => (
              <Text span fw={700} size="md" data-testid="segment-count">
                {t('segments.count', { count: s.count })}
              </Text>
            ),
          },
          {
            key: 'updatedAt',
            header: t('segments.columns.updatedAt'),
            nowrap: true,
            cell: (s) => formatDate(s.updatedAt, locale),
          },
        ]}
        actions={(s) => (
          <>
            <Button
              component={Link}
              to={segmentListHref(s.filter)}
              variant="light"
              size="xs"
              leftSection={<IconList size={14} />}
            >
              {t('segments.open')}
            </Button>
            {canWrite ? (
              <Menu position="bottom-end" withinPortal shadow="md">
                <Menu.Target>
                  <Tooltip label={t('segments.actions')} withArrow>
                    <ActionIcon
                      variant="default"
                      size="md"
                      aria-label={`${t('segments.actions')}: ${s.name}`}
                      data-testid="segment-menu"
                    >
                      <IconDots size={16} />
                    </ActionIcon>
                  </Tooltip>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    leftSection={<IconSend size={14} />}
                    onClick={() => setInviting(s)}
                    disabled={s.count === 0}
                  >
                    {t('segments.invite')}
                  </Menu.Item>
                  <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(s)}>
                    {t('segments.edit')}
                  </Menu.Item>
                  <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(s)}>
                    {t('segments.delete')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        )}
      />
    );

  return (
    <Stack gap="md">
      <PageHeader
        title={t('segments.title')}
        lead={t('segments.lead')}
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('segments.create')}
            </Button>
          ) : null
        }
      />
      {body}
      {canWrite && segments.data?.length ? (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            {t('segments.fromList')}
          </Text>
          <Anchor component={Link} to="/alumni" size="xs">
            {t('segments.openAlumni')}
          </Anchor>
        </Group>
      ) : null}
      <SegmentFormModal
        opened={creating || editing !== null}
        segment={editing ?? undefined}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <InviteSegmentModal segment={inviting} onClose={() => setInviting(null)} />
      <ConfirmModal
        opened={deleting !== null}
        title={t('segments.deleteConfirm.title')}
        body={t('segments.deleteConfirm.body', { name: deleting?.name ?? '' })}
        confirmLabel={t('segments.deleteConfirm.confirm')}
        color="red"
        loading={remove.isPending}
        onConfirm={confirmDelete}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
