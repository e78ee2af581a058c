import {
  type AlumniInterest,
  type ImportDefaultField,
  type ImportPreview,
  type LeaveReasonCategory,
  type LeaveType,
  leaveReasonCategories,
  leaveTypes,
} from '@kizuna/contract';
import { Alert, Badge, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../../components/DataTable';
import { dictionary, useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { interestLabel, leaveReasonLabel, leaveTypeColor, leaveTypeLabel } from '../../alumni/labels';
import { useFieldLabel } from '../mapping-rules';

type Summary = ImportPreview['summary'];
type Sample = ImportPreview['samples'][number];
type Problem = ImportPreview['problems'][number];
type Skipped = ImportPreview['skipped'][number];

const summaryColor: Record<keyof Summary, string> = {
  create: 'teal',
  update: 'blue',
  unchanged: 'gray',
  rejected: 'red',
};
const actionColor: Record<Sample['action'], string> = { create: 'teal', update: 'blue', unchanged: 'gray' };

/** The file's row number, first column of the problems, skipped rows and samples tables. */
function rowNumberColumn<T extends { row: number }>(header: string): Column<T> {
  return { key: 'row', header, nowrap: true, width: 64, cell: (r) => r.row };
}

/** 新規 / 更新 / 変更なし / エラー as four large numbers. */
export function SummaryCounts({ summary, testId }: { summary: Summary; testId?: string }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid={testId}>
      {(Object.keys(summaryColor) as (keyof Summary)[]).map((key) => (
        <Paper
          key={key}
          withBorder
          radius="md"
          p="md"
          data-testid={`summary-${key}`}
          style={{
            borderLeft: `4px solid var(--mantine-color-${summaryColor[key]}-${key === 'rejected' && summary[key] === 0 ? '2' : '6'})`,
          }}
        >
          <Text size="xs" c="dimmed" fw={600}>
            {t(`alumniImport.summary.${key}`)}
          </Text>
          <Text
            fz={28}
            fw={700}
            lh={1.2}
            c={key === 'rejected' && summary[key] > 0 ? 'red.7' : undefined}
            data-testid={`summary-${key}-count`}
          >
            {summary[key].toLocaleString()}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** A value for all rows in words: a code as its label, a list of interests as their labels. */
function defaultInWords(field: ImportDefaultField, value: string, locale: 'ja' | 'en'): string {
  if (field === 'leaveType' && (leaveTypes as readonly string[]).includes(value))
    return leaveTypeLabel(value as LeaveType, locale);
  if (field === 'leaveReasonCategory' && (leaveReasonCategories as readonly string[]).includes(value))
    return leaveReasonLabel(value as LeaveReasonCategory, locale);
  if (field === 'interests')
    return value
      .split('、')
      .map((v) => interestLabel(v as AlumniInterest, locale))
      .join(locale === 'ja' ? '、' : ', ');
  return value;
}

/** What the mapping added to the file: values for all rows, the file's own values read as ours. */
function MappingAdditions({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = dictionary(t, 'alumni.fields');
  const fieldLabel = useFieldLabel();
  const defaults = Object.entries(preview.defaults) as [ImportDefaultField, string][];
  const maps = Object.entries(preview.values).flatMap(([field, map]) =>
    Object.entries(map ?? {}).map(([from, code]) => ({
      field,
      from,
      to:
        field === 'leaveType'
          ? leaveTypeLabel(code as LeaveType, locale)
          : leaveReasonLabel(code as LeaveReasonCategory, locale),
    })),
  );
  if (!defaults.length && !maps.length) return null;
  return (
    <Paper withBorder radius="md" p="md" data-testid="import-additions">
      <Stack gap="xs">
        {defaults.length ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('alumniImport.defaultsUsed')}
            </Text>
            <Group gap="xs">
              {defaults.map(([field, value]) => (
                <Badge
                  key={field}
                  variant="light"
                  color="grape"
                  size="lg"
                  tt="none"
                  data-testid="default-used"
                >
                  {names[field] ?? fieldLabel(field)}: {defaultInWords(field, value, locale)}
                </Badge>
              ))}
            </Group>
            <Text size="xs" c="dimmed">
              {t('alumniImport.defaultsUsedLead')}
            </Text>
          </Stack>
        ) : null}
        {maps.length ? (
          <Stack gap={4}>
            <Text size="sm" fw={600}>
              {t('alumniImport.valuesUsed')}
            </Text>
            <Group gap="xs">
              {maps.map((m) => (
                <Badge key={`${m.field}:${m.from}`} variant="light" color="gray" size="lg" tt="none">
                  {m.from || t('alumniImport.blankValue')} → {m.to}
                </Badge>
              ))}
            </Group>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}

/** ③ What applying would do: counts, every problem by row and column, the first rows' actions. */
export function ImportPreviewStep({
  preview,
  fileName,
  skipInvalid,
  onSkipInvalid,
}: {
  preview: ImportPreview;
  fileName: string;
  skipInvalid: boolean;
  onSkipInvalid: (skip: boolean) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fields = dictionary(t, 'alumni.fields');
  const { summary, problems, samples, skipped } = preview;
  const toApply = summary.create + summary.update;
  const separator = locale === 'ja' ? '、' : ', ';

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Text size="sm" c="dimmed" className="kizuna-break">
          {t('alumniImport.rowsTotal', { rows: preview.rows.toLocaleString(), fileName })}
        </Text>
        <SummaryCounts summary={summary} testId="import-summary" />
      </Stack>

      <MappingAdditions preview={preview} />

      {problems.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="import-problems">
          <Group gap="xs">
            <IconAlertTriangle size={18} color="var(--mantine-color-red-6)" />
            <Title order={2} fz="md" id="import-problems">
              {t('alumniImport.problems')}
            </Title>
            <Badge color="red" variant="light">
              {problems.length.toLocaleString()}
            </Badge>
          </Group>
          <DataTable<Problem>
            rows={problems}
            rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
            testId="import-problem"
            titleColumn="message"
            columns={[
              rowNumberColumn(t('alumniImport.problemRow')),
              {
                key: 'column',
                header: t('alumniImport.problemColumn'),
                nowrap: true,
                cell: (p) =>
                  p.column ?? (
                    <Text span size="sm" c="dimmed">
                      {t('alumniImport.wholeFile')}
                    </Text>
                  ),
              },
              { key: 'message', header: t('alumniImport.problemMessage'), cell: (p) => p.message },
            ]}
          />
          {problems.length >= 1000 ? (
            <Text size="xs" c="dimmed">
              {t('alumniImport.problemsTruncated', { count: problems.length })}
            </Text>
          ) : null}
        </Stack>
      ) : null}

      {skipped.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="import-skipped">
          <Group gap="xs">
            <Title order={2} fz="md" id="import-skipped">
              {t('alumniImport.skipped')}
            </Title>
            <Badge color="gray" variant="light">
              {skipped.length.toLocaleString()}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {t('alumniImport.skippedLead')}
          </Text>
          <DataTable<Skipped>
            rows={skipped}
            rowKey={(k) => `${k.row}`}
            testId="import-skipped"
            titleColumn="message"
            columns={[
              rowNumberColumn(t('alumniImport.problemRow')),
              { key: 'message', header: t('alumniImport.skippedReason'), cell: (k) => k.message },
            ]}
          />
        </Stack>
      ) : null}

      {samples.length > 0 ? (
        <Stack gap="xs" component="section" aria-labelledby="import-samples">
          <Title order={2} fz="md" id="import-samples">
            {t('alumniImport.samples')}
          </Title>
          <DataTable<Sample>
            rows={samples}
            rowKey={(s) => String(s.row)}
            testId="import-sample"
            titleColumn="name"
            columns={[
              rowNumberColumn(t('alumniImport.sampleRow')),
              {
                key: 'action',
                header: t('alumniImport.sampleAction'),
                nowrap: true,
                cell: (s) => (
                  <Badge variant="light" color={actionColor[s.action]}>
                    {t(`alumniImport.actions.${s.action}`)}
                  </Badge>
                ),
              },
              { key: 'name', header: t('alumniImport.sampleName'), cell: (s) => s.name },
              {
                key: 'employeeNumber',
                header: t('alumniImport.sampleNumber'),
                nowrap: true,
                cell: (s) => s.employeeNumber ?? t('common.none'),
              },
              {
                key: 'leftOn',
                header: t('alumniImport.sampleLeftOn'),
                nowrap: true,
                cell: (s) => formatDate(s.leftOn, locale),
              },
              {
                key: 'leaveType',
                header: t('alumniImport.sampleLeaveType'),
                nowrap: true,
                cell: (s) => (
                  <Badge variant="light" color={leaveTypeColor[s.leaveType]}>
                    {leaveTypeLabel(s.leaveType, locale)}
                  </Badge>
                ),
              },
              {
                key: 'changed',
                header: t('alumniImport.sampleChanged'),
                cell: (s) =>
                  s.changed.length ? (
                    <Text size="sm" c="dimmed">
                      {s.changed.map((f) => fields[f] ?? f).join(separator)}
                    </Text>
                  ) : (
                    t('common.none')
                  ),
              },
            ]}
          />
          {samples.length < summary.create + summary.update + summary.unchanged ? (
            <Text size="xs" c="dimmed">
              {t('alumniImport.samplesTruncated', { count: samples.length })}
            </Text>
          ) : null}
        </Stack>
      ) : null}

      {summary.rejected > 0 && toApply > 0 ? (
        <Paper withBorder radius="md" p="md" bg={skipInvalid ? 'yellow.0' : 'red.0'}>
          <Stack gap="xs">
            {!skipInvalid ? (
              <Text size="sm" c="red.8">
                {t('alumniImport.blocked')}
              </Text>
            ) : null}
            <Checkbox
              label={t('alumniImport.skipInvalid')}
              description={t('alumniImport.skipInvalidHint', { count: summary.rejected })}
              checked={skipInvalid}
              onChange={(e) => onSkipInvalid(e.currentTarget.checked)}
            />
          </Stack>
        </Paper>
      ) : null}
      {toApply === 0 ? (
        <Alert color="gray" icon={<IconInfoCircle size={18} />}>
          {t('alumniImport.nothingToApply')}
        </Alert>
      ) : (
        <Text size="xs" c="dimmed">
          {t('alumniImport.allOrNothing')}
        </Text>
      )}
    </Stack>
  );
}
