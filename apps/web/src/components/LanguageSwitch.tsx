import { Button } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { changeLocale, useLocale } from '../i18n';

/** One button that switches between 日本語 and English; the choice is remembered on this device. */
export function LanguageSwitch({ size = 'sm' }: { size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const next = locale === 'ja' ? 'en' : 'ja';
  const label = next === 'en' ? t('app.switchToEnglish') : t('app.switchToJapanese');
  return (
    <Button
      variant="subtle"
      color="gray"
      size={size}
      px="xs"
      leftSection={<IconLanguage size={18} aria-hidden />}
      onClick={() => void changeLocale(next)}
      lang={next}
      title={t('app.language')}
    >
      {label}
    </Button>
  );
}
