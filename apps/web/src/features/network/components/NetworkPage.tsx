import {
  type AlumniInterest,
  type ConsentPurpose,
  type SelfRegistration,
  selfRegistrationSchema,
} from '@kizuna/contract';
import {
  Badge,
  Box,
  Button,
  Divider,
  Grid,
  List,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconBriefcase,
  IconCalendarEvent,
  IconCompassOff,
  IconMailFast,
  IconSend,
  IconToggleRight,
} from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FormError } from '../../../components/FormError';
import { ErrorState, LoadingState } from '../../../components/QueryState';
import { useLocale } from '../../../i18n';
import { ApiError, type FieldErrors, fieldErrorsOf } from '../../../lib/http';
import { hasErrors, validateWith } from '../../../lib/validation';
import { useSelfRegistration } from '../../membership/api/registration';
import { ConsentChoices, InterestChips, PrivacyNotice } from '../../membership/components/ConsentChoices';
import { type PublicNetwork, usePublicNetwork } from '../api/network';
import { NetworkLayout } from './NetworkLayout';

interface FormValues {
  email: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  employeeNumber: string;
  leaveYear: string | number;
  department: string;
  interests: AlumniInterest[];
  consents: ConsentPurpose[];
}

const empty: FormValues = {
  email: '',
  familyName: '',
  givenName: '',
  familyNameKana: '',
  givenNameKana: '',
  employeeNumber: '',
  leaveYear: '',
  department: '',
  interests: [],
  consents: [],
};

const orNull = (v: string) => (v.trim() ? v.trim() : null);

function toInput(v: FormValues, noticeVersion: number): SelfRegistration {
  return {
    email: v.email.trim(),
    familyName: v.familyName.trim(),
    givenName: v.givenName.trim(),
    familyNameKana: orNull(v.familyNameKana),
    givenNameKana: orNull(v.givenNameKana),
    employeeNumber: orNull(v.employeeNumber),
    leaveYear: v.leaveYear === '' ? null : Number(v.leaveYear),
    department: orNull(v.department),
    interests: v.interests,
    consents: v.consents,
    noticeVersion,
  };
}

function Intro({ network }: { network: PublicNetwork }) {
  const { t } = useTranslation();
  const company = network.companyName;
  return (
    <Stack gap="lg" px={{ base: 'md', sm: 0 }}>
      <Stack gap={6}>
        <Text size="xs" fw={700} c="grape.7" tt="uppercase">
          {t('network.eyebrow')}
        </Text>
        <Title order={1} fz={{ base: 24, sm: 32 }} className="kizuna-break" lh={1.3}>
          {t('network.title', { company })}
        </Title>
        {network.openPostings ? (
          <Badge size="lg" variant="light" color="teal" radius="sm" tt="none" mt={4}>
            {t('network.openPostings', { count: network.openPostings })}
          </Badge>
        ) : null}
      </Stack>
      <Text style={{ whiteSpace: 'pre-wrap' }} className="kizuna-break" data-testid="network-intro">
        {network.intro.trim() || t('network.defaultIntro', { company })}
      </Text>
      <List spacing="sm" center>
        {(
          [
            ['jobs', <IconBriefcase key="j" size={18} />],
            ['events', <IconCalendarEvent key="e" size={18} />],
            ['control', <IconToggleRight key="c" size={18} />],
          ] as const
        ).map(([key, icon]) => (
          <List.Item
            key={key}
            icon={
              <ThemeIcon size={30} radius="xl" variant="light" color="grape">
                {icon}
              </ThemeIcon>
            }
          >
            <Text size="sm" fw={500}>
              {t(`network.benefits.${key}`)}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function Sent({ email, onBack }: { email: string; onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" align="center" ta="center" py="lg" data-testid="network-sent">
      <ThemeIcon size={72} radius="xl" variant="light" color="teal">
        <IconMailFast size={40} />
      </ThemeIcon>
      <Title order={2} fz={22}>
        {t('network.sentTitle')}
      </Title>
      <Text size="sm" className="kizuna-break">
        {t('network.sentBody', { email })}
      </Text>
      <Button variant="subtle" onClick={onBack}>
        {t('network.sentAgain')}
      </Button>
    </Stack>
  );
}

function RegisterForm({ network, slug }: { network: PublicNetwork; slug: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const register = useSelfRegistration(slug);
  const [values, setValues] = useState<FormValues>(empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    // a corrected field stops showing its old message
    setErrors(({ [key]: _, ...rest }) => rest);
  };
  const serverErrors = fieldErrorsOf(register.error);
  const err = (name: string) => errors[name] ?? serverErrors[name];

  if (sentTo)
    return (
      <Sent
        email={sentTo}
        onBack={() => {
          register.reset();
          setSentTo(null);
        }}
      />
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = toInput(values, network.notice.version);
    const found = validateWith(selfRegistrationSchema, input as unknown as Record<string, unknown>, locale);
    setErrors(found);
    if (hasErrors(found)) {
      const first = Object.keys(found)[0];
      document.querySelector<HTMLElement>(`[data-field="${first}"] input`)?.focus();
      return;
    }
    register.mutate(input, { onSuccess: () => setSentTo(input.email) });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="network-form">
      <Stack gap="md">
        <Box>
          <Title order={2} fz={20}>
            {t('network.formTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('network.formLead')}
          </Text>
        </Box>
        <TextInput
          data-field="email"
          label={t('network.email')}
          description={t('network.emailHint')}
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          error={err('email')}
          required
        />
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            data-field="familyName"
            label={t('network.familyName')}
            autoComplete="family-name"
            value={values.familyName}
            onChange={(e) => set('familyName', e.currentTarget.value)}
            error={err('familyName')}
            required
          />
          <TextInput
            data-field="givenName"
            label={t('network.givenName')}
            autoComplete="given-name"
            value={values.givenName}
            onChange={(e) => set('givenName', e.currentTarget.value)}
            error={err('givenName')}
            required
          />
          <TextInput
            data-field="familyNameKana"
            label={t('network.familyNameKana')}
            value={values.familyNameKana}
            onChange={(e) => set('familyNameKana', e.currentTarget.value)}
            error={err('familyNameKana')}
          />
          <TextInput
            data-field="givenNameKana"
            label={t('network.givenNameKana')}
            value={values.givenNameKana}
            onChange={(e) => set('givenNameKana', e.currentTarget.value)}
            error={err('givenNameKana')}
          />
        </SimpleGrid>
        <Divider mt="xs" />
        <Box>
          <Text fw={700}>{t('network.optionalTitle')}</Text>
          <Text size="sm" c="dimmed">
            {t('network.optionalLead')}
          </Text>
        </Box>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          <TextInput
            data-field="employeeNumber"
            label={t('network.employeeNumber')}
            value={values.employeeNumber}
            onChange={(e) => set('employeeNumber', e.currentTarget.value)}
            error={err('employeeNumber')}
          />
          <NumberInput
            data-field="leaveYear"
            label={t('network.leaveYear')}
            placeholder={t('network.leaveYearPlaceholder')}
            min={1950}
            max={2100}
            allowDecimal={false}
            allowNegative={false}
            hideControls
            inputMode="numeric"
            value={values.leaveYear}
            onChange={(v) => set('leaveYear', v)}
            error={err('leaveYear')}
          />
          <Box style={{ gridColumn: 'span 1' }}>
            <TextInput
              data-field="department"
              label={t('network.department')}
              value={values.department}
              onChange={(e) => set('department', e.currentTarget.value)}
              error={err('department')}
            />
          </Box>
        </SimpleGrid>
        <Divider mt="xs" />
        <InterestChips value={values.interests} onChange={(v) => set('interests', v)} />
        <Box data-field="consents">
          <ConsentChoices
            notice={network.notice}
            value={values.consents}
            onChange={(v) => set('consents', v)}
            error={err('consents')}
          />
        </Box>
        <PrivacyNotice notice={network.notice} />
        <Text size="xs" c="dimmed">
          {t('membership.consent.agreement')}
        </Text>
        <FormError error={register.error} />
        <Button
          type="submit"
          size="md"
          fullWidth
          loading={register.isPending}
          leftSection={<IconSend size={18} />}
        >
          {t('network.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** `/network/:slug`: the company's public alumni page, where leavers without an invitation join. */
export function NetworkPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const network = usePublicNetwork(slug);

  if (network.isPending)
    return (
      <NetworkLayout>
        <LoadingState />
      </NetworkLayout>
    );
  if (network.isError) {
    const missing = network.error instanceof ApiError && network.error.status === 404;
    return (
      <NetworkLayout>
        <Box maw={520} mx="auto" mt="xl" px="md">
          {missing ? (
            <Stack align="center" ta="center" gap="md" data-testid="network-missing">
              <ThemeIcon size={64} radius="xl" variant="light" color="grape">
                <IconCompassOff size={34} />
              </ThemeIcon>
              <Title order={1} fz={22}>
                {t('network.notFoundTitle')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('network.notFoundBody')}
              </Text>
            </Stack>
          ) : (
            <ErrorState error={network.error} onRetry={() => void network.refetch()} />
          )}
        </Box>
      </NetworkLayout>
    );
  }

  return (
    <NetworkLayout>
      <Grid gap={{ base: 'lg', md: 48 }} mt={{ base: 'lg', sm: 48 }} align="flex-start">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Intro network={network.data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder shadow="sm" radius="lg" p={{ base: 'md', sm: 'xl' }} mx={{ base: 'xs', sm: 0 }}>
            <RegisterForm network={network.data} slug={slug} />
          </Paper>
        </Grid.Col>
      </Grid>
    </NetworkLayout>
  );
}
