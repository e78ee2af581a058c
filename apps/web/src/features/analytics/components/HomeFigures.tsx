import type { HomeFigures as Figures, Locale } from '@kizuna/contract';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconAddressBook,
  IconArrowRight,
  IconFileImport,
  IconMailForward,
  IconRefresh,
  IconUserCheck,
  IconUsers,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { useCan } from '../../identity/api/me';
import { useHomeFigures } from '../api/home';

/** `2026-04` as 2026年4月 / April 2026. */
function monthLabel(month: string, locale: Locale) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, 1)));
}

const percent = (rate: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(rate);

const number = (n: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-GB').format(n);

/** Where one acts on a figure; without the permission the card says so instead of linking. */
interface Action {
  to: string;
  label: string;
  allowed: boolean;
  testId: string;
}

function FigureCard({
  id,
  icon,
  color = 'grape',
  label,
  value,
  unit,
  badge,
  children,
  actions,
}: {
  id: string;
  icon: ReactNode;
  color?: string;
  label: string;
  value: string;
  unit?: string;
  badge?: ReactNode;
  children?: ReactNode;
  actions: Action[];
}) {
  const { t } = useTranslation();
  const labelId = `figure-${id}-label`;
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby={labelId}
      data-testid={`figure-${id}`}
      style={{ display: 'flex', flexDirection: 'column' }}
    >
      <Group gap="sm" wrap="nowrap" align="center" mb="xs">
        <ThemeIcon variant="light" color={color} size={36} radius="md" style={{ flexShrink: 0 }}>
          {icon}
        </ThemeIcon>
        <Title order={3} fz="sm" fw={700} id={labelId} style={{ flex: 1, minWidth: 0 }}>
          {label}
        </Title>
        {badge}
      </Group>
      <Group gap={6} align="baseline" wrap="nowrap">
        <Text fz={{ base: 32, sm: 36 }} fw={800} lh={1.1} data-testid={`figure-${id}-value`}>
          {value}
        </Text>
        {unit ? (
          <Text size="sm" c="dimmed" fw={500}>
            {unit}
          </Text>
        ) : null}
      </Group>
      <Stack gap={6} mt="xs" style={{ flex: 1 }}>
        {children}
      </Stack>
      <Group gap="xs" mt="md">
        {actions.map((action) =>
          action.allowed ? (
            <Button
              key={action.to}
              component={Link}
              to={action.to}
              variant="light"
              color={color}
              size="compact-sm"
              rightSection={<IconArrowRight size={14} />}
              data-testid={action.testId}
            >
              {action.label}
            </Button>
          ) : (
            <Text key={action.to} size="xs" c="dimmed">
              {t('analytics.noAccess')}
            </Text>
          ),
        )}
      </Group>
    </Card>
  );
}

function Caption({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

function FigureCards({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const can = useCan();
  const unregistered = Math.max(figures.alumni - figures.members, 0);
  const people = (count: number) => t('analytics.unitPeople', { count });
  const waiting = figures.pendingRegistrations > 0;
  const { imports } = figures;

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md" verticalSpacing="md">
      <FigureCard
        id="alumni"
        icon={<IconAddressBook size={20} />}
        label={t('analytics.alumni.label')}
        value={number(figures.alumni, locale)}
        unit={people(figures.alumni)}
        actions={[
          { to: '/alumni', label: t('analytics.alumni.action'), allowed: true, testId: 'figure-alumni-link' },
        ]}
      >
        <Caption>
          {figures.retireesCounted ? t('analytics.alumni.caption') : t('analytics.alumni.captionNoRetirees')}
        </Caption>
      </FigureCard>

      <FigureCard
        id="members"
        icon={<IconUsers size={20} />}
        color="teal"
        label={t('analytics.members.label')}
        value={number(figures.members, locale)}
        unit={people(figures.members)}
        actions={[
          {
            to: '/alumni?registered=true',
            label: t('analytics.members.action'),
            allowed: true,
            testId: 'figure-members-link',
          },
          {
            to: '/alumni?registered=false',
            label: t('analytics.members.actionUnregistered'),
            allowed: true,
            testId: 'figure-unregistered-link',
          },
        ]}
      >
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Text size="sm" fw={600} data-testid="figure-join-rate">
            {figures.joinRate === null
              ? t('analytics.members.noRate')
              : t('analytics.members.rate', { rate: percent(figures.joinRate, locale) })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('analytics.members.unregistered', { count: unregistered })}
          </Text>
        </Group>
        <Progress
          value={(figures.joinRate ?? 0) * 100}
          color="teal"
          size="md"
          radius="xl"
          aria-label={t('analytics.members.label')}
        />
        <Caption>{t('analytics.members.caption')}</Caption>
      </FigureCard>

      <FigureCard
        id="pending"
        icon={<IconUserCheck size={20} />}
        color={waiting ? 'orange' : 'gray'}
        label={t('analytics.pending.label')}
        value={number(figures.pendingRegistrations, locale)}
        unit={t('analytics.unitRequests', { count: figures.pendingRegistrations })}
        badge={
          waiting ? (
            <Badge color="orange" variant="filled" size="sm" style={{ flexShrink: 0 }}>
              {t('analytics.pending.attention')}
            </Badge>
          ) : null
        }
        actions={[
          {
            to: '/alumni/registration-requests',
            label: t('analytics.pending.action'),
            allowed: can('alumni:write'),
            testId: 'figure-pending-link',
          },
        ]}
      >
        <Caption>{waiting ? t('analytics.pending.caption') : t('analytics.pending.none')}</Caption>
      </FigureCard>

      <FigureCard
        id="invitations"
        icon={<IconMailForward size={20} />}
        color="blue"
        label={t('analytics.invitations.label')}
        value={number(figures.invitationsThisMonth, locale)}
        unit={t('analytics.unitSent', { count: figures.invitationsThisMonth })}
        actions={[
          {
            to: '/alumni/segments',
            label: t('analytics.invitations.action'),
            allowed: can('alumni:write'),
            testId: 'figure-invitations-link',
          },
        ]}
      >
        <Caption>{t('analytics.invitations.caption', { month: monthLabel(figures.month, locale) })}</Caption>
      </FigureCard>

      <FigureCard
        id="imports"
        icon={<IconFileImport size={20} />}
        color="indigo"
        label={t('analytics.imports.label')}
        value={number(imports.recent, locale)}
        unit={t('analytics.unitImports', { count: imports.recent })}
        actions={[
          {
            to: '/alumni/import',
            label: t('analytics.imports.action'),
            allowed: can('alumni:import'),
            testId: 'figure-imports-link',
          },
        ]}
      >
        <Text size="sm" fw={600}>
          {t('analytics.imports.window')}
        </Text>
        <Caption>
          <span data-testid="figure-imports-last">
            {!imports.lastAt
              ? t('analytics.imports.never')
              : imports.lastCreated !== null && imports.lastUpdated !== null
                ? t('analytics.imports.lastCounts', {
                    date: formatDate(imports.lastAt, locale),
                    created: number(imports.lastCreated, locale),
                    updated: number(imports.lastUpdated, locale),
                  })
                : t('analytics.imports.last', { date: formatDate(imports.lastAt, locale) })}
          </span>
        </Caption>
      </FigureCard>
    </SimpleGrid>
  );
}

/** The staff home's figures for the active company, each card leading to where one acts on it. */
export function HomeFigures({ companyName }: { companyName: string }) {
  const { t } = useTranslation();
  const figures = useHomeFigures();
  return (
    <Stack gap="sm" component="section" aria-labelledby="home-figures-title">
      <Group justify="space-between" align="flex-end" gap="xs" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Title order={2} fz="lg" id="home-figures-title">
            {t('analytics.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('analytics.lead', { company: companyName })}
          </Text>
        </Stack>
        <Tooltip label={t('analytics.refresh')}>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={t('analytics.refresh')}
            loading={figures.isFetching}
            onClick={() => void figures.refetch()}
          >
            <IconRefresh size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {figures.isPending ? (
        <LoadingState />
      ) : figures.isError ? (
        <ErrorState error={figures.error} onRetry={() => void figures.refetch()} />
      ) : (
        <FigureCards figures={figures.data} />
      )}
    </Stack>
  );
}
