import { segmentInputSchema } from '@kizuna/contract';
import { Button, Group, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch, IconUsers } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError } from '../../../components/FormError';
import { useLocale } from '../../../i18n';
import { type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { type AlumniFilter, emptyFilter } from '../../alumni/api/alumni';
import { AlumniFilters, DebouncedTextInput } from '../../alumni/components/AlumniFilters';
import { activeFilterCount } from '../../alumni/filter-params';
import { apiFilter, type Segment, segmentFilter, useMatchCount, useSaveSegment } from '../api/segments';
import { FilterSummary } from './FilterSummary';

/** "現在 12人 が該当します": the live count of a filter while it is being edited. */
export function MatchCount({ filter }: { filter: AlumniFilter }) {
  const { t } = useTranslation();
  const count = useMatchCount(filter);
  return (
    <Group gap={6} wrap="nowrap" aria-live="polite" data-testid="segment-preview-count">
      <IconUsers size={16} color="var(--mantine-color-grape-6)" aria-hidden />
      <Text size="sm" fw={600} c={count.isError ? 'red' : undefined}>
        {count.data === undefined
          ? t('segments.form.previewLoading')
          : t('segments.form.preview', { count: count.data })}
      </Text>
    </Group>
  );
}

/**
 * Creates or edits a segment. `fixedFilter` (saving the alumni list's current filters) shows the
 * conditions without letting them change; otherwise the list's filter panel edits them here.
 */
export function SegmentFormModal({
  opened,
  onClose,
  segment,
  fixedFilter,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  segment?: Segment;
  fixedFilter?: AlumniFilter;
  onSaved?: (saved: Segment, created: boolean) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const save = useSaveSegment();
  const [name, setName] = useState('');
  const [filter, setFilter] = useState<AlumniFilter>(emptyFilter);
  const [errors, setErrors] = useState<FieldErrors>({});

  // each opening starts from the segment (or the list's filters) as it is now
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on opening only
  useEffect(() => {
    if (!opened) return;
    setName(segment?.name ?? '');
    setFilter(fixedFilter ?? (segment ? segmentFilter(segment.filter) : emptyFilter));
    setErrors({});
    save.reset();
  }, [opened]);

  const fieldErrors = { ...fieldErrorsOf(save.error), ...errors };
  const title = segment
    ? t('segments.form.editTitle')
    : fixedFilter
      ? t('segments.form.saveTitle')
      : t('segments.form.createTitle');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWith(segmentInputSchema, { name, filter: apiFilter(filter) }, locale);
    setErrors(found);
    if (hasErrors(found)) return;
    save.mutate(
      { id: segment?.id, name: name.trim(), filter },
      {
        onSuccess: (saved) => {
          // (notifications render outside the router: no in-app links in them)
          notifications.show({
            color: 'teal',
            message: t(segment ? 'segments.form.saved' : 'segments.form.created', { name: saved.name }),
          });
          onSaved?.(saved, !segment);
          onClose();
        },
      },
    );
  };

  const otherError = save.error && !fieldErrorsOf(save.error).name ? save.error : null;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={fixedFilter ? 'md' : 'xl'}
      fullScreen={isPhone && !fixedFilter}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('segments.form.name')}
            placeholder={t('segments.form.namePlaceholder')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldErrors.name}
            required
            data-autofocus
            data-testid="segment-name"
          />
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              {t('segments.form.conditions')}
            </Text>
            {fixedFilter ? (
              <Paper withBorder radius="md" p="sm" bg="gray.0">
                <FilterSummary filter={filter} />
              </Paper>
            ) : (
              <>
                <DebouncedTextInput
                  aria-label={t('segments.form.search')}
                  placeholder={t('segments.form.search')}
                  leftSection={<IconSearch size={16} />}
                  value={filter.q}
                  onCommit={(q) => setFilter((f) => ({ ...f, q }))}
                />
                <AlumniFilters
                  filter={filter}
                  onChange={(change) => setFilter((f) => ({ ...f, ...change }))}
                  onClear={() => setFilter((f) => ({ ...emptyFilter, q: f.q }))}
                  activeCount={activeFilterCount(filter)}
                />
                {activeFilterCount(filter) === 0 && !filter.q.trim() ? (
                  <Text size="xs" c="dimmed">
                    {t('segments.form.noConditions')}
                  </Text>
                ) : null}
              </>
            )}
            <MatchCount filter={filter} />
          </Stack>
          <FormError error={otherError} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose} disabled={save.isPending}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="segment-save">
              {t('segments.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
