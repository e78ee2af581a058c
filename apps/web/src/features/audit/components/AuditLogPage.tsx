import {
  type AlumniInterest,
  type AuditEntry,
  consentPurposeLabels,
  interestLabels,
  type LeaveType,
  leaveTypeLabels,
} from '@kizuna/contract';
import { Anchor, Badge, Group, Select, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable } from '../../../components/DataTable';
import { LoadMore } from '../../../components/LoadMore';
import { PageHeader } from '../../../components/PageHeader';
import { Empty, ErrorState, LoadingState } from '../../../components/QueryState';
import { currentLocale, dictionary, useLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useCan, useCurrentMe } from '../../identity/api/me';
import { useTenants } from '../../tenants/api/tenants';
import { type AuditScope, useAuditLog } from '../api/audit';

type Dictionary = Record<string, string>;

/** Detail keys whose values are lists of consent purposes. */
const PURPOSE_KEYS = new Set(['consents', 'granted', 'withdrawn']);

/** One detail value in the user's words where we know them (roles, models, statuses, fields). */
function describeValue(t: TFunction, key: string, value: unknown): string {
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
          .map((v) => (typeof v === 'string' ? (words[v] ?? describeValue(t, key, v)) : String(v)))
          .join(separator)
      : t('common.none');
  }
  if (typeof value === 'string') {
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
  if (typeof value === 'object' && value !== null && 'from' in value && 'to' in value) {
    const change = value as { from: unknown; to: unknown };
    return `${describeValue(t, key, change.from)} → ${describeValue(t, key, change.to)}`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = dictionary(t, 'audit.detailKeys');
    const set = Object.entries(value).filter(([, v]) => v !== null && v !== undefined);
    if (set.length === 0) return t('audit.noFilter');
    return set.map(([k, v]) => `${keys[k] ?? k}: ${describeValue(t, k, v)}`).join(', ');
  }
  return String(value);
}

function Detail({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
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
          {describeValue(t, k, v)}
        </Text>
      ))}
    </Stack>
  );
}

export function AuditLogPage({ scope }: { scope: AuditScope }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const me = useCurrentMe();
  const isOperator = scope === 'operator';
  const canReadAlumni = useCan()('alumni:read');
  const [action, setAction] = useState<string | null>(null);
  const [tenantId, setTenantId] = useState<string | null>(null);
  const tenants = useTenants(isOperator);
  const log = useAuditLog(scope, { action: action ?? undefined, tenantId: tenantId ?? undefined });
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const actionNames = dictionary(t, 'audit.actions');
  const subjectNames = dictionary(t, 'audit.subjects');

  return (
    <Stack gap="md">
      <PageHeader
        title={isOperator ? t('audit.titleOperator') : t('audit.title')}
        lead={
          isOperator ? t('audit.leadOperator') : t('audit.lead', { company: me.activeTenant?.name ?? '' })
        }
      />
      <Group gap="sm" align="flex-end">
        <Select
          label={t('audit.filterAction')}
          placeholder={t('audit.allActions')}
          data={Object.entries(actionNames)
            .filter(([key]) => isOperator || key !== 'audit.read_all')
            .map(([value, label]) => ({ value, label }))}
          value={action}
          onChange={setAction}
          clearable
          searchable
          w={{ base: '100%', xs: 320 }}
        />
        {isOperator ? (
          <Select
            label={t('audit.filterCompany')}
            placeholder={t('audit.allCompanies')}
            data={(tenants.data ?? []).map((tn) => ({ value: tn.id, label: tn.name }))}
            value={tenantId}
            onChange={setTenantId}
            clearable
            searchable
            w={{ base: '100%', xs: 260 }}
          />
        ) : null}
      </Group>
      {log.isPending ? (
        <LoadingState />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <Empty title={t('audit.empty')} />
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
                cell: (e) => (
                  <>
                    <Text size="sm">{subjectNames[e.subjectType] ?? e.subjectType}</Text>
                    {e.subjectId && e.subjectType === 'alumnus' && canReadAlumni && !isOperator ? (
                      <Anchor
                        component={Link}
                        to={`/alumni/${e.subjectId}`}
                        size="xs"
                        ff="monospace"
                        title={t('audit.openSubject')}
                      >
                        {e.subjectId.slice(0, 8)}
                      </Anchor>
                    ) : e.subjectId ? (
                      <Text size="xs" c="dimmed" ff="monospace" title={e.subjectId}>
                        {e.subjectId.slice(0, 8)}
                      </Text>
                    ) : null}
                  </>
                ),
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
  );
}
