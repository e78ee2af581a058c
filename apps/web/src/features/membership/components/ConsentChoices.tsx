import {
  type AlumniInterest,
  alumniInterests,
  type ConsentPurpose,
  consentPurposeLabels,
  REQUIRED_PURPOSE,
} from '@kizuna/contract';
import {
  Anchor,
  Badge,
  Box,
  Checkbox,
  Chip,
  Collapse,
  Group,
  List,
  Paper,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp, IconShieldLock } from '@tabler/icons-react';
import { Fragment, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import { interestLabel } from '../../alumni/labels';
import type { PortalMe } from '../api/portal';

type Notice = PortalMe['notice'];

export const purposeLabel = (purpose: ConsentPurpose, locale: 'ja' | 'en') =>
  consentPurposeLabels[purpose]?.[locale] ?? purpose;

/** The privacy notice, readable in place: a title line that opens the full text and its purposes. */
export function PrivacyNotice({ notice, defaultOpen = false }: { notice: Notice; defaultOpen?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [opened, { toggle }] = useDisclosure(defaultOpen);
  const bodyId = useId();
  return (
    <Paper withBorder radius="md" bg="gray.0" style={{ overflow: 'hidden' }}>
      <UnstyledButton
        onClick={toggle}
        aria-expanded={opened}
        aria-controls={bodyId}
        aria-label={t('membership.consent.readNotice')}
        p="sm"
        w="100%"
      >
        <Group gap="xs" wrap="nowrap" align="center">
          <IconShieldLock
            size={20}
            color="var(--mantine-color-grape-6)"
            aria-hidden
            style={{ flexShrink: 0 }}
          />
          <Box style={{ minWidth: 0, flex: 1 }}>
            <Text size="sm" fw={600}>
              {t('membership.consent.notice')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('membership.consent.noticeVersion', {
                version: notice.version,
                date: formatDate(notice.publishedAt, locale),
              })}
            </Text>
          </Box>
          <Group gap={4} wrap="nowrap" c="grape.7" style={{ flexShrink: 0 }}>
            <Text size="sm" fw={500} c="grape.7">
              {opened ? t('membership.consent.hideNotice') : t('membership.consent.openNotice')}
            </Text>
            {opened ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
          </Group>
        </Group>
      </UnstyledButton>
      <Collapse expanded={opened}>
        <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars px="sm" pb="sm">
          <Stack gap="sm" id={bodyId} data-testid="privacy-notice-body">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} className="kizuna-break">
              {notice.body}
            </Text>
            <Box>
              <Text size="sm" fw={600}>
                {t('membership.consent.purposes')}
              </Text>
              <List size="sm" spacing={2} withPadding>
                {notice.purposes.map((p) => (
                  <List.Item key={p}>{purposeLabel(p, locale)}</List.Item>
                ))}
              </List>
            </Box>
          </Stack>
        </ScrollArea.Autosize>
      </Collapse>
    </Paper>
  );
}

/** One checkbox card per purpose the notice lists; the required one is marked so. */
export function ConsentChoices({
  notice,
  value,
  onChange,
  error,
}: {
  notice: Notice;
  value: ConsentPurpose[];
  onChange: (value: ConsentPurpose[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const purposes = notice.purposes;
  const allChosen = purposes.every((p) => value.includes(p));
  const errorId = useId();
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Box style={{ flex: '1 1 14rem' }}>
          <Text fw={700}>{t('membership.consent.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('membership.consent.lead')}
          </Text>
        </Box>
        {!allChosen ? (
          <Anchor component="button" type="button" size="sm" onClick={() => onChange([...purposes])}>
            {t('membership.consent.selectAll')}
          </Anchor>
        ) : null}
      </Group>
      <Checkbox.Group
        value={value}
        onChange={(v) => onChange(v as ConsentPurpose[])}
        aria-label={t('membership.consent.title')}
      >
        <Stack gap={8}>
          {purposes.map((purpose) => {
            // the message is about the required purpose: shown under its card, which a failed
            // submit focuses
            const invalid = Boolean(error) && purpose === REQUIRED_PURPOSE;
            return (
              <Fragment key={purpose}>
                <Checkbox.Card
                  value={purpose}
                  radius="md"
                  p="sm"
                  data-testid={`consent-${purpose}`}
                  aria-label={purposeLabel(purpose, locale)}
                  aria-invalid={invalid || undefined}
                  aria-describedby={invalid ? errorId : undefined}
                  style={invalid ? { borderColor: 'var(--mantine-color-error)' } : undefined}
                >
                  <Group wrap="nowrap" align="flex-start" gap="sm">
                    <Checkbox.Indicator mt={2} />
                    <Box style={{ minWidth: 0 }}>
                      <Group gap={6}>
                        <Text size="sm" fw={600}>
                          {purposeLabel(purpose, locale).replace(/（必須）| \(required\)/, '')}
                        </Text>
                        {purpose === REQUIRED_PURPOSE ? (
                          <Badge size="xs" color="red" variant="light">
                            {t('membership.consent.required')}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {t(`membership.consent.hints.${purpose}`)}
                      </Text>
                    </Box>
                  </Group>
                </Checkbox.Card>
                {invalid ? (
                  <Text id={errorId} size="sm" c="var(--mantine-color-error)" mt={-4}>
                    {error}
                  </Text>
                ) : null}
              </Fragment>
            );
          })}
        </Stack>
        {error && !purposes.includes(REQUIRED_PURPOSE) ? (
          <Text size="sm" c="var(--mantine-color-error)" mt={6}>
            {error}
          </Text>
        ) : null}
      </Checkbox.Group>
    </Stack>
  );
}

/** Interests as tappable chips (any number). */
export function InterestChips({
  value,
  onChange,
  withTitle = true,
}: {
  value: AlumniInterest[];
  onChange: (value: AlumniInterest[]) => void;
  withTitle?: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap="xs">
      {withTitle ? (
        <Box>
          <Text fw={700}>{t('membership.interests.title')}</Text>
          <Text size="sm" c="dimmed">
            {t('membership.interests.lead')}
          </Text>
        </Box>
      ) : null}
      <Chip.Group multiple value={value} onChange={(v) => onChange(v as AlumniInterest[])}>
        <Group gap={8}>
          {alumniInterests.map((interest) => (
            <Chip key={interest} value={interest} variant="outline" radius="xl">
              {interestLabel(interest, locale)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Stack>
  );
}
