import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Brand } from '../../../components/Brand';
import { LanguageSwitch } from '../../../components/LanguageSwitch';

/** The public company page's frame: a light header, a wider column than the sign-in card. */
export function NetworkLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box mih="100dvh" bg="gray.0">
      <Box bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <Container size={1040} px="md">
          <Group justify="space-between" py="sm" wrap="nowrap">
            <Link to="/sign-in" style={{ textDecoration: 'none', color: 'inherit' }}>
              <Brand />
            </Link>
            <LanguageSwitch />
          </Group>
        </Container>
      </Box>
      <Container size={1040} px={{ base: 0, sm: 'md' }} pb="xl" component="main">
        {children}
      </Container>
      <Text ta="center" size="xs" c="dimmed" pb="lg">
        {t('app.tagline')}
      </Text>
    </Box>
  );
}
