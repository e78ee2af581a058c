import { ownDataFormats } from '@kizuna/contract';
import { Box, Button, Card, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet, IconTrash } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormError } from '../../../components/FormError';
import { type OwnDataFormat, ownDataUrl, type PortalMe, useRequestDeletion } from '../api/portal';

const formatIcon: Record<OwnDataFormat, ReactNode> = {
  json: <IconDownload size={18} />,
  csv: <IconFileSpreadsheet size={18} />,
};

const normalize = (email: string) => email.trim().toLowerCase();

/** Deletion on request: the member types their own e-mail address to confirm, then is signed out. */
function DeletionModal({ me, opened, onClose }: { me: PortalMe; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const deletion = useRequestDeletion();
  const [typed, setTyped] = useState('');
  const [touched, setTouched] = useState(false);
  const matches = me.email ? normalize(typed) === normalize(me.email) : typed.trim().length > 0;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!matches) return;
    deletion.mutate(typed.trim(), { onSuccess: () => navigate('/portal/deleted', { replace: true }) });
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('membership.portal.data.deleteConfirmTitle')}
      centered
      radius="md"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" className="kizuna-break">
            {t('membership.portal.data.deleteConfirmBody', { email: me.email ?? '' })}
          </Text>
          <TextInput
            label={t('membership.portal.data.deleteConfirmLabel')}
            type="email"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            onBlur={() => setTouched(typed.length > 0)}
            error={touched && !matches ? t('membership.portal.data.deleteConfirmMismatch') : undefined}
            data-autofocus
            data-testid="deletion-confirm-email"
          />
          <FormError error={deletion.error} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={deletion.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" disabled={!matches} loading={deletion.isPending}>
              {t('membership.portal.data.deleteConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** My data: download it (JSON, CSV) and ask for its deletion. */
export function DataSection({ me }: { me: PortalMe }) {
  const { t } = useTranslation();
  const [deleting, setDeleting] = useState(false);
  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="lg">
        <Stack gap="md">
          <Box>
            <Title order={2} fz="lg">
              {t('membership.portal.data.downloadTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('membership.portal.data.downloadLead')}
            </Text>
          </Box>
          <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
            {ownDataFormats.map((format) => (
              <Button
                key={format}
                component="a"
                href={ownDataUrl(format)}
                download
                variant="light"
                size="md"
                leftSection={formatIcon[format]}
                data-testid={`download-${format}`}
              >
                {t(`membership.portal.data.${format}`)}
              </Button>
            ))}
          </Group>
        </Stack>
      </Card>
      <Card withBorder radius="md" padding="lg" style={{ borderColor: 'var(--mantine-color-red-3)' }}>
        <Stack gap="md">
          <Box>
            <Title order={2} fz="lg" c="red.8">
              {t('membership.portal.data.deleteTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('membership.portal.data.deleteLead')}
            </Text>
          </Box>
          <Button
            color="red"
            variant="outline"
            size="md"
            leftSection={<IconTrash size={18} />}
            onClick={() => setDeleting(true)}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('membership.portal.data.deleteAction')}
          </Button>
        </Stack>
      </Card>
      {deleting ? <DeletionModal me={me} opened onClose={() => setDeleting(false)} /> : null}
    </Stack>
  );
}
