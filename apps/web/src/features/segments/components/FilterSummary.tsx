import { Badge, Group, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import type { AlumniFilter } from '../../alumni/api/alumni';
import { interestLabel, leaveTypeLabel } from '../../alumni/labels';

/** A filter in words, one "name: value" per condition set. */
export function filterInWords(
  filter: AlumniFilter,
  t: TFunction,
  locale: 'ja' | 'en',
): { key: string; label: string; value: string }[] {
  const sep = locale === 'ja' ? '・' : ', ';
  const f = (key: string) => t(`segments.filter.${key}`);
  const yesNo = (v: string) => (v === 'true' ? f('yes') : f('no'));
  const out: { key: string; label: string; value: string }[] = [];
  const add = (key: string, value: string) => {
    if (value) out.push({ key, label: f(key), value });
  };
  add('q', filter.q.trim());
  add('department', filter.department.trim());
  add('leaveYear', filter.leaveYear);
  add('leaveType', filter.leaveType.map((v) => leaveTypeLabel(v, locale)).join(sep));
  add('interest', filter.interest.map((v) => interestLabel(v, locale)).join(sep));
  add('tag', filter.tag.join(sep));
  add(
    'registered',
    filter.registered ? f(filter.registered === 'true' ? 'registeredYes' : 'registeredNo') : '',
  );
  add('hasDecisionAuthority', filter.hasDecisionAuthority ? yesNo(filter.hasDecisionAuthority) : '');
  add('currentCompany', filter.currentCompany.trim());
  add('eligible', filter.eligible ? f(filter.eligible === 'true' ? 'eligibleYes' : 'eligibleNo') : '');
  return out;
}

/** The conditions of a filter as small labelled badges; "everyone" when there are none. */
export function FilterSummary({ filter, size = 'sm' }: { filter: AlumniFilter; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const words = filterInWords(filter, t, locale);
  if (words.length === 0)
    return (
      <Text size={size} c="dimmed">
        {t('segments.allAlumni')}
      </Text>
    );
  return (
    <Group gap={6} justify="inherit" data-testid="filter-summary">
      {words.map((w) => (
        <Badge
          key={w.key}
          variant="light"
          color="gray"
          radius="sm"
          size={size === 'xs' ? 'sm' : 'md'}
          tt="none"
          fw={500}
          maw="100%"
        >
          <Text span inherit c="dimmed">
            {w.label}:
          </Text>{' '}
          {w.value}
        </Badge>
      ))}
    </Group>
  );
}
