import { segmentInvitationResultSchema } from '@kizuna/contract';
import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailExclamation, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/FormError';
import { LoadingState } from '../../../components/QueryState';
import { useInviteSegment, useSegmentInvitationPreview } from '../api/segment-invitations';
import type { Segment } from '../api/segments';

/** Why someone in the segment is left out, in the contract's order. */
const skipReasons = segmentInvitationResultSchema.shape.skipped.keyof().options;

/**
 * "Invite this segment": first a dry run says how many would be invited and who is left out
 * (and why), then one confirmation sends the invitations.
 */
export function InviteSegmentModal({ segment, onClose }: { segment: Segment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const preview = useSegmentInvitationPreview(segment?.id ?? null);
  const invite = useInviteSegment();
  const count = preview.data?.invited ?? 0;
  const name = segment?.name ?? '';

  const confirm = () => {
    if (!segment) return;
    invite.mutate(segment.id, {
      onSuccess: (result) => {
        notifications.show({
          color: 'teal',
          message: t('segments.inviteConfirm.done', { count: result.invited }),
        });
        if (result.mailNotSent > 0)
          notifications.show({
            color: 'orange',
            icon: <IconMailExclamation size={18} />,
            autoClose: false,
            message: t('segments.inviteConfirm.notSent', { count: result.mailNotSent }),
          });
        onClose();
      },
    });
  };

  const skipped = preview.data ? skipReasons.filter((r) => (preview.data.skipped[r] ?? 0) > 0) : [];

  return (
    <Modal
      opened={segment !== null}
      onClose={() => {
        invite.reset();
        onClose();
      }}
      title={t('segments.inviteConfirm.title')}
      centered
    >
      {preview.isPending ? (
        <LoadingState label={t('segments.inviteConfirm.counting')} />
      ) : preview.isError ? (
        <FormError error={preview.error} />
      ) : (
        <Stack gap="md" data-testid="invite-segment">
          <Text size="sm">
            {count > 0
              ? t('segments.inviteConfirm.body', { count, name })
              : t('segments.inviteConfirm.nobody', { name })}
          </Text>
          {skipped.length > 0 ? (
            <Alert color="gray" variant="light" title={t('segments.inviteConfirm.skippedTitle')}>
              <List size="sm" spacing={2}>
                {skipped.map((r) => (
                  <List.Item key={r}>
                    {t(`segments.inviteConfirm.skipped.${r}`)}:{' '}
                    {t('segments.inviteConfirm.people', { count: preview.data.skipped[r] })}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ) : null}
          <FormError error={invite.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={invite.isPending}>
              {t('common.cancel')}
            </Button>
            {count > 0 ? (
              <Button
                leftSection={<IconSend size={16} />}
                loading={invite.isPending}
                onClick={confirm}
                data-testid="invite-segment-confirm"
              >
                {t('segments.inviteConfirm.confirm', { count })}
              </Button>
            ) : null}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
