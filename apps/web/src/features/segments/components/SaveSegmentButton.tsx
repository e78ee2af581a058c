import { Button } from '@mantine/core';
import { IconBookmarkPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlumniFilter } from '../../alumni/api/alumni';
import { SegmentFormModal } from './SegmentFormModal';

/** "この条件をセグメントとして保存" under the alumni list's filters. */
export function SaveSegmentButton({ filter }: { filter: AlumniFilter }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="subtle"
        size="compact-sm"
        leftSection={<IconBookmarkPlus size={16} />}
        onClick={() => setOpened(true)}
        data-testid="save-segment"
      >
        {t('segments.saveFromList')}
      </Button>
      <SegmentFormModal opened={opened} onClose={() => setOpened(false)} fixedFilter={filter} />
    </>
  );
}
