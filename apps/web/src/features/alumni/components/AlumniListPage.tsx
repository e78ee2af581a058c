import { alumniSorts } from '@kizuna/contract';
import { Anchor, Badge, Button, Collapse, Flex, Group, Menu, Select, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAdjustmentsHorizontal,
  IconBan,
  IconChevronDown,
  IconDownload,
  IconFileImport,
  IconFileSpreadsheet,
  IconPlus,
  IconSearch,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { useCan, useCurrentMe } from '../../identity/api/me';
import { EligibilityBadge } from '../../rehire-policy/components/EligibilityBadge';
import { SaveSegmentButton } from '../../segments/components/SaveSegmentButton';
import {
  type AlumniFilter,
  type AlumnusSummary,
  exportEncodings,
  exportHref,
  useAlumniList,
} from '../api/alumni';
import { useAlumniFilterParams } from '../filter-params';
import { fullKana, fullName, interestColor, interestLabel, leaveTypeColor, leaveTypeLabel } from '../labels';
import { AlumniFilters, DebouncedTextInput } from './AlumniFilters';

function ExportMenu({ filter, count, capped }: { filter: AlumniFilter; count: number; capped: boolean }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
        >
          {t('alumni.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label style={{ whiteSpace: 'normal' }}>
          {t(capped ? 'alumni.exportLabelCapped' : 'alumni.exportLabel', { count })}
        </Menu.Label>
        {exportEncodings.map((encoding) => (
          <Menu.Item
            key={encoding}
            component="a"
            href={exportHref(filter, encoding)}
            download
            leftSection={<IconFileSpreadsheet size={16} />}
          >
            {t(`alumni.exportEncodings.${encoding}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** 会員 / 連絡不可 / 決裁権: what staff must see before contacting someone. */
export function AlumnusBadges({
  alumnus,
  withUnregistered = false,
}: {
  alumnus: Pick<AlumnusSummary, 'isRegistered' | 'doNotContact' | 'hasDecisionAuthority'>;
  withUnregistered?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap" justify="inherit">
      {alumnus.doNotContact ? (
        <Badge color="red" variant="filled" leftSection={<IconBan size={12} />}>
          {t('alumni.doNotContact')}
        </Badge>
      ) : null}
      {alumnus.isRegistered ? (
        <Badge color="teal" variant="light">
          {t('alumni.member')}
        </Badge>
      ) : withUnregistered ? (
        <Badge color="gray" variant="outline">
          {t('alumni.notMember')}
        </Badge>
      ) : null}
      {alumnus.hasDecisionAuthority ? (
        <Badge color="violet" variant="outline">
          {t('alumni.decisionAuthority')}
        </Badge>
      ) : null}
    </Group>
  );
}

function AlumniTable({ rows }: { rows: AlumnusSummary[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  // the record's "back" link returns to this list as it is filtered now
  const { search } = useLocation();
  const none = (
    <Text span c="dimmed" size="sm">
      {t('common.none')}
    </Text>
  );
  return (
    <DataTable
      rows={rows}
      rowKey={(a) => a.id}
      testId="alumnus-row"
      columns={[
        {
          key: 'name',
          header: t('alumni.columns.name'),
          // a long name (up to 50 + 50 characters) wraps: two lines at most in the table, the
          // whole of it on hover; on a phone's card it wraps in full
          cell: (a) => (
            <Stack gap={0}>
              <Anchor
                component={Link}
                to={`/alumni/${a.id}`}
                state={{ listSearch: search }}
                fw={600}
                size="sm"
                title={fullName(a)}
                className="kizuna-clamp"
                data-testid="alumnus-name"
              >
                {fullName(a)}
              </Anchor>
              {fullKana(a) ? (
                <Text size="xs" c="dimmed" fw={400} title={fullKana(a) ?? undefined} className="kizuna-clamp">
                  {fullKana(a)}
                </Text>
              ) : null}
            </Stack>
          ),
        },
        {
          key: 'employeeNumber',
          header: t('alumni.columns.employeeNumber'),
          nowrap: true,
          cell: (a) => a.employeeNumber ?? none,
        },
        {
          key: 'department',
          header: t('alumni.columns.department'),
          cell: (a) =>
            a.department || a.position ? (
              <Stack gap={0}>
                <Text size="sm" title={a.department ?? undefined} className="kizuna-clamp">
                  {a.department ?? t('common.none')}
                </Text>
                {a.position ? (
                  <Text size="xs" c="dimmed" title={a.position} className="kizuna-clamp">
                    {a.position}
                  </Text>
                ) : null}
              </Stack>
            ) : (
              none
            ),
        },
        {
          key: 'leftOn',
          header: t('alumni.columns.leftOn'),
          nowrap: true,
          cell: (a) => (
            // inline content: left in the table, right-aligned on a phone's card
            <div>
              <Text size="sm">{formatDate(a.leftOn, locale)}</Text>
              <Badge variant="light" color={leaveTypeColor[a.leaveType]} radius="sm" size="sm" mt={4}>
                {leaveTypeLabel(a.leaveType, locale)}
              </Badge>
            </div>
          ),
        },
        {
          key: 'currentCompany',
          header: t('alumni.columns.currentCompany'),
          cell: (a) =>
            a.currentCompany ? (
              <Text size="sm" title={a.currentCompany} className="kizuna-clamp">
                {a.currentCompany}
              </Text>
            ) : (
              none
            ),
        },
        {
          key: 'interests',
          header: t('alumni.columns.interests'),
          cell: (a) =>
            a.interests.length ? (
              <Group gap={4} justify="inherit">
                {a.interests.map((i) => (
                  <Badge key={i} size="sm" variant="dot" color={interestColor[i]}>
                    {interestLabel(i, locale)}
                  </Badge>
                ))}
              </Group>
            ) : (
              none
            ),
        },
        {
          key: 'status',
          header: t('alumni.columns.status'),
          cell: (a) =>
            a.doNotContact || a.isRegistered || a.hasDecisionAuthority || a.eligibility ? (
              <Group gap={4} wrap="wrap" justify="inherit">
                <AlumnusBadges alumnus={a} />
                <EligibilityBadge eligibility={a.eligibility} />
              </Group>
            ) : (
              none
            ),
        },
      ]}
    />
  );
}

export function AlumniListPage() {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const can = useCan();
  const { filter, sort, setFilter, setSort, clearFilters, activeCount } = useAlumniFilterParams();
  const [filtersOpen, filtersPanel] = useDisclosure(activeCount > 0);
  const list = useAlumniList(filter, sort);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  // the first page counts the matches, up to a limit (totalCapped: more than that)
  const total = list.data?.pages[0]?.total ?? 0;
  const totalCapped = list.data?.pages[0]?.totalCapped ?? false;
  const isFiltered = activeCount > 0 || filter.q.trim() !== '';
  // a company without any alumni yet sees the way in (import), not an empty search
  const hasNobody = list.isSuccess && total === 0 && !isFiltered;

  const importButton = can('alumni:import') ? (
    <Button component={Link} to="/alumni/import" variant="default" leftSection={<IconFileImport size={16} />}>
      {t('alumni.import')}
    </Button>
  ) : null;
  const addButton = can('alumni:write') ? (
    <Button component={Link} to="/alumni/new" leftSection={<IconPlus size={16} />}>
      {t('alumni.add')}
    </Button>
  ) : null;

  return (
    <Stack gap="md">
      <PageHeader
        title={t('alumni.title')}
        lead={t('alumni.lead', { company: me.activeTenant?.name ?? '' })}
        actions={
          <>
            {can('alumni:export') && total > 0 ? (
              <ExportMenu filter={filter} count={total} capped={totalCapped} />
            ) : null}
            {importButton}
            {addButton}
          </>
        }
      />

      <Stack gap="xs" display={hasNobody ? 'none' : undefined}>
        <Flex gap="sm" direction={{ base: 'column', sm: 'row' }} align={{ base: 'stretch', sm: 'center' }}>
          <DebouncedTextInput
            aria-label={t('alumni.search')}
            placeholder={t('alumni.searchPlaceholder')}
            leftSection={<IconSearch size={16} />}
            type="search"
            value={filter.q}
            onCommit={(q) => setFilter({ q })}
            style={{ flex: 1 }}
            data-testid="alumni-search"
          />
          <Group gap="sm" wrap="nowrap">
            <Button
              variant={filtersOpen ? 'light' : 'default'}
              leftSection={<IconAdjustmentsHorizontal size={16} />}
              rightSection={
                activeCount > 0 ? (
                  <Badge size="sm" circle variant="filled">
                    {activeCount}
                  </Badge>
                ) : null
              }
              onClick={filtersPanel.toggle}
              aria-expanded={filtersOpen}
              aria-controls="alumni-filters"
            >
              {t('alumni.filters')}
            </Button>
            <Select
              aria-label={t('alumni.sort.label')}
              data={alumniSorts.map((s) => ({ value: s, label: t(`alumni.sort.${s}`) }))}
              value={sort}
              onChange={(v) => v && setSort(v as typeof sort)}
              allowDeselect={false}
              w={{ sm: 210 }}
              style={{ flex: 1 }}
            />
          </Group>
        </Flex>
        <Collapse expanded={filtersOpen} id="alumni-filters">
          <AlumniFilters
            filter={filter}
            onChange={setFilter}
            onClear={clearFilters}
            activeCount={activeCount}
          />
        </Collapse>
      </Stack>

      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        isFiltered ? (
          <Empty title={t('alumni.noMatchTitle')}>
            <Stack align="center" gap="sm">
              <Text size="sm" c="dimmed">
                {t('alumni.noMatchBody')}
              </Text>
              {activeCount > 0 ? (
                <Button variant="default" size="xs" onClick={clearFilters}>
                  {t('alumni.clearFilters')}
                </Button>
              ) : null}
            </Stack>
          </Empty>
        ) : (
          <Empty title={t('alumni.emptyTitle')}>
            <Stack align="center" gap="sm">
              <Text size="sm" c="dimmed" ta="center" maw={460}>
                {can('alumni:import') ? t('alumni.emptyBody') : t('alumni.emptyBodyNoImport')}
              </Text>
              <Group gap="xs" justify="center">
                {can('alumni:import') ? (
                  <Button component={Link} to="/alumni/import" leftSection={<IconFileImport size={16} />}>
                    {t('alumni.emptyImport')}
                  </Button>
                ) : null}
                {can('alumni:write') ? (
                  <Button
                    component={Link}
                    to="/alumni/new"
                    variant="default"
                    leftSection={<IconPlus size={16} />}
                  >
                    {t('alumni.emptyAdd')}
                  </Button>
                ) : null}
              </Group>
            </Stack>
          </Empty>
        )
      ) : (
        <Stack gap="sm" style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}>
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" data-testid="alumni-total" aria-live="polite">
              {totalCapped
                ? t('alumni.shownCapped', {
                    total: total.toLocaleString(),
                    shown: rows.length.toLocaleString(),
                  })
                : rows.length < total
                  ? t('alumni.shown', { total: total.toLocaleString(), shown: rows.length.toLocaleString() })
                  : t('alumni.total', { count: total })}
            </Text>
            {isFiltered && can('alumni:write') ? <SaveSegmentButton filter={filter} /> : null}
          </Group>
          <AlumniTable rows={rows} />
          <LoadMore pages={list} endLabel={t('alumni.end')} />
        </Stack>
      )}
    </Stack>
  );
}
