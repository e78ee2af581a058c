import { type MemberProfileInput, memberProfileInputSchema } from '@kizuna/contract';
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Divider,
  Group,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconEye, IconInfoCircle, IconPencil, IconUsersGroup } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { focusFirstError } from '../../../app/form-focus';
import { FormError } from '../../../components/FormError';
import { LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { ApiError, type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { interestColor, interestLabel } from '../../alumni/labels';
import { type MemberProfile, type PortalMe, useMemberProfile, useUpdateProfile } from '../api/portal';
import { InterestChips } from './ConsentChoices';

type DirectoryField = MemberProfileInput['directoryFields'][number];
/** What a member may show other alumni: the contract's list. */
const directoryFields = memberProfileInputSchema.shape.directoryFields.unwrap().element.options;

/** The editable part of a stored profile, as the form and the PUT take it. */
function inputOf(p: MemberProfile): MemberProfileInput {
  return {
    phone: p.phone,
    currentCompany: p.currentCompany,
    currentTitle: p.currentTitle,
    hasDecisionAuthority: p.hasDecisionAuthority,
    skills: p.skills,
    interests: p.interests,
    returnConditions: {
      workStyle: p.returnConditions.workStyle ?? null,
      location: p.returnConditions.location ?? null,
      payExpectation: p.returnConditions.payExpectation ?? null,
      earliestDate: p.returnConditions.earliestDate ?? null,
    },
    directoryFields: p.directoryFields,
  };
}

/** Label above value on phones, side by side from tablets up. */
function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box
      py={8}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      display={{ base: 'block', sm: 'flex' }}
    >
      <Text size="xs" c="dimmed" w={{ sm: 180 }} style={{ flexShrink: 0 }} pt={{ sm: 2 }}>
        {label}
      </Text>
      <Box style={{ minWidth: 0, flex: 1 }} className="kizuna-break">
        {children}
      </Box>
    </Box>
  );
}

function Value({ value }: { value: string | null | undefined }) {
  const { t } = useTranslation();
  return value ? (
    <Text size="sm">{value}</Text>
  ) : (
    <Text size="sm" c="dimmed">
      {t('membership.portal.profile.notSet')}
    </Text>
  );
}

function SectionTitle({ icon, title, lead }: { icon: ReactNode; title: string; lead: string }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Box c="grape.6" mt={2}>
        {icon}
      </Box>
      <Box style={{ minWidth: 0 }}>
        <Title order={2} fz="lg">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {lead}
        </Text>
      </Box>
    </Group>
  );
}

function ProfileForm({ profile, onDone }: { profile: MemberProfile; onDone: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const update = useUpdateProfile();
  const profileQuery = useMemberProfile();
  const [values, setValues] = useState<MemberProfileInput>(() => inputOf(profile));
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof MemberProfileInput>(key: K, value: MemberProfileInput[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const setCondition = (key: keyof MemberProfileInput['returnConditions'], value: string) =>
    setValues((v) => ({
      ...v,
      returnConditions: { ...v.returnConditions, [key]: value.trim() ? value : null },
    }));
  const text = (value: string) => (value.trim() ? value : null);
  const serverErrors = fieldErrorsOf(update.error);
  const err = (name: string) => errors[name] ?? serverErrors[`profile.${name}`] ?? serverErrors[name];
  const conflict = update.error instanceof ApiError && update.error.code === 'conflict';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateWith(
      memberProfileInputSchema,
      values as unknown as Record<string, unknown>,
      locale,
    );
    setErrors(found);
    if (hasErrors(found)) {
      focusFirstError(formRef.current);
      return;
    }
    update.mutate(
      { version: profile.version, profile: values },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('membership.portal.profile.saved') });
          onDone();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'conflict') void profileQuery.refetch();
          else if (hasErrors(fieldErrorsOf(error))) focusFirstError(formRef.current);
        },
      },
    );
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate data-testid="profile-form">
      <Stack gap="md">
        <Title order={2} fz="lg">
          {t('membership.portal.profile.editTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('membership.portal.profile.currentCompany')}
            autoComplete="organization"
            value={values.currentCompany ?? ''}
            onChange={(e) => set('currentCompany', text(e.currentTarget.value))}
            error={err('currentCompany')}
          />
          <TextInput
            label={t('membership.portal.profile.currentTitle')}
            autoComplete="organization-title"
            value={values.currentTitle ?? ''}
            onChange={(e) => set('currentTitle', text(e.currentTarget.value))}
            error={err('currentTitle')}
          />
          <TextInput
            label={t('membership.portal.profile.phone')}
            type="tel"
            autoComplete="tel"
            value={values.phone ?? ''}
            onChange={(e) => set('phone', text(e.currentTarget.value))}
            error={err('phone')}
          />
          <Switch
            mt={{ sm: 30 }}
            label={t('membership.portal.profile.hasDecisionAuthority')}
            checked={values.hasDecisionAuthority}
            onChange={(e) => set('hasDecisionAuthority', e.currentTarget.checked)}
          />
        </SimpleGrid>
        <TagsInput
          label={t('membership.portal.profile.skills')}
          description={t('membership.portal.profile.skillsHint')}
          value={values.skills}
          onChange={(v) => set('skills', v)}
          error={err('skills')}
          clearable
        />
        <Box>
          <Text size="sm" fw={500} mb={6}>
            {t('membership.portal.profile.interests')}
          </Text>
          <InterestChips value={values.interests} onChange={(v) => set('interests', v)} withTitle={false} />
        </Box>
        <Divider label={t('membership.portal.profile.returnConditions')} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t('membership.portal.profile.workStyle')}
            value={values.returnConditions.workStyle ?? ''}
            onChange={(e) => setCondition('workStyle', e.currentTarget.value)}
            error={err('returnConditions.workStyle')}
          />
          <TextInput
            label={t('membership.portal.profile.location')}
            value={values.returnConditions.location ?? ''}
            onChange={(e) => setCondition('location', e.currentTarget.value)}
            error={err('returnConditions.location')}
          />
          <TextInput
            label={t('membership.portal.profile.payExpectation')}
            value={values.returnConditions.payExpectation ?? ''}
            onChange={(e) => setCondition('payExpectation', e.currentTarget.value)}
            error={err('returnConditions.payExpectation')}
          />
          <TextInput
            label={t('membership.portal.profile.earliestDate')}
            type="date"
            value={values.returnConditions.earliestDate ?? ''}
            onChange={(e) => setCondition('earliestDate', e.currentTarget.value)}
            error={err('returnConditions.earliestDate')}
          />
        </SimpleGrid>
        {conflict ? (
          <Alert color="orange" icon={<IconInfoCircle size={18} />} role="alert">
            {t('membership.portal.profile.conflict')}
          </Alert>
        ) : (
          <FormError error={update.error} />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={update.isPending}>
            {t('membership.portal.profile.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={conflict && profileQuery.isFetching}>
            {t('membership.portal.profile.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Which fields other alumni may see later (community model): one switch each, saved at once. */
function DirectoryCard({ profile }: { profile: MemberProfile }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const toggle = (field: DirectoryField, on: boolean) => {
    const next = on
      ? [...profile.directoryFields, field]
      : profile.directoryFields.filter((f) => f !== field);
    update.mutate({ version: profile.version, profile: { ...inputOf(profile), directoryFields: next } });
  };
  return (
    <Card withBorder radius="md" padding="lg" data-testid="directory-card">
      <Stack gap="md">
        <SectionTitle
          icon={<IconUsersGroup size={22} />}
          title={t('membership.portal.profile.alumniSee')}
          lead={t('membership.portal.profile.alumniSeeLead')}
        />
        <Stack gap="sm">
          {directoryFields.map((field) => (
            <Switch
              key={field}
              label={t(`membership.portal.profile.directory.${field}`)}
              checked={profile.directoryFields.includes(field)}
              onChange={(e) => toggle(field, e.currentTarget.checked)}
              disabled={update.isPending}
            />
          ))}
        </Stack>
        <FormError error={update.error} />
      </Stack>
    </Card>
  );
}

/** Shown while the profile endpoint is not available: what the member's page already knows. */
function BasicProfile({ me }: { me: PortalMe }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card withBorder radius="md" padding="lg">
      <Stack gap="md">
        <SectionTitle
          icon={<IconBuilding size={22} />}
          title={t('membership.portal.profile.companySees')}
          lead={t('membership.portal.profile.companySeesLead', { company: me.companyName })}
        />
        <Box>
          <Field label={t('membership.portal.profile.name')}>
            <Value value={`${me.familyName} ${me.givenName}`} />
          </Field>
          <Field label={t('membership.portal.profile.email')}>
            <Value value={me.email} />
          </Field>
          <Field label={t('membership.portal.profile.interests')}>
            <Interests values={me.interests} locale={locale} />
          </Field>
        </Box>
        <Text size="sm" c="dimmed">
          {t('membership.portal.profile.unavailable')}
        </Text>
      </Stack>
    </Card>
  );
}

function Interests({ values, locale }: { values: MemberProfile['interests']; locale: 'ja' | 'en' }) {
  if (values.length === 0) return <Value value={null} />;
  return (
    <Group gap={6}>
      {values.map((i) => (
        <Badge key={i} variant="light" color={interestColor[i]} radius="sm">
          {interestLabel(i, locale)}
        </Badge>
      ))}
    </Group>
  );
}

/** My profile: what the company sees (editable per the contract) and what other alumni may see. */
export function ProfileSection({
  me,
  editing,
  onEditingChange,
}: {
  me: PortalMe;
  editing: boolean;
  onEditingChange: (editing: boolean) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const query = useMemberProfile();
  if (query.isPending) return <LoadingState />;
  if (query.isError || !query.data) return <BasicProfile me={me} />;
  const p = query.data;
  const kana = `${p.familyNameKana ?? ''} ${p.givenNameKana ?? ''}`.trim();
  const rc = p.returnConditions;

  return (
    <Stack gap="md">
      <Card withBorder radius="md" padding="lg" data-testid="profile-card">
        {editing ? (
          <ProfileForm profile={p} onDone={() => onEditingChange(false)} />
        ) : (
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
              <SectionTitle
                icon={<IconEye size={22} />}
                title={t('membership.portal.profile.companySees')}
                lead={t('membership.portal.profile.companySeesLead', { company: me.companyName })}
              />
              <Button
                variant="light"
                leftSection={<IconPencil size={16} />}
                onClick={() => onEditingChange(true)}
                style={{ flexShrink: 0 }}
              >
                {t('membership.portal.profile.edit')}
              </Button>
            </Group>
            <Box>
              <Field label={t('membership.portal.profile.currentCompany')}>
                <Value value={p.currentCompany} />
              </Field>
              <Field label={t('membership.portal.profile.currentTitle')}>
                <Value value={p.currentTitle} />
              </Field>
              <Field label={t('membership.portal.profile.hasDecisionAuthority')}>
                <Value
                  value={
                    p.hasDecisionAuthority
                      ? t('membership.portal.profile.decisionYes')
                      : t('membership.portal.profile.decisionNo')
                  }
                />
              </Field>
              <Field label={t('membership.portal.profile.phone')}>
                <Value value={p.phone} />
              </Field>
              <Field label={t('membership.portal.profile.skills')}>
                {p.skills.length ? (
                  <Group gap={6}>
                    {p.skills.map((s) => (
                      <Badge key={s} variant="outline" color="gray" radius="sm" tt="none">
                        {s}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  <Value value={null} />
                )}
              </Field>
              <Field label={t('membership.portal.profile.interests')}>
                <Interests values={p.interests} locale={locale} />
              </Field>
              <Field label={t('membership.portal.profile.returnConditions')}>
                {rc.workStyle || rc.location || rc.payExpectation || rc.earliestDate ? (
                  <Stack gap={2}>
                    {(
                      [
                        ['workStyle', rc.workStyle],
                        ['location', rc.location],
                        ['payExpectation', rc.payExpectation],
                        ['earliestDate', rc.earliestDate ? formatDate(rc.earliestDate, locale) : null],
                      ] as const
                    )
                      .filter(([, v]) => v)
                      .map(([k, v]) => (
                        <Text key={k} size="sm">
                          <Text span c="dimmed" size="sm">
                            {t(`membership.portal.profile.${k}`)}:
                          </Text>{' '}
                          {v}
                        </Text>
                      ))}
                  </Stack>
                ) : (
                  <Value value={null} />
                )}
              </Field>
            </Box>
            <Box>
              <Text size="xs" fw={700} c="dimmed" mb={2}>
                {t('membership.portal.profile.fromCompany')}
              </Text>
              <Field label={t('membership.portal.profile.name')}>
                <Value value={`${p.familyName} ${p.givenName}`} />
              </Field>
              <Field label={t('membership.portal.profile.kana')}>
                <Value value={kana || null} />
              </Field>
              <Field label={t('membership.portal.profile.email')}>
                <Value value={p.email} />
              </Field>
              <Field label={t('membership.portal.profile.department')}>
                <Value value={p.department} />
              </Field>
              <Field label={t('membership.portal.profile.leftOn')}>
                <Value value={formatDate(p.leftOn, locale)} />
              </Field>
            </Box>
            <Text size="xs" c="dimmed">
              {t('membership.portal.profile.confirmedAt')}:{' '}
              {p.confirmedAt
                ? formatDate(p.confirmedAt, locale)
                : t('membership.portal.profile.neverConfirmed')}
            </Text>
          </Stack>
        )}
      </Card>
      <DirectoryCard profile={p} />
    </Stack>
  );
}
