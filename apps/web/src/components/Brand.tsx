import { Group, Text } from '@mantine/core';

/** 絆 Kizuna */
export function Brand({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const big = size === 'lg';
  return (
    <Group gap={6} wrap="nowrap" aria-label="絆 Kizuna">
      <Text component="span" fw={800} fz={big ? 34 : 24} c="grape.7" lh={1} lang="ja">
        絆
      </Text>
      <Text component="span" fw={700} fz={big ? 24 : 18} lh={1}>
        Kizuna
      </Text>
    </Group>
  );
}
