import type { AlumniInterest, LeaveType } from '@kizuna/contract';
import {
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  TagsInput,
  TextInput,
  type TextInputProps,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconX } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import type { AlumniFilter } from '../api/alumni';
import { interestOptions, leaveTypeOptions } from '../labels';

/**
 * A text box that reports what was typed once typing pauses (one request, not one per key),
 * and follows the value when it changes from outside (e.g. "clear filters").
 */
export function DebouncedTextInput({
  value,
  onCommit,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  const commit = useDebouncedCallback((v: string) => onCommit(v), 350);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a change from outside resets the text
  useEffect(() => {
    if (value.trim() !== text.trim()) setText(value);
  }, [value]);
  return (
    <TextInput
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          commit.cancel?.();
          onCommit(text);
        }
      }}
    />
  );
}

/** Years people can have left in, newest first. */
function leaveYears(): string[] {
  const now = new Date().getFullYear();
  return Array.from({ length: now - 1969 }, (_, i) => String(now - i));
}

/** The filter panel of the alumni list: every field writes straight to the address. */
export function AlumniFilters({
  filter,
  onChange,
  onClear,
  activeCount,
}: {
  filter: AlumniFilter;
  onChange: (change: Partial<AlumniFilter>) => void;
  onClear: () => void;
  activeCount: number;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const triState = [
    { value: 'true', label: t('alumni.filter.yes') },
    { value: 'false', label: t('alumni.filter.no') },
  ];
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} bg="gray.0">
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm" verticalSpacing="sm">
        <DebouncedTextInput
          label={t('alumni.filter.department')}
          placeholder={t('alumni.filter.departmentPlaceholder')}
          value={filter.department}
          onCommit={(department) => onChange({ department })}
        />
        <Select
          label={t('alumni.filter.leaveYear')}
          placeholder={t('alumni.filter.any')}
          data={leaveYears()}
          value={filter.leaveYear || null}
          onChange={(v) => onChange({ leaveYear: v ?? '' })}
          searchable
          clearable
        />
        <MultiSelect
          label={t('alumni.filter.leaveType')}
          placeholder={filter.leaveType.length ? undefined : t('alumni.filter.any')}
          data={leaveTypeOptions(locale)}
          value={filter.leaveType}
          onChange={(v) => onChange({ leaveType: v as LeaveType[] })}
          clearable
        />
        <MultiSelect
          label={t('alumni.filter.interest')}
          placeholder={filter.interest.length ? undefined : t('alumni.filter.any')}
          data={interestOptions(locale)}
          value={filter.interest}
          onChange={(v) => onChange({ interest: v as AlumniInterest[] })}
          clearable
        />
        <TagsInput
          label={t('alumni.filter.tag')}
          placeholder={filter.tag.length ? undefined : t('alumni.filter.tagPlaceholder')}
          value={filter.tag}
          onChange={(v) => onChange({ tag: v })}
          acceptValueOnBlur
          clearable
        />
        <Select
          label={t('alumni.filter.registered')}
          placeholder={t('alumni.filter.any')}
          data={[
            { value: 'true', label: t('alumni.filter.registeredYes') },
            { value: 'false', label: t('alumni.filter.registeredNo') },
          ]}
          value={filter.registered || null}
          onChange={(v) => onChange({ registered: (v ?? '') as AlumniFilter['registered'] })}
          clearable
        />
        <Select
          label={t('alumni.filter.decisionAuthority')}
          placeholder={t('alumni.filter.any')}
          data={triState}
          value={filter.hasDecisionAuthority || null}
          onChange={(v) =>
            onChange({ hasDecisionAuthority: (v ?? '') as AlumniFilter['hasDecisionAuthority'] })
          }
          clearable
        />
        <Select
          label={t('rehirePolicy.filter.label')}
          placeholder={t('alumni.filter.any')}
          data={[
            { value: 'true', label: t('rehirePolicy.filter.yes') },
            { value: 'false', label: t('rehirePolicy.filter.no') },
          ]}
          value={filter.eligible || null}
          onChange={(v) => onChange({ eligible: (v ?? '') as AlumniFilter['eligible'] })}
          clearable
          data-testid="filter-eligible"
        />
        <DebouncedTextInput
          label={t('alumni.filter.currentCompany')}
          placeholder={t('alumni.filter.currentCompanyPlaceholder')}
          value={filter.currentCompany}
          onCommit={(currentCompany) => onChange({ currentCompany })}
        />
      </SimpleGrid>
      {activeCount > 0 ? (
        <Group justify="flex-end" mt="sm">
          <Button variant="subtle" color="gray" size="xs" leftSection={<IconX size={14} />} onClick={onClear}>
            {t('alumni.clearFilters')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}
