import { fieldMessages, networkSettingsInputSchema } from '@kizuna/contract';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  CopyButton,
  Group,
  NumberInput,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCalendarRepeat,
  IconCheck,
  IconCopy,
  IconDeviceFloppy,
  IconExternalLink,
  IconMessage2,
  IconUsers,
  IconWorld,
} from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import {
  type NetworkSettings,
  publicPageUrl,
  useNetworkSettings,
  useSaveNetworkSettings,
} from '../api/network-settings';

function Section({
  icon,
  title,
  id,
  children,
}: {
  icon: ReactNode;
  title: string;
  id: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Group gap="xs">
          <ThemeIcon variant="light" radius="md">
            {icon}
          </ThemeIcon>
          <Title order={2} fz="md" id={id}>
            {title}
          </Title>
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

/** The public page's address with copy and open buttons (only once the page is published). */
function PublicAddress({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const url = publicPageUrl(slug);
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          label={t('network.settings.address')}
          description={t('network.settings.addressHint')}
          value={url}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
          style={{ flex: 1, minWidth: 0 }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          data-testid="public-page-url"
        />
        <CopyButton value={url} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? t('network.settings.copied') : t('network.settings.copy')}>
              <ActionIcon
                variant={copied ? 'filled' : 'default'}
                color={copied ? 'teal' : undefined}
                size={36}
                onClick={copy}
                aria-label={t('network.settings.copy')}
                data-testid="public-page-copy"
              >
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
        <Tooltip label={t('network.settings.open')}>
          <ActionIcon
            component="a"
            href={url}
            target="_blank"
            rel="noopener"
            variant="default"
            size={36}
            aria-label={t('network.settings.open')}
            data-testid="public-page-open"
          >
            <IconExternalLink size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Stack>
  );
}

function SettingsForm({ saved }: { saved: NetworkSettings }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const save = useSaveNetworkSettings();
  const [publicPageEnabled, setPublicPageEnabled] = useState(saved.publicPageEnabled);
  const [intro, setIntro] = useState(saved.intro);
  const [months, setMonths] = useState<number | string>(saved.profileReviewMonths);
  const [retirees, setRetirees] = useState(saved.retireesAreAlumni);
  const [errors, setErrors] = useState<FieldErrors>({});
  const fieldErrors = { ...fieldErrorsOf(save.error), ...errors };
  const serverFieldErrors = hasErrors(fieldErrorsOf(save.error));
  const isDirty =
    publicPageEnabled !== saved.publicPageEnabled ||
    intro.trim() !== saved.intro.trim() ||
    String(months) !== String(saved.profileReviewMonths) ||
    retirees !== saved.retireesAreAlumni;
  const monthsNumber = typeof months === 'number' ? months : Number.NaN;

  const submit = () => {
    const values = {
      publicPageEnabled,
      intro,
      profileReviewMonths: months === '' ? undefined : Number(months),
      retireesAreAlumni: retirees,
    };
    const found = validateWith(networkSettingsInputSchema, values, locale);
    // a number, not a text: its own words rather than the schema's "at most 60 characters"
    if (months === '') found.profileReviewMonths = fieldMessages.required[locale];
    else if (found.profileReviewMonths) found.profileReviewMonths = t('network.settings.reviewRange');
    setErrors(found);
    if (hasErrors(found)) return;
    save.mutate(networkSettingsInputSchema.parse(values), {
      onSuccess: (next) => {
        setIntro(next.intro);
        setMonths(next.profileReviewMonths);
        setRetirees(next.retireesAreAlumni);
        notifications.show({
          color: 'teal',
          message: next.publicPageEnabled
            ? t('network.settings.savedPublished')
            : t('network.settings.saved'),
        });
      },
    });
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        <Section icon={<IconWorld size={18} />} title={t('network.settings.publicPage')} id="ns-public">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
            <Switch
              checked={publicPageEnabled}
              onChange={(e) => setPublicPageEnabled(e.currentTarget.checked)}
              label={t('network.settings.publicPageLabel')}
              description={t('network.settings.publicPageHint')}
              size="md"
              data-testid="public-page-switch"
            />
            <Badge
              variant={saved.publicPageEnabled ? 'filled' : 'light'}
              color={saved.publicPageEnabled ? 'teal' : 'gray'}
              radius="sm"
              style={{ flexShrink: 0 }}
              data-testid="public-page-status"
            >
              {saved.publicPageEnabled ? t('network.settings.published') : t('network.settings.unpublished')}
            </Badge>
          </Group>
          {saved.publicPageEnabled ? (
            <PublicAddress slug={saved.slug} />
          ) : (
            <Text size="sm" c="dimmed">
              {t('network.settings.addressOff')}
            </Text>
          )}
        </Section>

        <Section icon={<IconMessage2 size={18} />} title={t('network.settings.intro')} id="ns-intro">
          <Textarea
            aria-labelledby="ns-intro"
            description={t('network.settings.introHint')}
            placeholder={t('network.settings.introPlaceholder')}
            value={intro}
            onChange={(e) => setIntro(e.currentTarget.value)}
            autosize
            minRows={5}
            maxRows={16}
            error={fieldErrors.intro}
            data-testid="network-intro-input"
          />
          <Text size="xs" c={intro.length > 5000 ? 'red' : 'dimmed'} ta="right" mt={-8}>
            {intro.length.toLocaleString()} / 5,000
          </Text>
        </Section>

        <Section icon={<IconCalendarRepeat size={18} />} title={t('network.settings.review')} id="ns-review">
          <NumberInput
            label={t('network.settings.reviewMonths')}
            description={t('network.settings.reviewHint')}
            value={months}
            onChange={setMonths}
            min={0}
            max={60}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            error={fieldErrors.profileReviewMonths}
            w={{ base: '100%', sm: 360 }}
            data-testid="review-months-input"
          />
          {Number.isInteger(monthsNumber) && monthsNumber >= 0 && monthsNumber <= 60 ? (
            <Text size="sm" c="dimmed">
              {monthsNumber === 0
                ? t('network.settings.reviewOff')
                : t('network.settings.reviewEvery', { count: monthsNumber })}
            </Text>
          ) : null}
        </Section>

        <Section icon={<IconUsers size={18} />} title={t('network.settings.whoCounts')} id="ns-who">
          <Switch
            checked={retirees}
            onChange={(e) => setRetirees(e.currentTarget.checked)}
            label={t('network.settings.retireesLabel')}
            description={t('network.settings.retireesHint')}
            size="md"
            data-testid="retirees-switch"
          />
        </Section>

        <FormError error={save.error && !serverFieldErrors ? save.error : null} />
        {serverFieldErrors ? (
          <Alert color="red" variant="light" role="alert">
            {t('network.settings.fixFields')}
          </Alert>
        ) : null}
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="xs" c={isDirty ? 'orange.8' : 'dimmed'} data-testid="settings-state">
            {isDirty
              ? t('network.settings.unsaved')
              : saved.updatedAt
                ? t('network.settings.lastSaved', { date: formatDateTime(saved.updatedAt, locale) })
                : t('network.settings.neverSaved')}
          </Text>
          <Button
            type="submit"
            leftSection={<IconDeviceFloppy size={16} />}
            loading={save.isPending}
            data-testid="network-settings-save"
          >
            {t('network.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The alumni network settings (network:manage): public page, its intro, the profile review age. */
export function NetworkSettingsPage() {
  const { t } = useTranslation();
  const settings = useNetworkSettings();
  return (
    <Stack gap="md" maw={860}>
      <PageHeader title={t('network.settings.title')} lead={t('network.settings.lead')} />
      {settings.isPending ? (
        <LoadingState />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm saved={settings.data} />
      )}
    </Stack>
  );
}
