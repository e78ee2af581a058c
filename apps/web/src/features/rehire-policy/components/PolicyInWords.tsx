import type { LeaveReasonCategory, LeaveType } from '@kizuna/contract';
import { List, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import { leaveReasonLabel, leaveTypeLabel } from '../../alumni/labels';

export interface PolicyRules {
  allowedLeaveTypes: LeaveType[];
  minTenureMonths: number;
  minMonthsSinceLeaving: number;
  excludedLeaveReasons: LeaveReasonCategory[];
  /** Only staff see this one (the published policy leaves it out). */
  excludeDoNotContact?: boolean;
}

/** 3年 / 1年6か月 / 6か月 */
export function period(months: number, t: TFunction): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return t('rehirePolicy.words.monthsOnly', { months: rest });
  if (rest === 0) return t('rehirePolicy.words.years', { years });
  return t('rehirePolicy.words.yearsMonths', { years, months: rest });
}

/** The rules as sentences a current employee understands; each says who is in or out. */
export function ruleSentences(rules: PolicyRules, t: TFunction, locale: 'ja' | 'en') {
  const quoteAll = (values: string[]) =>
    values.map((value) => t('rehirePolicy.words.quote', { value })).join(t('rehirePolicy.words.join'));
  const w = (key: string, values: Record<string, string> = {}) => t(`rehirePolicy.words.${key}`, values);
  const out: { key: string; text: string; excludes: boolean }[] = [
    {
      key: 'leaveTypes',
      excludes: false,
      text: rules.allowedLeaveTypes.length
        ? w('leaveTypes', { types: quoteAll(rules.allowedLeaveTypes.map((v) => leaveTypeLabel(v, locale))) })
        : w('leaveTypesAny'),
    },
    {
      key: 'tenure',
      excludes: false,
      text:
        rules.minTenureMonths > 0
          ? w('tenure', { period: period(rules.minTenureMonths, t) })
          : w('tenureAny'),
    },
    {
      key: 'since',
      excludes: false,
      text:
        rules.minMonthsSinceLeaving > 0
          ? w('since', { period: period(rules.minMonthsSinceLeaving, t) })
          : w('sinceAny'),
    },
    {
      key: 'reasons',
      excludes: rules.excludedLeaveReasons.length > 0,
      text: rules.excludedLeaveReasons.length
        ? w('reasons', {
            reasons: quoteAll(rules.excludedLeaveReasons.map((v) => leaveReasonLabel(v, locale))),
          })
        : w('reasonsNone'),
    },
  ];
  if (rules.excludeDoNotContact) out.push({ key: 'doNotContact', excludes: true, text: w('doNotContact') });
  return out;
}

/** The rules in plain words, with a tick for who is in and a cross for who is out. */
export function PolicyInWords({ rules, title }: { rules: PolicyRules; title?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap="sm">
      {title ? (
        <Title order={2} fz="md">
          {title}
        </Title>
      ) : null}
      <List spacing="sm" center data-testid="policy-in-words">
        {ruleSentences(rules, t, locale).map((r) => (
          <List.Item
            key={r.key}
            icon={
              <ThemeIcon size={22} radius="xl" variant="light" color={r.excludes ? 'red' : 'green'}>
                {r.excludes ? <IconX size={14} /> : <IconCheck size={14} />}
              </ThemeIcon>
            }
          >
            <Text size="sm">{r.text}</Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
