import {
  type AlumniInterest,
  type Alumnus,
  type AlumnusInput,
  alumnusInputSchema,
  type LeaveReasonCategory,
  type LeaveType,
} from '@kizuna/contract';
import {
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBan,
  IconBriefcase,
  IconDoorExit,
  IconHeartHandshake,
  IconId,
  IconLock,
  IconUserCircle,
} from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { focusFirstError } from '../../../app/form-focus';
import { FormError } from '../../../components/FormError';
import { useLocale } from '../../../i18n';
import { ApiError, type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { interestOptions, leaveReasonOptions, leaveTypeOptions } from '../labels';

/** What the form holds: text as typed, '' for "not set". */
export interface AlumnusFormValues {
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  phone: string;
  employeeNumber: string;
  department: string;
  position: string;
  joinedOn: string;
  leftOn: string;
  leaveType: LeaveType | '';
  leaveReasonCategory: LeaveReasonCategory | '';
  leaveReasonNote: string;
  currentCompany: string;
  currentTitle: string;
  hasDecisionAuthority: boolean;
  skills: string[];
  interests: AlumniInterest[];
  returnConditions: { workStyle: string; location: string; payExpectation: string; earliestDate: string };
  tags: string[];
  internalNotes: string;
  doNotContact: boolean;
  doNotContactReason: string;
}

export const blankAlumnus: AlumnusFormValues = {
  familyName: '',
  givenName: '',
  familyNameKana: '',
  givenNameKana: '',
  email: '',
  phone: '',
  employeeNumber: '',
  department: '',
  position: '',
  joinedOn: '',
  leftOn: '',
  leaveType: '',
  leaveReasonCategory: '',
  leaveReasonNote: '',
  currentCompany: '',
  currentTitle: '',
  hasDecisionAuthority: false,
  skills: [],
  interests: [],
  returnConditions: { workStyle: '', location: '', payExpectation: '', earliestDate: '' },
  tags: [],
  internalNotes: '',
  doNotContact: false,
  doNotContactReason: '',
};

export function valuesOf(a: Alumnus): AlumnusFormValues {
  return {
    familyName: a.familyName,
    givenName: a.givenName,
    familyNameKana: a.familyNameKana ?? '',
    givenNameKana: a.givenNameKana ?? '',
    email: a.email ?? '',
    phone: a.phone ?? '',
    employeeNumber: a.employeeNumber ?? '',
    department: a.department ?? '',
    position: a.position ?? '',
    joinedOn: a.joinedOn ?? '',
    leftOn: a.leftOn,
    leaveType: a.leaveType,
    leaveReasonCategory: a.leaveReasonCategory ?? '',
    leaveReasonNote: a.leaveReasonNote ?? '',
    currentCompany: a.currentCompany ?? '',
    currentTitle: a.currentTitle ?? '',
    hasDecisionAuthority: a.hasDecisionAuthority,
    skills: a.skills,
    interests: a.interests,
    returnConditions: {
      workStyle: a.returnConditions.workStyle ?? '',
      location: a.returnConditions.location ?? '',
      payExpectation: a.returnConditions.payExpectation ?? '',
      earliestDate: a.returnConditions.earliestDate ?? '',
    },
    tags: a.tags,
    internalNotes: a.internalNotes ?? '',
    doNotContact: a.doNotContact,
    doNotContactReason: a.doNotContactReason ?? '',
  };
}

/** The values as the contract reads them: unset dates, choices and e-mail as null. */
function candidateOf(v: AlumnusFormValues): Record<string, unknown> {
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    ...v,
    email: orNull(v.email),
    joinedOn: orNull(v.joinedOn),
    leaveReasonCategory: orNull(v.leaveReasonCategory),
    returnConditions: { ...v.returnConditions, earliestDate: orNull(v.returnConditions.earliestDate) },
    doNotContactReason: v.doNotContact ? v.doNotContactReason : null,
  };
}

/** The server's field names (`alumnus.tags.3`) as the form's (`tags`). */
function formFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, message] of Object.entries(fieldErrorsOf(error))) {
    const name = path.replace(/^alumnus\./, '').replace(/\.\d+(?=\.|$)/g, '');
    errors[name] ??= message;
  }
  return errors;
}

/** A 409 that is about the version (someone saved first), not a duplicate field. */
export function isVersionConflict(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'conflict' && !hasErrors(error.fields);
}

function Section({
  title,
  icon,
  badge,
  children,
  tone,
}: {
  title: string;
  icon: ReactNode;
  badge?: ReactNode;
  children: ReactNode;
  tone?: 'internal' | 'danger';
}) {
  const bg =
    tone === 'internal'
      ? 'var(--mantine-color-yellow-0)'
      : tone === 'danger'
        ? 'var(--mantine-color-red-0)'
        : undefined;
  const border =
    tone === 'internal'
      ? 'var(--mantine-color-yellow-4)'
      : tone === 'danger'
        ? 'var(--mantine-color-red-4)'
        : undefined;
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-label={title}
      style={{ background: bg, borderColor: border }}
    >
      <Group gap="xs" mb="md" wrap="wrap">
        <ThemeIcon variant="light" radius="md" size="md" color={tone === 'danger' ? 'red' : 'grape'}>
          {icon}
        </ThemeIcon>
        <Title order={2} fz="md">
          {title}
        </Title>
        {badge}
      </Group>
      {children}
    </Card>
  );
}

/**
 * Every field of a leaver record, grouped as the detail page shows them; checked with the
 * contract's schema before it is sent, with the server's field messages under the fields.
 */
export function AlumnusForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
  onCancel,
  banner,
}: {
  initial: AlumnusFormValues;
  submitLabel: string;
  pending: boolean;
  /** The last failed request (its field messages go under the fields). */
  error: unknown;
  onSubmit: (input: AlumnusInput) => void;
  onCancel: () => void;
  banner?: ReactNode;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [values, setValues] = useState<AlumnusFormValues>(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors: FieldErrors = { ...formFieldErrors(error), ...clientErrors };
  const showGeneralError = error && !hasErrors(fieldErrorsOf(error)) && !isVersionConflict(error);
  const formRef = useRef<HTMLFormElement>(null);

  // the server refused some fields (a taken employee number): show the first of them
  useEffect(() => {
    if (hasErrors(fieldErrorsOf(error))) focusFirstError(formRef.current);
  }, [error]);

  const set = <K extends keyof AlumnusFormValues>(key: K, value: AlumnusFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    if (clientErrors[key]) setClientErrors(({ [key]: _, ...rest }) => rest);
  };
  const setReturn = (key: keyof AlumnusFormValues['returnConditions'], value: string) => {
    setValues((v) => ({ ...v, returnConditions: { ...v.returnConditions, [key]: value } }));
    const name = `returnConditions.${key}`;
    if (clientErrors[name]) setClientErrors(({ [name]: _, ...rest }) => rest);
  };
  const text = (key: keyof AlumnusFormValues) => ({
    value: values[key] as string,
    onChange: (e: { currentTarget: { value: string } }) =>
      set(key, e.currentTarget.value as AlumnusFormValues[typeof key]),
    error: errors[key],
  });
  const label = (key: string) => t(`alumni.fields.${key}`);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const candidate = candidateOf(values);
    const found = validateWith(alumnusInputSchema, candidate, locale);
    setClientErrors(found);
    if (hasErrors(found)) {
      notifications.show({ color: 'red', message: t('alumni.form.invalid') });
      focusFirstError(formRef.current);
      return;
    }
    onSubmit(alumnusInputSchema.parse(candidate));
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        {banner}
        <Section title={t('alumni.sections.basic')} icon={<IconUserCircle size={18} />}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label={label('familyName')} required autoComplete="off" {...text('familyName')} />
            <TextInput label={label('givenName')} required autoComplete="off" {...text('givenName')} />
            <TextInput
              label={label('familyNameKana')}
              description={t('alumni.form.kanaHint')}
              autoComplete="off"
              {...text('familyNameKana')}
            />
            <TextInput
              label={label('givenNameKana')}
              description={t('alumni.form.kanaHint')}
              autoComplete="off"
              {...text('givenNameKana')}
            />
            <TextInput
              label={label('email')}
              type="email"
              autoComplete="off"
              placeholder={t('alumni.form.emailPlaceholder')}
              {...text('email')}
            />
            <TextInput label={label('phone')} type="tel" autoComplete="off" {...text('phone')} />
            <TextInput label={label('employeeNumber')} autoComplete="off" {...text('employeeNumber')} />
            <TagsInput
              label={label('tags')}
              description={t('alumni.form.listHint')}
              value={values.tags}
              onChange={(v) => set('tags', v)}
              error={errors.tags}
              acceptValueOnBlur
              clearable
            />
          </SimpleGrid>
        </Section>

        <Section title={t('alumni.sections.employment')} icon={<IconId size={18} />}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput label={label('department')} {...text('department')} />
            <TextInput label={label('position')} {...text('position')} />
            <TextInput label={label('joinedOn')} type="date" {...text('joinedOn')} />
          </SimpleGrid>
        </Section>

        <Section title={t('alumni.sections.leaving')} icon={<IconDoorExit size={18} />}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput label={label('leftOn')} type="date" required {...text('leftOn')} />
            <Select
              label={label('leaveType')}
              required
              placeholder={t('alumni.form.choose')}
              data={leaveTypeOptions(locale)}
              value={values.leaveType || null}
              onChange={(v) => set('leaveType', (v ?? '') as LeaveType | '')}
              error={errors.leaveType}
              allowDeselect={false}
            />
            <Select
              label={label('leaveReasonCategory')}
              placeholder={t('alumni.form.choose')}
              data={leaveReasonOptions(locale)}
              value={values.leaveReasonCategory || null}
              onChange={(v) => set('leaveReasonCategory', (v ?? '') as LeaveReasonCategory | '')}
              error={errors.leaveReasonCategory}
              clearable
            />
          </SimpleGrid>
          <Textarea
            mt="md"
            label={label('leaveReasonNote')}
            autosize
            minRows={2}
            maxRows={8}
            {...text('leaveReasonNote')}
          />
        </Section>

        <Section title={t('alumni.sections.current')} icon={<IconBriefcase size={18} />}>
          <Stack gap="md">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput label={label('currentCompany')} {...text('currentCompany')} />
              <TextInput label={label('currentTitle')} {...text('currentTitle')} />
            </SimpleGrid>
            <Switch
              label={t('alumni.form.decisionAuthorityLabel')}
              description={t('alumni.form.decisionAuthorityHint')}
              checked={values.hasDecisionAuthority}
              onChange={(e) => set('hasDecisionAuthority', e.currentTarget.checked)}
            />
            <TagsInput
              label={label('skills')}
              description={t('alumni.form.listHint')}
              value={values.skills}
              onChange={(v) => set('skills', v)}
              error={errors.skills}
              acceptValueOnBlur
              clearable
            />
          </Stack>
        </Section>

        <Section title={t('alumni.sections.interests')} icon={<IconHeartHandshake size={18} />}>
          <Stack gap="md">
            <MultiSelect
              label={label('interests')}
              placeholder={values.interests.length ? undefined : t('alumni.form.interestsPlaceholder')}
              data={interestOptions(locale)}
              value={values.interests}
              onChange={(v) => set('interests', v as AlumniInterest[])}
              error={errors.interests}
              clearable
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={label('workStyle')}
                placeholder={t('alumni.form.workStylePlaceholder')}
                value={values.returnConditions.workStyle}
                onChange={(e) => setReturn('workStyle', e.currentTarget.value)}
                error={errors['returnConditions.workStyle']}
              />
              <TextInput
                label={label('location')}
                placeholder={t('alumni.form.locationPlaceholder')}
                value={values.returnConditions.location}
                onChange={(e) => setReturn('location', e.currentTarget.value)}
                error={errors['returnConditions.location']}
              />
              <TextInput
                label={label('payExpectation')}
                placeholder={t('alumni.form.payExpectationPlaceholder')}
                value={values.returnConditions.payExpectation}
                onChange={(e) => setReturn('payExpectation', e.currentTarget.value)}
                error={errors['returnConditions.payExpectation']}
              />
              <TextInput
                label={label('earliestDate')}
                type="date"
                value={values.returnConditions.earliestDate}
                onChange={(e) => setReturn('earliestDate', e.currentTarget.value)}
                error={errors['returnConditions.earliestDate'] ?? errors.returnConditions}
              />
            </SimpleGrid>
          </Stack>
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
          <Textarea
            aria-label={label('internalNotes')}
            placeholder={t('alumni.form.internalNotesPlaceholder')}
            autosize
            minRows={3}
            maxRows={12}
            {...text('internalNotes')}
          />
        </Section>

        <Section
          title={t('alumni.sections.doNotContact')}
          icon={<IconBan size={18} />}
          tone={values.doNotContact ? 'danger' : undefined}
        >
          <Stack gap="md">
            <Switch
              color="red"
              label={t('alumni.form.doNotContactLabel')}
              description={t('alumni.form.doNotContactHint')}
              checked={values.doNotContact}
              onChange={(e) => set('doNotContact', e.currentTarget.checked)}
            />
            {values.doNotContact ? (
              <Textarea
                label={label('doNotContactReason')}
                placeholder={t('alumni.form.doNotContactReasonPlaceholder')}
                autosize
                minRows={2}
                {...text('doNotContactReason')}
              />
            ) : null}
          </Stack>
        </Section>

        {showGeneralError ? <FormError error={error} /> : null}
        <Paper
          withBorder
          shadow="sm"
          radius="md"
          p="sm"
          pos="sticky"
          bottom={8}
          style={{ zIndex: 5 }}
          className="kizuna-sticky-actions"
          data-testid="alumnus-form-actions"
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs" c="dimmed" visibleFrom="xs">
              * {t('alumni.form.requiredMark')}
            </Text>
            <Group gap="xs" wrap="nowrap" ml="auto">
              <Button variant="default" onClick={onCancel} disabled={pending}>
                {t('alumni.form.cancel')}
              </Button>
              <Button type="submit" loading={pending}>
                {submitLabel}
              </Button>
            </Group>
          </Group>
        </Paper>
      </Stack>
    </form>
  );
}
