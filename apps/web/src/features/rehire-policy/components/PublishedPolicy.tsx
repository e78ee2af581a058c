import { Divider, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n';
import { formatDate } from '../../../lib/format';
import type { PublishedRehirePolicy } from '../api/rehire-policy';
import { PolicyInWords } from './PolicyInWords';

/** The published policy as employees read it: the company's explanation, then the rules in words. */
export function PublishedPolicy({ policy }: { policy: PublishedRehirePolicy }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap="lg" data-testid="published-policy">
      {policy.explanation.trim() ? (
        <Stack gap="xs">
          <Title order={2} fz="md">
            {t('rehirePolicy.view.explanation')}
          </Title>
          <Text className="kizuna-pre" lh={1.8}>
            {policy.explanation.trim()}
          </Text>
        </Stack>
      ) : null}
      <PolicyInWords rules={policy} title={t('rehirePolicy.view.rules')} />
      <Divider />
      <Text size="xs" c="dimmed">
        {t('rehirePolicy.view.updatedAt', { date: formatDate(policy.updatedAt, locale) })}
      </Text>
    </Stack>
  );
}
