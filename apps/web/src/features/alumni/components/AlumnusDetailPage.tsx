import { type Alumnus, type AuditAction, rehireRuleLabels } from '@kizuna/contract';
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import {
  IconBan,
  IconBellOff,
  IconBriefcase,
  IconDoorExit,
  IconEraser,
  IconFileImport,
  IconHeartHandshake,
  IconHistory,
  IconId,
  IconLock,
  IconMailForward,
  IconPencil,
  IconPlus,
  IconShieldCheck,
  IconUserCheck,
  IconUserCircle,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { BackLink } from '../../../components/BackLink';
import { LoadMore } from '../../../components/LoadMore';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { dictionary, useLocale } from '../../../i18n';
import { formatDate, formatDateTime } from '../../../lib/format';
import { ApiError } from '../../../lib/http';
import { itemsOf } from '../../../lib/pages';
import { useCan } from '../../identity/api/me';
import { AlumnusConsentsPanel } from '../../membership/components/AlumnusConsentsPanel';
import { AnonymizeAlumnusButton, AnonymizedNotice } from '../../membership/components/AnonymizeAlumnus';
import { InviteAlumnusButton } from '../../membership/components/InviteAlumnus';
import { type TimelineEntry, useAlumnus, useAlumnusTimeline } from '../api/alumni';
import {
  fullKana,
  fullName,
  interestColor,
  interestLabel,
  leaveReasonLabel,
  leaveTypeColor,
  leaveTypeLabel,
} from '../labels';
import { AlumnusBadges } from './AlumniListPage';

/** One label and its value; an empty value reads as "not entered". */
function Field({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <Box style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <Text size="xs" c="dimmed" fw={500} mb={2}>
        {label}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          {t('common.none')}
        </Text>
      ) : (
        <Text component="div" size="sm" className="kizuna-break">
          {children}
        </Text>
      )}
    </Box>
  );
}

function Section({
  title,
  icon,
  badge,
  tone,
  children,
}: {
  title: string;
  icon: ReactNode;
  badge?: ReactNode;
  tone?: 'internal';
  children: ReactNode;
}) {
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-label={title}
      style={
        tone === 'internal'
          ? { background: 'var(--mantine-color-yellow-0)', borderColor: 'var(--mantine-color-yellow-4)' }
          : undefined
      }
    >
      <Group gap="xs" mb="md" wrap="wrap">
        <ThemeIcon variant="light" radius="md" size="md" color={tone === 'internal' ? 'yellow' : 'grape'}>
          {icon}
        </ThemeIcon>
        <Title order={2} fz="md">
          {title}
        </Title>
        {badge}
      </Group>
      <SimpleGrid cols={2} spacing="lg" verticalSpacing="md">
        {children}
      </SimpleGrid>
    </Card>
  );
}

function Pills({ items, color = 'gray' }: { items: string[]; color?: string }) {
  if (items.length === 0) return null;
  return (
    <Group gap={6}>
      {items.map((item) => (
        <Badge key={item} variant="light" color={color} radius="sm">
          {item}
        </Badge>
      ))}
    </Group>
  );
}

/** 3年4か月 / 3 yr 4 mo, from the join and leave dates. */
function tenureOf(a: Alumnus, t: TFunction): string | null {
  if (!a.joinedOn) return null;
  const [jy, jm, jd] = a.joinedOn.split('-').map(Number) as [number, number, number];
  const [ly, lm, ld] = a.leftOn.split('-').map(Number) as [number, number, number];
  let months = (ly - jy) * 12 + (lm - jm) - (ld < jd ? 1 : 0);
  if (months < 0) return null;
  const years = Math.floor(months / 12);
  months %= 12;
  return years > 0
    ? t('alumni.detail.tenureYears', { years, months })
    : t('alumni.detail.tenureMonths', { months });
}

const actionIcon: Partial<Record<AuditAction, ReactNode>> = {
  'alumnus.create': <IconPlus size={14} />,
  'alumnus.update': <IconPencil size={14} />,
  'alumnus.import_create': <IconFileImport size={14} />,
  'alumnus.import_update': <IconFileImport size={14} />,
  'alumnus.invite': <IconMailForward size={14} />,
  'alumnus.register': <IconUserCheck size={14} />,
  'consent.change': <IconShieldCheck size={14} />,
  'consent.opt_out': <IconBellOff size={14} />,
  'alumnus.anonymize': <IconEraser size={14} />,
};

/** The record's history: who added, imported or changed it, and which fields. */
function AlumnusTimeline({ alumnusId }: { alumnusId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const timeline = useAlumnusTimeline(alumnusId);
  // the record's own wording first ("登録"), else the audit log's label for every other action
  const actions = { ...dictionary(t, 'audit.actions'), ...dictionary(t, 'alumni.timelineActions') };
  const fields = dictionary(t, 'alumni.fields');

  const entries = itemsOf(timeline.data);
  let body: ReactNode;
  if (timeline.isPending) body = <LoadingState />;
  else if (timeline.isError)
    body = <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />;
  else if (entries.length === 0)
    body = (
      <Text size="sm" c="dimmed">
        {t('alumni.detail.timelineEmpty')}
      </Text>
    );
  else
    body = (
      <Stack gap="md">
        <Timeline bulletSize={26} lineWidth={2} active={entries.length}>
          {entries.map((entry: TimelineEntry) => {
            const changed = Array.isArray(entry.detail.fields) ? (entry.detail.fields as string[]) : [];
            return (
              <Timeline.Item
                key={entry.id}
                bullet={actionIcon[entry.action as AuditAction] ?? <IconHistory size={14} />}
                title={
                  <Text size="sm" fw={600}>
                    {actions[entry.action] ?? entry.action}
                  </Text>
                }
                data-testid="timeline-entry"
              >
                <Text size="xs" c="dimmed">
                  {entry.actorName ?? t('alumni.detail.system')} · {formatDateTime(entry.createdAt, locale)}
                </Text>
                {changed.length > 0 ? (
                  <Group gap={4} mt={6} aria-label={t('alumni.detail.changed')}>
                    {changed.map((f) => (
                      <Badge key={f} size="sm" variant="outline" color="gray" radius="sm">
                        {fields[f] ?? f}
                      </Badge>
                    ))}
                  </Group>
                ) : null}
              </Timeline.Item>
            );
          })}
        </Timeline>
        {timeline.hasNextPage ? <LoadMore pages={timeline} endLabel="" /> : null}
      </Stack>
    );

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={t('alumni.detail.timeline')}>
      <Group gap="xs" mb="md">
        <ThemeIcon variant="light" radius="md" size="md">
          <IconHistory size={18} />
        </ThemeIcon>
        <Title order={2} fz="md">
          {t('alumni.detail.timeline')}
        </Title>
      </Group>
      {body}
    </Card>
  );
}

export function AlumnusDetailPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const { alumnusId = '' } = useParams();
  const location = useLocation();
  const alumnus = useAlumnus(alumnusId);
  // the list's search and filters, when we came from it
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch ?? '';
  const back = <BackLink to={`/alumni${listSearch}`} label={t('alumni.detail.back')} />;

  if (alumnus.isPending) return <LoadingState />;
  if (alumnus.isError)
    return (
      <Stack gap="md">
        {back}
        {alumnus.error instanceof ApiError && alumnus.error.status === 404 ? (
          <Alert color="gray">{t('alumni.detail.notFound')}</Alert>
        ) : (
          <ErrorState error={alumnus.error} onRetry={() => void alumnus.refetch()} />
        )}
      </Stack>
    );
  const a = alumnus.data;
  const rc = a.returnConditions;
  const label = (key: string) => t(`alumni.fields.${key}`);
  const date = (iso: string | null | undefined) => (iso ? formatDate(iso, locale) : null);

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          {fullKana(a) ? (
            <Text size="sm" c="dimmed">
              {fullKana(a)}
            </Text>
          ) : null}
          <Title order={1} fz={{ base: 24, sm: 28 }} className="kizuna-break">
            {fullName(a)}
          </Title>
          <Group gap={6} mt={4}>
            <Badge variant="light" color={leaveTypeColor[a.leaveType]} radius="sm">
              {leaveTypeLabel(a.leaveType, locale)}
            </Badge>
            <AlumnusBadges alumnus={a} withUnregistered />
            {a.eligibility ? (
              <Badge
                variant="light"
                color={a.eligibility.eligible ? 'green' : a.eligibility.eligible === null ? 'yellow' : 'gray'}
                data-testid="rehire-eligibility"
              >
                {a.eligibility.eligible
                  ? t('alumni.detail.eligible')
                  : a.eligibility.eligible === null && a.eligibility.rule
                    ? rehireRuleLabels[a.eligibility.rule][locale]
                    : a.eligibility.rule
                      ? t('alumni.detail.notEligibleBecause', {
                          reason: rehireRuleLabels[a.eligibility.rule]?.[locale] ?? a.eligibility.rule,
                        })
                      : t('alumni.detail.notEligible')}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Group gap="xs" align="flex-start">
          {can('alumni:write') ? <InviteAlumnusButton alumnus={a} /> : null}
          {can('alumni:anonymize') && !a.anonymizedAt ? <AnonymizeAlumnusButton alumnus={a} /> : null}
          {can('alumni:write') && !a.anonymizedAt ? (
            <Button component={Link} to={`/alumni/${a.id}/edit`} leftSection={<IconPencil size={16} />}>
              {t('alumni.detail.edit')}
            </Button>
          ) : null}
        </Group>
      </Group>

      {a.anonymizedAt ? <AnonymizedNotice anonymizedAt={a.anonymizedAt} /> : null}

      {a.doNotContact ? (
        <Alert
          color="red"
          variant="filled"
          icon={<IconBan size={22} />}
          title={t('alumni.detail.doNotContactTitle')}
          data-testid="do-not-contact"
        >
          <Text size="sm" className="kizuna-pre" component="p">
            {a.doNotContactReason ?? t('alumni.detail.noReason')}
          </Text>
        </Alert>
      ) : null}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Section title={t('alumni.sections.basic')} icon={<IconUserCircle size={18} />}>
              <Field label={label('name')}>{fullName(a)}</Field>
              <Field label={label('kana')}>{fullKana(a)}</Field>
              <Field label={label('email')}>
                {a.email ? (
                  <Anchor href={`mailto:${a.email}`} size="sm">
                    {a.email}
                  </Anchor>
                ) : null}
              </Field>
              <Field label={label('phone')}>
                {a.phone ? (
                  <Anchor href={`tel:${a.phone}`} size="sm">
                    {a.phone}
                  </Anchor>
                ) : null}
              </Field>
              <Field label={label('employeeNumber')}>{a.employeeNumber}</Field>
              <Field label={label('tags')}>
                <Pills items={a.tags} color="grape" />
              </Field>
            </Section>

            <Section title={t('alumni.sections.employment')} icon={<IconId size={18} />}>
              <Field label={label('department')}>{a.department}</Field>
              <Field label={label('position')}>{a.position}</Field>
              <Field label={label('joinedOn')}>{date(a.joinedOn)}</Field>
              <Field label={t('alumni.detail.tenure')}>{tenureOf(a, t)}</Field>
            </Section>

            <Section title={t('alumni.sections.leaving')} icon={<IconDoorExit size={18} />}>
              <Field label={label('leftOn')}>{date(a.leftOn)}</Field>
              <Field label={label('leaveType')}>{leaveTypeLabel(a.leaveType, locale)}</Field>
              <Field label={label('leaveReasonCategory')} wide>
                {a.leaveReasonCategory ? leaveReasonLabel(a.leaveReasonCategory, locale) : null}
              </Field>
              <Field label={label('leaveReasonNote')} wide>
                {a.leaveReasonNote ? <span className="kizuna-pre">{a.leaveReasonNote}</span> : null}
              </Field>
            </Section>

            <Section title={t('alumni.sections.current')} icon={<IconBriefcase size={18} />}>
              <Field label={label('currentCompany')}>{a.currentCompany}</Field>
              <Field label={label('currentTitle')}>{a.currentTitle}</Field>
              <Field label={label('hasDecisionAuthority')}>
                {a.hasDecisionAuthority ? t('alumni.detail.yes') : t('alumni.detail.no')}
              </Field>
              <Field label={label('skills')}>
                <Pills items={a.skills} />
              </Field>
            </Section>

            <Section title={t('alumni.sections.interests')} icon={<IconHeartHandshake size={18} />}>
              <Field label={label('interests')} wide>
                {a.interests.length ? (
                  <Group gap={6}>
                    {a.interests.map((i) => (
                      <Badge key={i} variant="dot" color={interestColor[i]}>
                        {interestLabel(i, locale)}
                      </Badge>
                    ))}
                  </Group>
                ) : null}
              </Field>
              <Field label={label('workStyle')}>{rc.workStyle}</Field>
              <Field label={label('location')}>{rc.location}</Field>
              <Field label={label('payExpectation')}>{rc.payExpectation}</Field>
              <Field label={label('earliestDate')}>{date(rc.earliestDate)}</Field>
            </Section>

            <Section
              title={t('alumni.sections.internal')}
              icon={<IconLock size={18} />}
              tone="internal"
              badge={
                <Badge color="yellow" variant="light" leftSection={<IconLock size={12} />}>
                  {t('alumni.internalOnly')}
                </Badge>
              }
            >
              <Box style={{ gridColumn: '1 / -1' }}>
                {a.internalNotes ? (
                  <Text size="sm" className="kizuna-pre" component="p">
                    {a.internalNotes}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('common.none')}
                  </Text>
                )}
              </Box>
            </Section>
            <Text size="xs" c="dimmed">
              {t('alumni.detail.createdAt')}: {formatDateTime(a.createdAt, locale)} ·{' '}
              {t('alumni.detail.updatedAt')}: {formatDateTime(a.updatedAt, locale)}
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <AlumnusConsentsPanel alumnusId={a.id} />
            <AlumnusTimeline alumnusId={a.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
