import {
  type ConsentPurpose,
  consentPurposeLabels,
  consentPurposes,
  privacyNoticeInputSchema,
  REQUIRED_PURPOSE,
} from '@kizuna/contract';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  ScrollArea,
  Stack,
  Text,
  Textarea,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFilePlus, IconSend, IconShieldLock } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { type PrivacyNotice, usePrivacyNotice, usePublishPrivacyNotice } from '../api/privacy-notice';

function CurrentNotice({ notice }: { notice: PrivacyNotice }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="notice-current">
      <Stack gap="md">
        <Group gap="xs" justify="space-between" wrap="wrap">
          <Group gap="xs">
            <ThemeIcon variant="light" radius="md">
              <IconShieldLock size={18} />
            </ThemeIcon>
            <Title order={2} fz="md" id="notice-current">
              {t('membership.privacyNotice.current')}
            </Title>
            <Badge variant="filled" radius="sm" data-testid="notice-version">
              {t('membership.privacyNotice.version', { version: notice.version })}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('membership.privacyNotice.publishedAt', { date: formatDateTime(notice.publishedAt, locale) })}
          </Text>
        </Group>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('membership.privacyNotice.purposes')}
          </Text>
          <List spacing={6} center data-testid="notice-purposes">
            {notice.purposes.map((p) => (
              <List.Item
                key={p}
                icon={
                  <ThemeIcon size={20} radius="xl" variant="light" color="teal">
                    <IconCheck size={12} />
                  </ThemeIcon>
                }
              >
                <Text size="sm">{consentPurposeLabels[p]?.[locale] ?? p}</Text>
              </List.Item>
            ))}
          </List>
        </Stack>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('membership.privacyNotice.body')}
          </Text>
          <ScrollArea.Autosize mah={360} type="auto" offsetScrollbars>
            <Card bg="gray.0" radius="sm" padding="md">
              <Text size="sm" className="kizuna-pre" lh={1.8} data-testid="notice-body">
                {notice.body}
              </Text>
            </Card>
          </ScrollArea.Autosize>
        </Stack>
        <Text size="xs" c="dimmed">
          {t('membership.privacyNotice.history')}
        </Text>
      </Stack>
    </Card>
  );
}

function NewVersionForm({ notice, onDone }: { notice: PrivacyNotice; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const publish = usePublishPrivacyNotice();
  const [body, setBody] = useState(notice.body);
  const [purposes, setPurposes] = useState<ConsentPurpose[]>(notice.purposes);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState(false);
  const next = notice.version + 1;
  const fieldErrors = { ...fieldErrorsOf(publish.error), ...errors };
  const unchanged =
    body.trim() === notice.body.trim() && [...purposes].sort().join() === [...notice.purposes].sort().join();

  const review = () => {
    const found = validateWith(privacyNoticeInputSchema, { body, purposes }, locale);
    if (unchanged) found.body ??= t('membership.privacyNotice.unchanged');
    setErrors(found);
    if (!hasErrors(found)) setConfirming(true);
  };

  const confirm = () =>
    publish.mutate(
      { body: body.trim(), purposes: consentPurposes.filter((p) => purposes.includes(p)) },
      {
        onSuccess: (saved) => {
          setConfirming(false);
          notifications.show({
            color: 'teal',
            message: t('membership.privacyNotice.published', { version: saved.version }),
          });
          onDone();
        },
        onError: () => setConfirming(false),
      },
    );

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="notice-new">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          review();
        }}
      >
        <Stack gap="md">
          <div>
            <Title order={2} fz="md" id="notice-new">
              {t('membership.privacyNotice.newVersion')}
            </Title>
            <Text size="sm" c="dimmed" mt={2}>
              {t('membership.privacyNotice.newVersionLead')}
            </Text>
          </div>
          <Textarea
            label={t('membership.privacyNotice.editBody')}
            placeholder={t('membership.privacyNotice.bodyPlaceholder')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            autosize
            minRows={8}
            maxRows={24}
            required
            error={fieldErrors.body}
            data-testid="notice-body-input"
          />
          <Checkbox.Group
            label={t('membership.privacyNotice.choosePurposes')}
            description={t('membership.privacyNotice.purposesHint')}
            value={purposes}
            onChange={(v) => setPurposes([...new Set([REQUIRED_PURPOSE, ...(v as ConsentPurpose[])])])}
            error={fieldErrors.purposes}
            required
          >
            <Stack gap="xs" mt="xs">
              {consentPurposes.map((p) => (
                <Checkbox
                  key={p}
                  value={p}
                  label={consentPurposeLabels[p][locale]}
                  disabled={p === REQUIRED_PURPOSE}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <FormError
            error={publish.error && !hasErrors(fieldErrorsOf(publish.error)) ? publish.error : null}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onDone} disabled={publish.isPending}>
              {t('membership.privacyNotice.cancel')}
            </Button>
            <Button type="submit" leftSection={<IconSend size={16} />} data-testid="notice-publish">
              {t('membership.privacyNotice.publish', { version: next })}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmModal
        opened={confirming}
        title={t('membership.privacyNotice.confirmTitle', { version: next })}
        body={t('membership.privacyNotice.confirmBody')}
        confirmLabel={t('membership.privacyNotice.confirm')}
        loading={publish.isPending}
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      />
    </Card>
  );
}

/** The current privacy notice and publishing a new version (privacy-notice:manage). */
export function PrivacyNoticePage() {
  const { t } = useTranslation();
  const notice = usePrivacyNotice();
  const [drafting, setDrafting] = useState(false);
  return (
    <Stack gap="md" maw={860}>
      <PageHeader
        title={t('membership.privacyNotice.title')}
        lead={t('membership.privacyNotice.lead')}
        actions={
          notice.isSuccess && !drafting ? (
            <Button leftSection={<IconFilePlus size={16} />} onClick={() => setDrafting(true)}>
              {t('membership.privacyNotice.newVersion')}
            </Button>
          ) : null
        }
      />
      {notice.isPending ? (
        <LoadingState />
      ) : notice.isError ? (
        <ErrorState error={notice.error} onRetry={() => void notice.refetch()} />
      ) : (
        <>
          {drafting ? (
            <NewVersionForm
              key={notice.data.version}
              notice={notice.data}
              onDone={() => setDrafting(false)}
            />
          ) : null}
          <CurrentNotice notice={notice.data} />
        </>
      )}
    </Stack>
  );
}
