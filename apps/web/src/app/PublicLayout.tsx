import { Box, Center, Container, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Brand } from '../components/Brand';
import { LanguageSwitch } from '../components/LanguageSwitch';

/** Pages for people who are not signed in: brand, language switch and one card. */
export function PublicLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <Box mih="100dvh" bg="gray.0">
      <Group justify="space-between" px="md" py="sm" wrap="nowrap">
        <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }}>
          <Brand />
        </Link>
        <LanguageSwitch />
      </Group>
      <Container size={wide ? 560 : 440} px="md" pb="xl">
        <Center>
          <Stack w="100%" gap="lg" mt={{ base: 'md', sm: 48 }}>
            <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} component="main">
              {children}
            </Paper>
            <Text ta="center" size="xs" c="dimmed">
              {t('app.tagline')}
            </Text>
          </Stack>
        </Center>
      </Container>
    </Box>
  );
}
