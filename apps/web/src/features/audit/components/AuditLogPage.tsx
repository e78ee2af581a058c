import {
  type AlumniInterest,
  AUDIT_EXPORT_MAX_ROWS,
  type AuditEntry,
  consentPurposeLabels,
  interestLabels,
  type LeaveType,
  leaveTypeLabels,
} from '@kizuna/contract';
import { Anchor, Badge, Button, Group, Menu, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { currentLocale, dictionary, useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { ApiError } from '../../../lib/http';
import { useCan, useCurrentMe } from '../../identity/api/me';
import { useTenants } from '../../tenants/api/tenants';
import {
  type AuditExportEncoding,
  type AuditFilter,
  type AuditScope,
  auditExportEncodings,
  downloadAuditCsv,
  useAuditActors,
  useAuditLog,
} from '../api/audit';

type Dictionary = Record<string, string>;

/** Detail keys whose values are lists of consent purposes. */
const PURPOSE_KEYS = new Set(['consents', 'granted', 'withdrawn']);

/** Ids in details shown by name where the page knows it (actors, and companies for operators). */
type Names = ReadonlyMap<string, string>;
const NO_NAMES: Names = new Map();
const NamesContext = createContext<Names>(NO_NAMES);

/** A filter's parts in the order the page shows its filters (stored JSON keeps no order). */
const FILTER_ORDER = ['action', 'actorUserId', 'tenantId', 'from', 'to'];
const orderOf = (key: string) => {
  const i = FILTER_ORDER.indexOf(key);
  return i === -1 ? FILTER_ORDER.length : i;
};

const isChange = (value: object) => {
  const keys = Object.keys(value);
  return keys.length === 2 && keys.includes('from') && keys.includes('to');
};

/** One detail value in the user's words where we know them (roles, models, statuses, fields). */
function describeValue(t: TFunction, key: string, value: unknown, names: Names = NO_NAMES): string {
  if (value === null || value === undefined) return t('common.none');
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (Array.isArray(value)) {
    const separator = currentLocale() === 'ja' ? '、' : ', ';
    // an edit's changed fields by their names on the form; lists of codes by their labels
    const words: Dictionary =
      key === 'fields'
        ? dictionary(t, 'alumni.fields')
        : PURPOSE_KEYS.has(key)
          ? Object.fromEntries(Object.entries(consentPurposeLabels).map(([p, l]) => [p, l[currentLocale()]]))
          : {};
    return value.length
      ? value
          .map((v) => (typeof v === 'string' ? (words[v] ?? describeValue(t, key, v, names)) : String(v)))
          .join(separator)
      : t('common.none');
  }
  if (typeof value === 'string') {
    if (key === 'action') return dictionary(t, 'audit.actions')[value] ?? value;
    if (key === 'actorUserId' || key === 'tenantId') return names.get(value) ?? value;
    if (key === 'role') return dictionary(t, 'identity.roles')[value] ?? value;
    if (key === 'operatingModel') return dictionary(t, 'tenants.models')[value] ?? value;
    if (key === 'status') return dictionary(t, 'tenants.statuses')[value] ?? value;
    if (key === 'encoding') return dictionary(t, 'audit.encodings')[value] ?? value;
    if (key === 'leaveType') return leaveTypeLabels[value as LeaveType]?.[currentLocale()] ?? value;
    if (key === 'via' || key === 'source') return dictionary(t, `audit.values.${key}`)[value] ?? value;
    if (key === 'interest') return interestLabels[value as AlumniInterest]?.[currentLocale()] ?? value;
    if (key === 'registered' || key === 'hasDecisionAuthority' || key === 'eligible')
      return value === 'true' ? t('common.yes') : value === 'false' ? t('common.no') : value;
    return value;
  }
  // a change is exactly { from, to } (a filter has from and to days among other keys)
  if (typeof value === 'object' && value !== null && isChange(value)) {
    const change = value as { from: unknown; to: unknown };
    return `${describeValue(t, key, change.from, names)} → ${describeValue(t, key, change.to, names)}`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = dictionary(t, 'audit.detailKeys');
    const set = Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => orderOf(a) - orderOf(b));
    if (set.length === 0) return t('audit.noFilter');
    return set.map(([k, v]) => `${keys[k] ?? k}: ${describeValue(t, k, v, names)}`).join(', ');
  }
  return String(value);
}

function Detail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const names = useContext(NamesContext);
  const keys = dictionary(t, 'audit.detailKeys');
  const rows = Object.entries(entry.detail);
  if (rows.length === 0) return <Text c="dimmed">{t('common.none')}</Text>;
  return (
    <Stack gap={0}>
      {rows.map(([k, v]) => (
        <Text key={k} size="xs" className="kizuna-break">
          <Text component="span" c="dimmed" size="xs">
            {keys[k] ?? k}:
          </Text>{' '}
          {describeValue(t, k, v, names)}
        </Text>
      ))}
    </Stack>
  );
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FILTER_KEYS = ['action', 'actorUserId', 'from', 'to', 'tenantId'] as const;

/** The filters live in the address, so a link shares them and reloading keeps them. */
function useAuditFilterParams() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo<AuditFilter>(() => {
    const get = (key: string) => params.get(key)?.trim() || undefined;
    const day = (key: string) => {
      const v = get(key);
      return v && DAY.test(v) ? v : undefined;
    };
    return {
      action: get('action'),
      actorUserId: get('actorUserId'),
      from: day('from'),
      to: day('to'),
      tenantId: get('tenantId'),
    };
  }, [params]);
  const setFilter = useCallback(
    (change: Partial<AuditFilter>) =>
      setParams(
        () => {
          // from the address as it is now: react-router hands the function the parameters of the
          // last render, so a change made right after another (clear, then pick an action) would
          // bring back what the first one removed
          const next = new URLSearchParams(window.location.search);
          for (const [k, v] of Object.entries(change)) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true, preventScrollReset: true },
      ),
    [setParams],
  );
  const clear = useCallback(
    () => setFilter(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])) as Partial<AuditFilter>),
    [setFilter],
  );
  const active = FILTER_KEYS.some((k) => filter[k]);
  return { filter, setFilter, clear, active };
}

function ExportMenu({ scope, filter }: { scope: AuditScope; filter: AuditFilter }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<AuditExportEncoding | null>(null);
  const download = async (encoding: AuditExportEncoding) => {
    setBusy(encoding);
    try {
      const file = await downloadAuditCsv(scope, filter, encoding);
      notifications.show({ color: 'teal', message: t('audit.exported', { file }) });
    } catch (error) {
      const tooLarge = error instanceof ApiError && error.code === 'payload_too_large';
      notifications.show({
        color: 'red',
        message: tooLarge
          ? t('audit.exportTooLarge', { max: AUDIT_EXPORT_MAX_ROWS.toLocaleString() })
          : error instanceof Error
            ? error.message
            : String(error),
      });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Menu position="bottom-end" withinPortal shadow="md" width={300}>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={busy !== null}
        >
          {t('audit.export')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label style={{ whiteSpace: 'normal' }}>
          {t('audit.exportLabel', { max: AUDIT_EXPORT_MAX_ROWS.toLocaleString() })}
        </Menu.Label>
        {auditExportEncodings.map((encoding) => (
          <Menu.Item
            key={encoding}
            leftSection={<IconFileSpreadsheet size={16} />}
            onClick={() => void download(encoding)}
          >
            {t(`audit.exportEncodings.${encoding}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** What the entry is about: its kind, and its name as it is now (linked for an alumnus). */
function Subject({ entry, linkAlumni }: { entry: AuditEntry; linkAlumni: boolean }) {
  const { t } = useTranslation();
  const kinds = dictionary(t, 'audit.subjects');
  const kind = kinds[entry.subjectType] ?? entry.subjectType;
  const id = entry.subjectId;
  const name = entry.subjectName;
  return (
    <Stack gap={0} align="inherit">
      <Text size="xs" c="dimmed">
        {kind}
      </Text>
      {name && id && linkAlumni && entry.subjectType === 'alumnus' ? (
        <Anchor component={Link} to={`/alumni/${id}`} size="sm" title={t('audit.openSubject')}>
          {name}
        </Anchor>
      ) : name ? (
        <Text size="sm" title={id ?? undefined}>
          {name}
        </Text>
      ) : id ? (
        <Text size="xs" c="dimmed" ff="monospace" title={id}>
          {id.slice(0, 8)}
        </Text>
      ) : null}
    </Stack>
  );
}

export function AuditLogPage({ scope }: { scope: AuditScope }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useCurrentMe();
  const isOperator = scope === 'operator';
  const canReadAlumni = useCan()('alumni:read');
  const { filter, setFilter, clear, active } = useAuditFilterParams();
  const tenants = useTenants(isOperator);
  const log = useAuditLog(scope, filter);
  const actors = useAuditActors(scope, filter);
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const actionNames = dictionary(t, 'audit.actions');

  const actorOptions = useMemo(() => {
    const options = (actors.data ?? []).map((a) => ({ value: a.userId, label: a.name ?? a.userId }));
    // the chosen actor stays nameable when the chosen days no longer include them
    if (filter.actorUserId && !options.some((o) => o.value === filter.actorUserId)) {
      const seen = entries.find((e) => e.actorUserId === filter.actorUserId);
      options.unshift({ value: filter.actorUserId, label: seen?.actorName ?? filter.actorUserId });
    }
    return options;
  }, [actors.data, filter.actorUserId, entries]);

  const names = useMemo<Names>(
    () =>
      new Map([
        ...(tenants.data ?? []).map((tn) => [tn.id, tn.name] as const),
        ...actorOptions.map((o) => [o.value, o.label] as const),
      ]),
    [tenants.data, actorOptions],
  );

  return (
    <NamesContext.Provider value={names}>
      <Stack gap="md">
        <PageHeader
          title={isOperator ? t('audit.titleOperator') : t('audit.title')}
          lead={
            isOperator ? t('audit.leadOperator') : t('audit.lead', { company: me.activeTenant?.name ?? '' })
          }
          actions={<ExportMenu scope={scope} filter={filter} />}
        />
        <Group gap="sm" align="flex-end" data-testid="audit-filters">
          <Select
            label={t('audit.filterAction')}
            placeholder={t('audit.allActions')}
            data={Object.entries(actionNames)
              .filter(([key]) => isOperator || key !== 'audit.read_all')
              .map(([value, label]) => ({ value, label }))}
            value={filter.action ?? null}
            onChange={(v) => setFilter({ action: v ?? undefined })}
            clearable
            searchable
            w={{ base: '100%', xs: 260 }}
          />
          <Select
            label={t('audit.filterActor')}
            placeholder={t('audit.allActors')}
            data={actorOptions}
            value={filter.actorUserId ?? null}
            onChange={(v) => setFilter({ actorUserId: v ?? undefined })}
            clearable
            searchable
            limit={100}
            nothingFoundMessage={t('audit.noActors')}
            w={{ base: '100%', xs: 200 }}
          />
          <Group gap="sm" wrap="nowrap" w={{ base: '100%', xs: 'auto' }} align="flex-end">
            <TextInput
              type="date"
              label={t('audit.from')}
              value={filter.from ?? ''}
              max={filter.to}
              onChange={(e) => setFilter({ from: e.currentTarget.value || undefined })}
              style={{ flex: 1 }}
              w={{ xs: 160 }}
            />
            <TextInput
              type="date"
              label={t('audit.to')}
              value={filter.to ?? ''}
              min={filter.from}
              onChange={(e) => setFilter({ to: e.currentTarget.value || undefined })}
              style={{ flex: 1 }}
              w={{ xs: 160 }}
            />
          </Group>
          {isOperator ? (
            <Select
              label={t('audit.filterCompany')}
              placeholder={t('audit.allCompanies')}
              data={(tenants.data ?? []).map((tn) => ({ value: tn.id, label: tn.name }))}
              value={filter.tenantId ?? null}
              onChange={(v) => setFilter({ tenantId: v ?? undefined })}
              clearable
              searchable
              w={{ base: '100%', xs: 240 }}
            />
          ) : null}
          {active ? (
            <Button variant="subtle" color="gray" leftSection={<IconX size={14} />} onClick={clear}>
              {t('audit.clearFilters')}
            </Button>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" mt={-8}>
          {t('audit.japanTime')}
        </Text>
        {log.isPending ? (
          <LoadingState />
        ) : log.isError ? (
          <ErrorState error={log.error} onRetry={() => void log.refetch()} />
        ) : entries.length === 0 ? (
          <Empty title={active ? t('audit.emptyFiltered') : t('audit.empty')} />
        ) : (
          <>
            <DataTable
              rows={entries}
              rowKey={(e) => e.id}
              testId="audit-row"
              titleColumn="action"
              columns={[
                {
                  key: 'time',
                  header: t('audit.time'),
                  nowrap: true,
                  cell: (e) => formatDateTime(e.createdAt, locale, true),
                },
                ...(isOperator
                  ? [
                      {
                        key: 'company',
                        header: t('audit.company'),
                        width: '10rem',
                        cell: (e: AuditEntry) =>
                          e.tenantName ?? (
                            <Text c="dimmed" size="sm" component="span">
                              {t('audit.operatorScope')}
                            </Text>
                          ),
                      },
                    ]
                  : []),
                {
                  key: 'actor',
                  header: t('audit.actor'),
                  nowrap: true,
                  cell: (e) =>
                    e.actorName ?? (
                      <Text c="dimmed" size="sm" component="span">
                        {t('audit.system')}
                      </Text>
                    ),
                },
                {
                  key: 'action',
                  header: t('audit.action'),
                  cell: (e) => (
                    <Badge variant="light" color="gray" radius="sm">
                      {actionNames[e.action] ?? e.action}
                    </Badge>
                  ),
                },
                {
                  key: 'subject',
                  header: t('audit.subject'),
                  cell: (e) => <Subject entry={e} linkAlumni={canReadAlumni && !isOperator} />,
                },
                {
                  key: 'ip',
                  header: t('audit.ip'),
                  cell: (e) => (
                    <Text size="xs" ff="monospace" component="span">
                      {e.ip ?? t('common.none')}
                    </Text>
                  ),
                },
                { key: 'detail', header: t('audit.detail'), cell: (e) => <Detail entry={e} /> },
              ]}
            />
            <LoadMore pages={log} endLabel={t('audit.end')} />
          </>
        )}
      </Stack>
    </NamesContext.Provider>
  );
}
