import { Card, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Keep on one line in the table */
  nowrap?: boolean;
  align?: 'left' | 'right';
  width?: number | string;
}

export interface DataTableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** The column that titles each card on phones (default: the first) */
  titleColumn?: string;
  /** Buttons for one row: the table's last column, the card's footer */
  actions?: (row: T) => ReactNode;
  actionsLabel?: string;
  testId?: string;
}

/**
 * A table on wider screens; on phones one card per row: one column as its title, the others
 * each beside its column's name.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  titleColumn,
  actions,
  actionsLabel,
  testId,
}: DataTableProps<T>) {
  const isPhone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });

  if (isPhone) {
    const first = columns.find((c) => c.key === titleColumn) ?? columns[0];
    const rest = columns.filter((c) => c !== first);
    return (
      <Stack gap="sm">
        {rows.map((row) => (
          <Card key={rowKey(row)} withBorder radius="md" padding="md" data-testid={testId}>
            <Stack gap={8}>
              <Text fw={700} size="sm" className="kizuna-break">
                {first?.cell(row)}
              </Text>
              {rest.map((c) => (
                <Group key={c.key} gap="sm" wrap="nowrap" align="flex-start" justify="space-between">
                  <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} maw="40%">
                    {c.header}
                  </Text>
                  <Text component="div" size="sm" ta="right" className="kizuna-break" style={{ minWidth: 0 }}>
                    {c.cell(row)}
                  </Text>
                </Group>
              ))}
              {actions ? (
                <Group gap="xs" justify="flex-end" pt={4}>
                  {actions(row)}
                </Group>
              ) : null}
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c.key} ta={c.align} w={c.width} style={{ whiteSpace: 'nowrap' }}>
                {c.header}
              </Table.Th>
            ))}
            {actions ? (
              <Table.Th>
                <VisuallyHidden>{actionsLabel}</VisuallyHidden>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} data-testid={testId}>
              {columns.map((c) => (
                <Table.Td key={c.key} ta={c.align} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                  {c.cell(row)}
                </Table.Td>
              ))}
              {actions ? (
                <Table.Td>
                  <Group gap={4} wrap="nowrap" justify="flex-end">
                    {actions(row)}
                  </Group>
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
