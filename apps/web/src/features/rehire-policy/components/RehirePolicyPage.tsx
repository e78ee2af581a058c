import {
  type LeaveReasonCategory,
  type LeaveType,
  type RehirePolicy,
  type RehirePolicyInput,
  rehirePolicyInputSchema,
} from '@kizuna/contract';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Grid,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCheck,
  IconCopy,
  IconDeviceFloppy,
  IconExternalLink,
  IconEye,
  IconInfoCircle,
  IconLink,
  IconRefresh,
} from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { FormError } from '../../../components/FormError';
import { PageHeader } from '../../../components/PageHeader';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ApiError, type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { emptyFilter } from '../../alumni/api/alumni';
import { leaveReasonOptions, leaveTypeOptions } from '../../alumni/labels';
import { useMatchCount } from '../../segments/api/segments';
import { useCreateShareLink, useRehirePolicy, useSaveRehirePolicy } from '../api/rehire-policy';
import { PolicyInWords } from './PolicyInWords';

function inputOf(p: RehirePolicy): RehirePolicyInput {
  return {
    allowedLeaveTypes: p.allowedLeaveTypes,
    minTenureMonths: p.minTenureMonths,
    minMonthsSinceLeaving: p.minMonthsSinceLeaving,
    excludedLeaveReasons: p.excludedLeaveReasons,
    excludeDoNotContact: p.excludeDoNotContact,
    explanation: p.explanation,
    published: p.published,
  };
}

const same = (a: RehirePolicyInput, b: RehirePolicyInput) => JSON.stringify(a) === JSON.stringify(b);

function Section({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={title}>
      <Stack gap="md">
        <div>
          <Title order={2} fz="md">
            {title}
          </Title>
          {lead ? (
            <Text size="sm" c="dimmed" mt={2}>
              {lead}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Card>
  );
}

/** How many alumni the saved rules make eligible, with links to both lists. */
function PolicyEffect() {
  const { t } = useTranslation();
  const total = useMatchCount(emptyFilter);
  const eligible = useMatchCount({ ...emptyFilter, eligible: 'true' });
  let body: ReactNode;
  if (total.data === undefined || eligible.data === undefined) body = <LoadingState />;
  else if (total.data === 0)
    body = (
      <Text size="sm" c="dimmed">
        {t('rehirePolicy.manage.effectNone')}
      </Text>
    );
  else
    body = (
      <Stack gap="xs">
        <Text size="sm" fw={600} data-testid="policy-effect">
          {t('rehirePolicy.manage.effectCounts', {
            eligible: eligible.data.toLocaleString(),
            total: total.data.toLocaleString(),
          })}
        </Text>
        <Group gap="md">
          <Anchor component={Link} to="/alumni?eligible=true" size="sm">
            {t('rehirePolicy.manage.showEligible')}
          </Anchor>
          <Anchor component={Link} to="/alumni?eligible=false" size="sm">
            {t('rehirePolicy.manage.showNotEligible')}
          </Anchor>
        </Group>
      </Stack>
    );
  return <Section title={t('rehirePolicy.manage.effect')}>{body}</Section>;
}

/** The internal share link: created (or replaced) on request, its address shown only then. */
function ShareLink({ policy }: { policy: RehirePolicy }) {
  const { t } = useTranslation();
  const create = useCreateShareLink();
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const canShare = policy.published && policy.version > 0;

  const issue = () =>
    create.mutate(undefined, {
      onSuccess: (res) => {
        setUrl(res.url);
        setConfirming(false);
        notifications.show({ color: 'teal', message: t('rehirePolicy.share.created') });
      },
      onError: () => setConfirming(false),
    });

  return (
    <Section title={t('rehirePolicy.share.title')} lead={t('rehirePolicy.share.lead')}>
      {!canShare ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />}>
          {t('rehirePolicy.share.needsPublish')}
        </Alert>
      ) : url ? (
        <Stack gap="xs">
          <TextInput
            label={t('rehirePolicy.share.url')}
            value={url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            data-testid="share-url"
          />
          <Group gap="xs">
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button
                  size="xs"
                  variant={copied ? 'light' : 'filled'}
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                  onClick={copy}
                >
                  {copied ? t('rehirePolicy.share.copied') : t('rehirePolicy.share.copy')}
                </Button>
              )}
            </CopyButton>
            <Button
              size="xs"
              variant="default"
              component="a"
              href={url}
              target="_blank"
              rel="noreferrer"
              leftSection={<IconExternalLink size={14} />}
            >
              {t('rehirePolicy.share.open')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {policy.hasShareLink ? t('rehirePolicy.share.exists') : t('rehirePolicy.share.none')}
        </Text>
      )}
      {canShare ? (
        <Group>
          <Button
            variant={policy.hasShareLink ? 'default' : 'filled'}
            leftSection={policy.hasShareLink ? <IconRefresh size={16} /> : <IconLink size={16} />}
            loading={create.isPending && !confirming}
            onClick={() => (policy.hasShareLink ? setConfirming(true) : issue())}
            data-testid="share-create"
          >
            {policy.hasShareLink ? t('rehirePolicy.share.renew') : t('rehirePolicy.share.create')}
          </Button>
        </Group>
      ) : null}
      <FormError error={create.error} />
      <ConfirmModal
        opened={confirming}
        title={t('rehirePolicy.share.renewTitle')}
        body={t('rehirePolicy.share.renewBody')}
        confirmLabel={t('rehirePolicy.share.renewConfirm')}
        color="orange"
        loading={create.isPending}
        onConfirm={issue}
        onClose={() => setConfirming(false)}
      />
    </Section>
  );
}

/** A whole number of months (0–600) with the unit shown inside the box; an emptied box is NaN (required). */
function MonthsInput(props: {
  label: string;
  description: string;
  value: number;
  onChange: (months: number) => void;
  error: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <NumberInput
      label={props.label}
      description={props.description}
      value={props.value}
      onChange={(v) => props.onChange(typeof v === 'number' ? v : Number.NaN)}
      min={0}
      max={600}
      allowDecimal={false}
      allowNegative={false}
      rightSection={
        <Text size="xs" c="dimmed" pr="xs">
          {t('rehirePolicy.manage.months')}
        </Text>
      }
      rightSectionWidth={locale === 'ja' ? 44 : 64}
      error={props.error}
      data-testid={props.testId}
    />
  );
}

function PolicyForm({ policy, onReload }: { policy: RehirePolicy; onReload: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const save = useSaveRehirePolicy();
  const [form, setForm] = useState<RehirePolicyInput>(() => inputOf(policy));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState(false);
  const saved = inputOf(policy);
  const dirty = !same(form, saved);

  // a newer version loaded (the person chose to, after a conflict) replaces what is on screen
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the loaded version only
  useEffect(() => {
    setForm(inputOf(policy));
    setConflict(false);
  }, [policy.version]);

  const set = <K extends keyof RehirePolicyInput>(key: K, value: RehirePolicyInput[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const fieldErrors = { ...fieldErrorsOf(save.error), ...errors };
  const fieldError = (key: string) =>
    fieldErrors[key] ??
    fieldErrors[`policy.${key}`] ??
    Object.entries(fieldErrors).find(([k]) => k.startsWith(`policy.${key}.`))?.[1];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // an emptied number box is a missing value, not a zero
    const blank = (n: number) => (Number.isNaN(n) ? null : n);
    const found = validateWith(
      rehirePolicyInputSchema,
      {
        ...form,
        minTenureMonths: blank(form.minTenureMonths),
        minMonthsSinceLeaving: blank(form.minMonthsSinceLeaving),
      },
      locale,
    );
    setErrors(found);
    if (hasErrors(found)) return;
    if (!dirty && policy.version > 0) {
      notifications.show({ color: 'gray', message: t('rehirePolicy.manage.unchanged') });
      return;
    }
    setConflict(false);
    save.mutate(
      { version: policy.version, policy: form },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: t('rehirePolicy.manage.saved') }),
        onError: (error) => {
          // someone else saved first: their version is not loaded over these edits until the
          // person asks (the reload button), so nothing typed is lost without a word
          if (error instanceof ApiError && error.code === 'conflict') setConflict(true);
        },
      },
    );
  };

  const otherError = save.error && !conflict && !hasErrors(fieldErrorsOf(save.error)) ? save.error : null;

  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {policy.version === 0 ? (
              <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
                {t('rehirePolicy.manage.notSavedYet')}
              </Alert>
            ) : null}
            {conflict ? (
              <Alert color="orange" title={t('rehirePolicy.manage.conflictTitle')} role="alert">
                {t('rehirePolicy.manage.conflictBody')}
              </Alert>
            ) : null}
            <Section title={t('rehirePolicy.manage.rules')} lead={t('rehirePolicy.manage.rulesLead')}>
              <Checkbox.Group
                label={t('rehirePolicy.manage.allowedLeaveTypes')}
                description={t('rehirePolicy.manage.allowedLeaveTypesHint')}
                value={form.allowedLeaveTypes}
                onChange={(v) => set('allowedLeaveTypes', v as LeaveType[])}
                error={fieldError('allowedLeaveTypes')}
              >
                <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mt="xs">
                  {leaveTypeOptions(locale).map((o) => (
                    <Checkbox key={o.value} value={o.value} label={o.label} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
                <MonthsInput
                  label={t('rehirePolicy.manage.minTenureMonths')}
                  description={t('rehirePolicy.manage.minTenureHint')}
                  value={form.minTenureMonths}
                  onChange={(v) => set('minTenureMonths', v)}
                  error={fieldError('minTenureMonths')}
                  testId="min-tenure"
                />
                <MonthsInput
                  label={t('rehirePolicy.manage.minMonthsSinceLeaving')}
                  description={t('rehirePolicy.manage.minMonthsSinceLeavingHint')}
                  value={form.minMonthsSinceLeaving}
                  onChange={(v) => set('minMonthsSinceLeaving', v)}
                  error={fieldError('minMonthsSinceLeaving')}
                  testId="min-since-leaving"
                />
              </SimpleGrid>
              <Checkbox.Group
                label={t('rehirePolicy.manage.excludedLeaveReasons')}
                description={t('rehirePolicy.manage.excludedLeaveReasonsHint')}
                value={form.excludedLeaveReasons}
                onChange={(v) => set('excludedLeaveReasons', v as LeaveReasonCategory[])}
                error={fieldError('excludedLeaveReasons')}
              >
                <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }} spacing="xs" mt="xs">
                  {leaveReasonOptions(locale).map((o) => (
                    <Checkbox key={o.value} value={o.value} label={o.label} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
              <Switch
                label={t('rehirePolicy.manage.excludeDoNotContact')}
                description={t('rehirePolicy.manage.excludeDoNotContactHint')}
                checked={form.excludeDoNotContact}
                onChange={(e) => set('excludeDoNotContact', e.currentTarget.checked)}
              />
            </Section>

            <Section
              title={t('rehirePolicy.manage.explanation')}
              lead={t('rehirePolicy.manage.explanationLead')}
            >
              <Textarea
                label={t('rehirePolicy.manage.explanationLabel')}
                placeholder={t('rehirePolicy.manage.explanationPlaceholder')}
                value={form.explanation}
                onChange={(e) => set('explanation', e.currentTarget.value)}
                autosize
                minRows={5}
                maxRows={16}
                error={fieldError('explanation')}
                data-testid="policy-explanation"
              />
              <Switch
                label={t('rehirePolicy.manage.published')}
                description={t('rehirePolicy.manage.publishedHint')}
                checked={form.published}
                onChange={(e) => set('published', e.currentTarget.checked)}
                data-testid="policy-published"
              />
            </Section>

            <FormError error={otherError} />
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="xs" c={dirty ? 'orange.8' : 'dimmed'} aria-live="polite">
                {dirty
                  ? t('rehirePolicy.manage.unsavedChanges')
                  : policy.updatedAt
                    ? t('rehirePolicy.manage.lastSaved', {
                        date: formatDateTime(policy.updatedAt, locale),
                        version: policy.version,
                      })
                    : null}
              </Text>
              <Group gap="xs">
                {conflict ? (
                  <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={onReload}>
                    {t('rehirePolicy.manage.reload')}
                  </Button>
                ) : null}
                <Button
                  type="submit"
                  loading={save.isPending}
                  leftSection={<IconDeviceFloppy size={16} />}
                  data-testid="policy-save"
                >
                  {t('rehirePolicy.manage.save')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <Card withBorder radius="md" padding="lg" bg="grape.0" component="section">
            <Stack gap="sm">
              <Group gap="xs" justify="space-between">
                <Title order={2} fz="md">
                  {t('rehirePolicy.manage.preview')}
                </Title>
                <Badge variant="light" color={form.published ? 'teal' : 'gray'}>
                  {form.published
                    ? t('rehirePolicy.manage.statusPublished')
                    : t('rehirePolicy.manage.statusDraft')}
                </Badge>
              </Group>
              {form.explanation.trim() ? (
                <Text size="sm" className="kizuna-pre">
                  {form.explanation.trim()}
                </Text>
              ) : null}
              <PolicyInWords rules={form} />
            </Stack>
          </Card>
          {policy.version > 0 ? <PolicyEffect /> : null}
          <ShareLink policy={policy} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** The rules editor, the explanation for employees, and the share link (rehire-policy:manage). */
export function RehirePolicyPage() {
  const { t } = useTranslation();
  const policy = useRehirePolicy();
  return (
    <Stack gap="md">
      <PageHeader
        title={t('rehirePolicy.manage.title')}
        lead={t('rehirePolicy.manage.lead')}
        actions={
          <Button component={Link} to="/rehire" variant="default" leftSection={<IconEye size={16} />}>
            {t('rehirePolicy.manage.viewAsEmployee')}
          </Button>
        }
      />
      {policy.isPending ? (
        <LoadingState />
      ) : policy.isError ? (
        <ErrorState error={policy.error} onRetry={() => void policy.refetch()} />
      ) : (
        <PolicyForm policy={policy.data} onReload={() => void policy.refetch()} />
      )}
    </Stack>
  );
}
